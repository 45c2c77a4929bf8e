// PHP handlers under Xdebug: the launcher points Xdebug at a debugger that listens, breakpoints in
// the user's file hit, the function's timeout can be paused while stopped, and invoking never
// depends on Xdebug. The debugger here is a DBGp client written for the test (dbgpClient.ts), the
// protocol the PHP Debug extension speaks; Debian's php-xdebug provides the engine (.ci/run).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { resolveInterpreter } from '../../../src/core/invoke';
import { phpHasXdebug, phpShimCommand, xdebugMissingMessage } from '../../../src/core/invoke/launch/php';
import { listenDbgp, type DbgpPacket } from './dbgpClient';
import { invokerFor, logText, makeFunction, outputJson, tempDir } from './harness';

const HANDLER = [
  '<?php',
  'function handler($event, $context) {',
  '  $answer = $event->n * 2;',
  "  return ['answer' => $answer];", // line 4: the breakpoint
  '}',
  '',
].join('\n');
const BREAK_LINE = 4;

const xdebug = (() => {
  try {
    return execFileSync('php', ['-r', 'echo extension_loaded("xdebug") ? "yes" : "no";'], { encoding: 'utf8' }) === 'yes';
  } catch {
    return false;
  }
})();

void describe('PHP handlers under Xdebug', { skip: xdebug ? false : 'php has no Xdebug (apt-get install php-xdebug)' }, () => {
  void test('a breakpoint in the handler hits on every invocation, its variables are readable, and the timeout pauses while stopped', async (t) => {
    const spec = await makeFunction(t, { 'index.php': HANDLER }, { runtime: 'PHP8.3', timeout: 3 });
    const ide = await listenDbgp();
    t.after(() => ide.close());
    const invoker = invokerFor(t, spec, { timeoutS: 1, debug: { kind: 'php', port: ide.port } });
    const file = pathToFileURL(path.join(spec.codeDir, 'index.php')).href;

    const first = invoker.invoke('{"n": 21}');
    const dbgp = await ide.connection();
    const init = await dbgp.next();
    assert.match(init.xml, /<init /, 'Xdebug greets the debugger when the instance starts');
    assert.match(init.attr('fileuri') ?? '', /runtime\.php$/, 'the script is our shim');
    const bp = await dbgp.send('breakpoint_set', `-t line -f ${file} -n ${BREAK_LINE}`);
    assert.ok(bp.attr('id'), bp.xml);

    // Each invocation stops at the breakpoint; `run` answers at the next break, so it is not awaited.
    const stopAndContinue = async (stopped: Promise<DbgpPacket>, n: number) => {
      const at = await stopped;
      assert.equal(at.attr('status'), 'break', at.xml);
      assert.match(at.xml, new RegExp(`filename="${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" lineno="${BREAK_LINE}"`));
      const value = await dbgp.send('property_get', '-n $answer');
      assert.match(value.xml, new RegExp(`type="int"[^>]*><!\\[CDATA\\[${n * 2}\\]\\]>`), value.xml);
      // Stopped longer than the 1 s timeout: paused, as the debug adapter does at a breakpoint.
      invoker.pauseTimeout();
      await new Promise((r) => setTimeout(r, 1500));
      invoker.resumeTimeout();
      return dbgp.send('run', '', 60_000);
    };
    const nextStop = stopAndContinue(dbgp.send('run'), 21);
    const r1 = await first;
    assert.equal(r1.status, 'ok', `${r1.outputText}\n${logText(r1)}`);
    assert.deepEqual(outputJson(r1), { answer: 42 });

    const second = invoker.invoke('{"n": 5}');
    const last = stopAndContinue(nextStop, 5);
    const r2 = await second;
    assert.equal(r2.status, 'ok', r2.outputText);
    assert.deepEqual(outputJson(r2), { answer: 10 });
    assert.equal(r2.coldStart, false, 'the same instance, on the same debugger connection');
    void last.catch(() => undefined);
  });

  void test('stopOnEntry: the first stop is the handler\'s first line (not the shim), once per instance', async (t) => {
    const spec = await makeFunction(t, { 'index.php': HANDLER }, { runtime: 'PHP8.3' });
    const ide = await listenDbgp();
    t.after(() => ide.close());
    const invoker = invokerFor(t, spec, { debug: { kind: 'php', port: ide.port, stopOnEntry: true } });
    const file = pathToFileURL(path.join(spec.codeDir, 'index.php')).href;
    const result = invoker.invoke('{"n": 1}');
    const dbgp = await ide.connection();
    await dbgp.next(); // init
    const entry = await dbgp.send('run');
    assert.equal(entry.attr('status'), 'break', entry.xml);
    assert.match(entry.xml, new RegExp(`filename="${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" lineno="3"`), 'stopped on the handler\'s first line');
    const next = dbgp.send('run', '', 60_000);
    assert.equal((await result).status, 'ok');
    const second = await invoker.invoke('{"n": 2}');
    assert.deepEqual(outputJson(second), { answer: 4 }, 'the second event does not stop');
    void next.catch(() => undefined);
  });

  void test('stopOnEntry with an initializer: the first stop is the initializer\'s first line, and the handler then runs through', async (t) => {
    const source = HANDLER + 'function init($context) {\n  $GLOBALS["ready"] = true;\n}\n'; // init's first line: 7
    const spec = await makeFunction(t, { 'index.php': source }, { runtime: 'PHP8.3', initializer: 'index.init' });
    const ide = await listenDbgp();
    t.after(() => ide.close());
    const invoker = invokerFor(t, spec, { debug: { kind: 'php', port: ide.port, stopOnEntry: true } });
    const result = invoker.invoke('{"n": 3}');
    const dbgp = await ide.connection();
    await dbgp.next(); // init
    const entry = await dbgp.send('run');
    assert.equal(entry.attr('status'), 'break', entry.xml);
    assert.match(entry.xml, /index\.php" lineno="7"/, entry.xml);
    const next = dbgp.send('run', '', 60_000);
    const r = await result;
    assert.deepEqual(outputJson(r), { answer: 6 }, `${r.outputText}\n${logText(r)}`);
    void next.catch(() => undefined);
  });
});

void describe('PHP invoke does not depend on Xdebug', () => {
  void test('a plain invoke runs with Xdebug off, even where it is installed', async (t) => {
    const php = await resolveInterpreter('PHP8.3');
    assert.ok(php, 'php is installed (.ci/run: php-cli)');
    const launch = phpShimCommand(php);
    assert.deepEqual(launch.args.slice(0, 2), ['-d', 'xdebug.mode=off']);
    const spec = await makeFunction(t, { 'index.php': '<?php function handler($e, $c) { return ["modes" => extension_loaded("xdebug") ? xdebug_info("mode") : "absent"]; }\n' }, { runtime: 'PHP8.3' });
    const r = await invokerFor(t, spec).invoke('{}');
    assert.equal(r.status, 'ok', r.outputText);
    // Xdebug lists no mode when it is off (its default is "develop", which slows every call).
    const { modes } = outputJson(r) as { modes: string[] | 'absent' };
    assert.ok(modes === 'absent' || modes.length === 0, r.outputText);
  });

  void test('a php without Xdebug invokes as usual, and the debug message names the install step', async (t) => {
    const php = await resolveInterpreter('PHP8.3');
    assert.ok(php);
    // The same php with no ini files at all: no extension from conf.d, so no Xdebug.
    const bare = path.join(tempDir(t), 'php-without-xdebug');
    writeFileSync(bare, `#!/bin/sh\nexec ${php.path} -n "$@"\n`, { mode: 0o755 });
    assert.equal(await phpHasXdebug(bare), false);
    assert.match(xdebugMissingMessage(bare), /Xdebug, which .*php-without-xdebug does not load\. Install it \(Debian or Ubuntu: `sudo apt-get install php-xdebug`/);
    const spec = await makeFunction(t, { 'index.php': HANDLER }, { runtime: 'PHP8.3' });
    const r = await invokerFor(t, spec, { interpreters: { paths: { php: bare } } }).invoke('{"n": 4}');
    assert.equal(r.status, 'ok', `${r.outputText}\n${logText(r)}`);
    assert.deepEqual(outputJson(r), { answer: 8 });
    assert.ok(logText(r).includes(`PHP8.3 → ${bare} (PHP`), `the php named in the settings runs as named (a wrapper may set ini options):\n${logText(r)}`);
  });
});
