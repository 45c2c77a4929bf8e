// F5 on a PHP handler in a real VS Code with the real PHP Debug extension (xdebug.php-debug): our
// session starts a `php` child session (src/extension/debugAdapters.ts), Xdebug connects to it, and
// VS Code stops on the user's line. Nothing can be downloaded here, so the extension is present only
// where a developer built its .vsix and named it in FGTK_PHP_DEBUG_VSIX (run-real.mjs installs it;
// README, "PHP handlers"); without it this suite skips, and php.test.ts covers the path without it.
// The function folder is written by the suite itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { debugToBreakpoint, localPath, RESULT_EVENT, type ResultBody } from './breakpointRun';
import { activateExtension, captureStops, inWorkspace, stepOf, tidyWorkbench, waitFor, watchSessions, type FunctionGraphApi } from './helpers';

const PHP_DEBUG = 'xdebug.php-debug';
const FUNCTION = 'php-breakpoints';
const HANDLER_FIRST_LINE = 3; // 1-based, the line after `function handler(...) {`
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
    dir = inWorkspace(FUNCTION);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'events'), { recursive: true });
    writeFileSync(path.join(dir, 'template.yml'), [
      'HcCrmTemplateVersion: v2', 'Resources:', `  ${FUNCTION}:`, '    Type: HC::Serverless::Function', '    Properties:',
      `      Name: ${FUNCTION}`, '      Handler: index.handler', '      Runtime: PHP8.3', '      MemorySize: 128', '      Timeout: 3', '',
    ].join('\n'));
    writeFileSync(path.join(dir, 'index.php'), [
      '<?php',
      'function handler($event, $context) {',
      '    $greeting = "hello " . $event->name;',
      "    return ['greeting' => $greeting, 'runtime' => 'php']; // BREAKPOINT",
      '}',
      '',
    ].join('\n'));
    writeFileSync(path.join(dir, 'events', 'default.json'), '{"name": "breakpoint"}\n');
    await waitFor(`${FUNCTION} in listFunctions()`, async () => (await api.listFunctions()).find((f) => f.name === FUNCTION), 20_000);
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
    assert.ok(run.instancePid, run.output);
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    await stepOf('stopping the session ends the php instance', () => waitFor(`pid ${run.instancePid} to exit`, () => !alive(run.instancePid!), 5_000));
  });

  test('stopOnEntry stops on the first line of the handler, once', async () => {
    const sessions = watchSessions();
    const stops = captureStops();
    const results: ResultBody[] = [];
    const resultEvents = vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type === 'functiongraph' && e.event === RESULT_EVENT) results.push(e.body as ResultBody);
    });
    const describe = () => `stops: ${JSON.stringify(stops.stops.map((s) => ({ type: s.session.type, reason: s.reason })))}`;
    try {
      await stepOf('startDebugging with stopOnEntry', async () => {
        const ok = await vscode.debug.startDebugging(undefined, {
          type: 'functiongraph', request: 'launch', name: 'PHP stop on entry', function: dir, event: path.join(dir, 'events', 'default.json'), stopOnEntry: true,
        });
        assert.equal(ok, true);
      });
      const entry = await stepOf('the first stop', () => waitFor('a stopped event', () => stops.stops[0], 30_000, describe));
      assert.equal(entry.session.type, 'php', describe());
      const trace = await entry.session.customRequest('stackTrace', { threadId: entry.threadId, startFrame: 0, levels: 1 }) as { stackFrames: { line: number; source?: { path?: string } }[] };
      const top = trace.stackFrames[0];
      assert.equal(realpathSync(localPath(top?.source?.path ?? '')), realpathSync(path.join(dir, 'index.php')), JSON.stringify(top));
      assert.equal(top.line, HANDLER_FIRST_LINE, JSON.stringify(top));
      await stepOf('continue', () => entry.session.customRequest('continue', { threadId: entry.threadId }));
      const result = await stepOf('the result', () => waitFor('the functiongraph.result event', () => results[0], 15_000, describe));
      assert.equal(result.status, 'ok', JSON.stringify(result));
      assert.equal(stops.stops.length, 1, `no other stop (${describe()})`);
    } finally {
      resultEvents.dispose();
      stops.dispose();
      try {
        await sessions.stopAll();
      } finally {
        sessions.dispose();
      }
    }
  });
});
