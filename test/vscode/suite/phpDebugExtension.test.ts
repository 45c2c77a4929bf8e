// F5 on a PHP handler in a real VS Code with the real PHP Debug extension (xdebug.php-debug): our
// session starts a `php` child session (src/extension/debugAdapters.ts), Xdebug connects to it, and
// VS Code stops on the user's line. Nothing can be downloaded here, so the extension is present only
// where a developer built its .vsix and named it in FGTK_PHP_DEBUG_VSIX (run-real.mjs installs it;
// README, "PHP handlers"); without it this suite skips, and php.test.ts covers the path without it.
// The function folder is written by the suite itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { assertInstanceEnded, debugToBreakpoint, stopOnEntryIntoHandler } from './breakpointRun';
import { activateExtension, tidyWorkbench, writePhpFunction, type FunctionGraphApi } from './helpers';

const PHP_DEBUG = 'xdebug.php-debug';
const FUNCTION = 'php-breakpoints';
/** Longer than the function's `Timeout: 3`. */
const PAUSED_LONGER_THAN_TIMEOUT_MS = 4_500;

function skipReason(): string | undefined {
  if (!vscode.extensions.getExtension(PHP_DEBUG)) return `no ${PHP_DEBUG} in this VS Code (set FGTK_PHP_DEBUG_VSIX to its built .vsix)`;
  try {
    if (execFileSync('php', ['-r', 'echo extension_loaded("xdebug") ? 1 : 0;'], { encoding: 'utf8' }) !== '1') return 'php has no Xdebug (apt-get install php-xdebug)';
  } catch {
    return 'php is not installed (apt-get install php-cli)';
  }
  return undefined;
}

let api: FunctionGraphApi;
let dir: string;

suite('PHP breakpoints through the PHP Debug extension', () => {
  suiteSetup(async function () {
    const reason = skipReason();
    if (reason) {
      console.log(`    (skipped: ${reason})`);
      this.skip();
    }
    ({ api } = await activateExtension());
    dir = await writePhpFunction(api, FUNCTION, [
      '<?php',
      'function handler($event, $context) {',
      '    $greeting = "hello " . $event->name;',
      "    return ['greeting' => $greeting, 'runtime' => 'php']; // BREAKPOINT",
      '}',
      '',
    ], 'default.json', '{"name": "breakpoint"}\n');
  });

  suiteTeardown(async () => {
    await tidyWorkbench();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('F5 stops on the handler line in a php child session, $greeting reads the event, a 4.5 s pause does not hit the 3 s timeout, and no php is left', async () => {
    const run = await debugToBreakpoint({ dir, entry: 'index.php', childTypes: ['php'] }, {
      holdMs: PAUSED_LONGER_THAN_TIMEOUT_MS,
      screenshotName: 'php-debug-breakpoint',
      whileStopped: async (stop, frame) => {
        const value = await stop.session.customRequest('evaluate', { expression: '$greeting', frameId: frame.id, context: 'watch' }) as { result: string };
        assert.equal(value.result, '"hello breakpoint"');
      },
    });
    assert.equal(run.result.status, 'ok', JSON.stringify(run.result));
    assert.deepEqual(JSON.parse(run.result.outputText), { greeting: 'hello breakpoint', runtime: 'php' });
    assert.doesNotMatch(run.output, /Could not attach|continues without breakpoints|need the PHP Debug extension/, run.output);
    await assertInstanceEnded(run);
  });

  test('stopOnEntry stops on the first line of the handler, once', async () => {
    await stopOnEntryIntoHandler({ dir, entry: 'index.php', childTypes: ['php'], entryStop: new RegExp(`/${FUNCTION}/index\\.php$`), stepsIntoHandler: 0 });
  });
});
