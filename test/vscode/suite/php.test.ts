// A PHP handler in a real VS Code: the CodeLens sits above `function handler`, and F5 with debugging
// runs it through the PHP shim. The test VS Code has no PHP Debug extension (nothing is downloaded),
// so F5 must say what to install and still invoke: the user's path before they install it.
// The function folder is written by the suite itself, so it depends on no other suite.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, captureDebugOutput, codeLensesOf, stepOf, tidyWorkbench, waitFor, watchSessions, writePhpFunction, type FunctionGraphApi } from './helpers';

const FUNCTION = 'php-hello';
let api: FunctionGraphApi;
let dir: string;

suiteSetup(async () => {
  ({ api } = await activateExtension());
  dir = await writePhpFunction(api, FUNCTION, [
    '<?php',
    '// function handler() in a comment is not the handler',
    '',
    'function handler($event, $context)',
    '{',
    '    $context->getLogger()->info("hello " . $event->name);',
    "    return ['greeting' => 'hello ' . $event->name];",
    '}',
    '',
  ], 'hello.json', '{"name": "php"}\n');
});

suiteTeardown(async () => {
  await tidyWorkbench();
  rmSync(dir, { recursive: true, force: true });
});

suite('PHP handlers', () => {
  test('the Invoke | Debug CodeLens sits above function handler, not above the comment', async () => {
    const lenses = await stepOf('CodeLenses in index.php', () => codeLensesOf(path.join(dir, 'index.php')));
    assert.deepEqual(lenses.map((l) => [l.command?.command, l.range.start.line]), [['functiongraph.invoke', 3], ['functiongraph.debug', 3]]);
  });

  test('F5 without the PHP Debug extension says what to install, and the function still runs', async function () {
    if (vscode.extensions.getExtension('xdebug.php-debug')) {
      console.log('    (skipped: xdebug.php-debug is installed here (FGTK_PHP_DEBUG_VSIX); phpDebugExtension.test.ts covers F5 with it)');
      this.skip();
    }
    const sessions = watchSessions();
    const output = captureDebugOutput();
    try {
      await stepOf('startDebugging (with debugging) on the PHP function', async () => {
        const ok = await vscode.debug.startDebugging(undefined, {
          type: 'functiongraph', request: 'launch', name: 'F5 php', function: dir, event: path.join(dir, 'events', 'hello.json'), keepAlive: false,
        });
        assert.equal(ok, true);
      });
      await stepOf('the REPORT line', () => waitFor('a REPORT line', () => output.text().includes('REPORT RequestId:'), 30_000, () => output.text()));
      const text = output.text();
      // Either Xdebug is missing from this php, or (as on CI, which installs php-xdebug) the PHP Debug extension is.
      assert.match(text, /need the PHP Debug extension \(xdebug\.php-debug\)|need Xdebug, which .* does not load/, text);
      assert.match(text, /\{"greeting":"hello php"\}/, text);
      assert.match(text, /INFO hello php/, text);
      await waitFor('the session to end', () => sessions.live().length === 0, 20_000);
    } finally {
      output.dispose();
      await sessions.stopAll();
      sessions.dispose();
    }
  });
});
