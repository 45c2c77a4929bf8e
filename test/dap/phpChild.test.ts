// Breakpoints in a PHP handler through the debug adapter: the session asks its client for a `php`
// child session on a free port before the instance starts (Xdebug connects out to a listening
// debugger); here the test is that client and listens with a DBGp client of its own (what the PHP
// Debug extension does). Without Xdebug, or when the client cannot start the child, the function
// still runs and the Debug Console says what to install.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listenDbgp } from '../unit/shims/dbgpClient';
import { launch, launchForChild, localPhp, phpFunction, startAdapter, type Fixture, type Harness } from './helpers';

const { php: PHP, hasXdebug } = localPhp();

const HANDLER = [
  '<?php',
  'function handler($event, $context) {',
  '  echo "handling {$event->n}\\n";',
  '  $answer = $event->n * 2;',
  "  return ['answer' => $answer];",
  '}',
  '',
].join('\n');
const BREAK_LINE = 5;

/**
 * What the PHP Debug extension does for the child configuration: listen on the port (then VS Code
 * reports the child started), take Xdebug's connection, set a breakpoint on `file` and run to it.
 */
async function stopInChild(h: Harness, port: number, launched: Promise<void>, file: string) {
  const ide = await listenDbgp(port);
  try {
    await h.dc.customRequest('childAttached', {});
    await launched;
    const dbgp = await ide.connection();
    await dbgp.next(); // init
    await dbgp.send('breakpoint_set', `-t line -f ${pathToFileURL(file).href} -n ${BREAK_LINE}`);
    const stopped = await dbgp.send('run');
    assert.equal(stopped.attr('status'), 'break', stopped.xml);
    return { ide, dbgp, stopped };
  } catch (err) {
    ide.close();
    throw err;
  }
}

void describe('PHP handler under Xdebug (child session)', { skip: PHP ? false : 'php is not installed (apt-get install php-cli)' }, () => {
  let fixture: Fixture;
  let root: string;
  let dir: string;
  before(() => {
    fixture = phpFunction(HANDLER, { n: 21 });
    ({ root, dir } = fixture);
  });
  after(() => fixture.cleanup());

  void test('the child session listens first, Xdebug connects, a breakpoint hits and the 1 s timeout does not fire during a 2 s pause', { skip: hasXdebug ? false : 'php has no Xdebug (apt-get install php-xdebug)' }, async () => {
    const h = await startAdapter();
    try {
      const { child, launched } = await launchForChild(h, { function: dir, timeout: 1 });
      assert.equal(child.kind, 'php');
      assert.equal(child.host, '127.0.0.1');
      assert.equal(child.functionName, 'phpfn');
      const { ide, dbgp, stopped } = await stopInChild(h, child.port, launched, path.join(dir, 'index.php'));
      try {
        assert.match(stopped.xml, new RegExp(`index\\.php" lineno="${BREAK_LINE}"`));
        // The extension's tracker pauses the timeout while a child is stopped.
        await h.dc.customRequest('pauseTimeout');
        const answer = await dbgp.send('property_get', '-n $answer');
        assert.match(answer.xml, /<!\[CDATA\[42\]\]>/);
        await new Promise((r) => setTimeout(r, 2000));
        await h.dc.customRequest('resumeTimeout');
        void dbgp.send('run', '', 60_000).catch(() => undefined);
        await h.waitForOutput(/^REPORT RequestId:/, 20_000);
        const text = h.text();
        assert.match(text, /handling 21/);
        assert.match(text, /\{"answer":42\}/, 'the handler finished after the pause');
        assert.doesNotMatch(text, /ERROR \(timeout\)/);
      } finally {
        ide.close();
      }
    } finally {
      await h.close();
    }
  });

  void test('a function under a symbolic link: the child is told the real folder, which is where Xdebug says the breakpoint is', { skip: hasXdebug ? false : 'php has no Xdebug (apt-get install php-xdebug)' }, async () => {
    const link = path.join(root, 'linked');
    symlinkSync(dir, link);
    const h = await startAdapter();
    try {
      const { child, launched } = await launchForChild(h, { function: link });
      assert.equal(child.functionDir, link);
      assert.equal(child.realFunctionDir, realpathSync(dir), 'the real folder, for the child\'s path mappings');
      const { ide, dbgp, stopped } = await stopInChild(h, child.port, launched, path.join(link, 'index.php'));
      try {
        assert.equal(stopped.xml.match(/filename="([^"]+)"/)?.[1], pathToFileURL(path.join(child.realFunctionDir!, 'index.php')).href, 'Xdebug names the file by its real path');
        void dbgp.send('run', '', 60_000).catch(() => undefined);
        await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      } finally {
        ide.close();
      }
    } finally {
      await h.close();
    }
  });

  void test('when the client cannot start the child (no PHP Debug extension), the function runs and the console says why', { skip: hasXdebug ? false : 'php has no Xdebug' }, async () => {
    const h = await startAdapter();
    try {
      const { launched } = await launchForChild(h, { function: dir, timeout: 1 });
      await h.dc.customRequest('childAttached', { error: 'breakpoints in PHP handlers need the PHP Debug extension (xdebug.php-debug)' });
      await launched;
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      const text = h.text();
      assert.match(text, /Could not attach a debugger to the handler: breakpoints in PHP handlers need the PHP Debug extension \(xdebug\.php-debug\)/);
      assert.match(text, /This run continues without breakpoints\./);
      assert.match(text, /\{"answer":42\}/);
    } finally {
      await h.close();
    }
  });

  void test('a php without Xdebug: no child session, the console names the install step, and the function runs', async () => {
    const bare = path.join(root, 'php-without-xdebug');
    writeFileSync(bare, `#!/bin/sh\nexec ${PHP} -n "$@"\n`, { mode: 0o755 });
    const h = await startAdapter();
    try {
      let asked = false;
      h.dc.on('functiongraph.startChild', () => { asked = true; });
      await launch(h, { type: 'functiongraph', request: 'launch', name: 'php', function: dir, __fgtk: { childSessions: true, interpreters: { paths: { php: bare } } } });
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      const text = h.text();
      assert.match(text, /Breakpoints in PHP handlers need Xdebug, which .*php-without-xdebug does not load\. Install it \(Debian or Ubuntu: `sudo apt-get install php-xdebug`/);
      assert.match(text, /\{"answer":42\}/);
      assert.equal(asked, false, 'no child session was asked for');
    } finally {
      await h.close();
    }
  });
});
