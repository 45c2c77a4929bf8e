// PHP breakpoints through the REAL PHP Debug adapter (xdebug/vscode-php-debug's out/phpDebug.js),
// the child session VS Code starts for our `functiongraph.startChild` event. Our adapter runs as in
// phpChild.test.ts; this test plays VS Code between the two: it hands the PHP Debug adapter exactly
// the configuration the extension builds (src/shared/phpChildConfiguration.ts), sets breakpoints,
// and checks what the user sees in both sessions.
// Gated: CI cannot download the PHP Debug extension (it is on no registry CI reaches), so this runs
// only where FGTK_PHP_DEBUG_ADAPTER names a built phpDebug.js (README, "PHP handlers", says how).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, symlinkSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { dataDir } from '../../src/core/dataDir';
import type { StartChildBody } from '../../src/shared/dapProtocol';
import { phpChildConfiguration } from '../../src/shared/phpChildConfiguration';
import { launchForChild, localPhp, phpFunction, processAlive, startAdapter, waitUntil, withTimeout, type Fixture, type Harness } from './helpers';

const ADAPTER = process.env.FGTK_PHP_DEBUG_ADAPTER;
const { php: PHP, hasXdebug } = localPhp();
const skip = !ADAPTER
  ? 'FGTK_PHP_DEBUG_ADAPTER is not set: it names the PHP Debug extension\'s built adapter (out/phpDebug.js), which CI cannot download'
  : !existsSync(ADAPTER) ? `FGTK_PHP_DEBUG_ADAPTER=${ADAPTER} does not exist`
    : !PHP ? 'php is not installed (apt-get install php-cli)'
      : !hasXdebug ? 'php has no Xdebug (apt-get install php-xdebug)' : false;

const HANDLER = [
  '<?php',
  'function handler($event, $context) {',
  '  echo "handling {$event->n}\\n";', // line 3: the handler's first line
  '  if (isset($event->exit)) exit(3);', // ends the instance: the next event starts another
  '  $answer = $event->n * 2;',
  "  return ['answer' => $answer];", // line 6: the breakpoint
  '}',
  '',
].join('\n');
const FIRST_LINE = 3;
const BREAK_LINE = 6;

/** What each child session printed (VS Code merges it into our Debug Console). */
const childOutput = new WeakMap<DebugClient, string[]>();

/** VS Code's side of a `php` child session: the real adapter over stdio. */
async function startPhpDebug(): Promise<DebugClient> {
  const dc = new DebugClient('node', ADAPTER!, 'php', undefined, true);
  dc.defaultTimeout = 20_000;
  const printed: string[] = [];
  childOutput.set(dc, printed);
  dc.on('output', (e: DebugProtocol.OutputEvent) => printed.push(e.body.output));
  await dc.start();
  await dc.initializeRequest({ adapterID: 'php', clientID: 'vscode', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path', supportsVariableType: true, supportsRunInTerminalRequest: false });
  return dc;
}

void describe('PHP handler under the real PHP Debug adapter (xdebug.php-debug)', { skip }, () => {
  let fixture: Fixture;
  let root: string;
  let dir: string;
  let file: string;
  before(() => {
    fixture = phpFunction(HANDLER, { n: 21 });
    ({ root, dir } = fixture);
    file = path.join(dir, 'index.php');
  });
  after(() => fixture.cleanup());

  /**
   * F5 as VS Code runs it: our session asks for the child; the child gets the extension's
   * configuration, its launch answer lets our session go on (startDebugging resolved), and its
   * breakpoints and configurationDone follow, as VS Code sends them after `initialized`.
   */
  async function debugUnderPhpDebug(h: Harness, launchArgs: Record<string, unknown>, breakpoints: number[], functionDir = dir): Promise<{ php: DebugClient; child: StartChildBody }> {
    const { child, launched } = await launchForChild(h, { function: functionDir, ...launchArgs });
    assert.equal(child.kind, 'php');
    const php = await startPhpDebug();
    const initialized = php.waitForEvent('initialized');
    await php.launchRequest(phpChildConfiguration(child, `${child.functionName} handler`, dataDir('shims')) as DebugProtocol.LaunchRequestArguments);
    await h.dc.customRequest('childAttached', {});
    await initialized;
    await php.setBreakpointsRequest({ source: { path: path.join(functionDir, 'index.php') }, breakpoints: breakpoints.map((line) => ({ line })) });
    await php.configurationDoneRequest();
    await launched;
    return { php, child };
  }

  async function localsOf(php: DebugClient, frameId: number): Promise<Map<string, string>> {
    const scopes = await php.scopesRequest({ frameId });
    const locals = scopes.body.scopes.find((s) => s.name === 'Locals');
    assert.ok(locals, `a Locals scope: ${JSON.stringify(scopes.body.scopes)}`);
    const vars = await php.variablesRequest({ variablesReference: locals.variablesReference });
    return new Map(vars.body.variables.map((v) => [v.name, v.value]));
  }

  void test('a breakpoint in the handler stops there, $answer and $event read the event\'s values, and after Continue the result and REPORT reach our Debug Console', async () => {
    const h = await startAdapter();
    let php: DebugClient | undefined;
    try {
      ({ php } = await debugUnderPhpDebug(h, {}, [BREAK_LINE]));
      const trace = await php.assertStoppedLocation('breakpoint', { path: file, line: BREAK_LINE });
      const frame = trace.body.stackFrames[0];
      const locals = await localsOf(php, frame.id);
      assert.equal(locals.get('$answer'), '42', [...locals].join(' '));
      const event = await php.evaluateRequest({ expression: '$event->n', frameId: frame.id, context: 'watch' });
      assert.equal(event.body.result, '21');
      await php.continueRequest({ threadId: (await php.threadsRequest()).body.threads[0].id });
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      const text = h.text();
      assert.equal(text.match(/handling 21/g)?.length, 1, text);
      assert.match(text, /\{"answer":42\}/);
      assert.doesNotMatch(text, /Could not attach|continues without breakpoints/);
      assert.doesNotMatch(childOutput.get(php)!.join(''), /handling 21/, 'the handler\'s output is shown once, by our session (PHP Debug does not echo it)');
    } finally {
      await h.close();
      await php?.stop();
    }
  });

  void test('stopOnEntry stops on the handler\'s first line, once: the next event runs through', async () => {
    const h = await startAdapter();
    let php: DebugClient | undefined;
    try {
      ({ php } = await debugUnderPhpDebug(h, { stopOnEntry: true }, []));
      const stop = await php.waitForEvent('stopped') as DebugProtocol.StoppedEvent;
      const trace = await php.stackTraceRequest({ threadId: stop.body.threadId! });
      const top = trace.body.stackFrames[0];
      assert.equal(top.source?.path, file, `stopped in ${top.source?.path}:${top.line}`);
      assert.equal(top.line, FIRST_LINE);
      let stoppedAgain = false;
      php.on('stopped', () => { stoppedAgain = true; });
      await php.continueRequest({ threadId: stop.body.threadId! });
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      assert.match(h.text(), /\{"answer":42\}/);
      const second = await withTimeout(h.dc.customRequest('sendEvent', { event: { n: 5 } }), 20_000, 'the second event');
      assert.equal((second.body as { status: string }).status, 'ok');
      assert.match(h.text(), /\{"answer":10\}/);
      assert.equal(stoppedAgain, false, 'stopOnEntry stops once per session');
    } finally {
      await h.close();
      await php?.stop();
    }
  });

  void test('Step Out of the handler does not stop in our runtime shim (skipFiles): the result comes back', async () => {
    const h = await startAdapter();
    let php: DebugClient | undefined;
    try {
      ({ php } = await debugUnderPhpDebug(h, {}, [BREAK_LINE]));
      const trace = await php.assertStoppedLocation('breakpoint', { path: file, line: BREAK_LINE });
      const stops: string[] = [];
      php.on('stopped', () => { stops.push('stopped'); });
      await php.stepOutRequest({ threadId: (await php.threadsRequest()).body.threads[0].id });
      await h.waitForOutput(/^REPORT RequestId:/, 20_000).catch(async (err: Error) => {
        const at = (await php!.stackTraceRequest({ threadId: (await php!.threadsRequest()).body.threads[0].id })).body.stackFrames[0];
        throw new Error(`${err.message}\nstopped at ${at.source?.path}:${at.line}`);
      });
      assert.match(h.text(), /\{"answer":42\}/);
      assert.deepEqual(stops, [], `no stop after Step Out (was at ${trace.body.stackFrames[0].line})`);
    } finally {
      await h.close();
      await php?.stop();
    }
  });

  void test('when the instance ends (exit in the handler), the next instance connects to the same PHP Debug session and stops at the breakpoint again', async () => {
    const h = await startAdapter();
    let php: DebugClient | undefined;
    try {
      ({ php } = await debugUnderPhpDebug(h, {}, [BREAK_LINE]));
      let terminated = false;
      php.on('terminated', () => { terminated = true; });
      await php.assertStoppedLocation('breakpoint', { path: file, line: BREAK_LINE });
      await php.continueRequest({ threadId: (await php.threadsRequest()).body.threads[0].id });
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      const crashed = await withTimeout(h.dc.customRequest('sendEvent', { event: { n: 1, exit: true } }), 20_000, 'the event that ends the instance');
      assert.equal((crashed.body as { status: string }).status, 'crashed');
      const stopped = php.assertStoppedLocation('breakpoint', { path: file, line: BREAK_LINE });
      const next = h.dc.customRequest('sendEvent', { event: { n: 4 } });
      const trace = await stopped;
      assert.equal((await localsOf(php, trace.body.stackFrames[0].id)).get('$answer'), '8');
      await php.continueRequest({ threadId: (await php.threadsRequest()).body.threads[0].id });
      const result = (await withTimeout(next, 20_000, 'the next event')).body as { status: string; output: string; coldStart: boolean };
      assert.deepEqual([result.status, result.output, result.coldStart], ['ok', '{"answer":8}', true]);
      assert.equal(terminated, false, 'the child session outlives an instance');
    } finally {
      await h.close();
      await php?.stop();
    }
  });

  for (const first of ['our session', 'the PHP Debug session'] as const) {
    void test(`stopping while the handler is paused at a breakpoint (${first} ends first) leaves no php process`, async () => {
      const h = await startAdapter();
      const { php } = await debugUnderPhpDebug(h, {}, [BREAK_LINE]);
      await php.assertStoppedLocation('breakpoint', { path: file, line: BREAK_LINE });
      const pid = Number(/Started instance \(pid (\d+)\)/.exec(h.text())?.[1]);
      assert.ok(processAlive(pid), h.text());
      // PHP Debug answers the disconnect, then exits.
      const endChild = () => withTimeout(php.disconnectRequest({}), 20_000, 'PHP Debug\'s disconnect answer');
      if (first === 'our session') {
        await h.close();
        await endChild();
      } else {
        await endChild();
        await h.close();
      }
      assert.ok(await waitUntil(() => !processAlive(pid), 10_000), `php (pid ${pid}) is gone`);
    });
  }

  void test('a function opened through a symbolic link stops in the file the user opened, not in its real path', async () => {
    const link = path.join(root, 'linked');
    symlinkSync(dir, link);
    const h = await startAdapter();
    let php: DebugClient | undefined;
    try {
      ({ php } = await debugUnderPhpDebug(h, {}, [BREAK_LINE], link));
      await php.assertStoppedLocation('breakpoint', { path: path.join(link, 'index.php'), line: BREAK_LINE });
      await php.continueRequest({ threadId: (await php.threadsRequest()).body.threads[0].id });
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
    } finally {
      await h.close();
      await php?.stop();
    }
  });

  void test('a port already taken when PHP Debug starts: it refuses the launch with the address, and the function runs without breakpoints, Xdebug off', async () => {
    const h = await startAdapter();
    let squatted = 0;
    const squatter = net.createServer((s) => { squatted++; s.destroy(); });
    try {
      const { child, launched } = await launchForChild(h, { function: dir });
      // Our port was free when chosen; another program takes it before PHP Debug listens.
      await new Promise<void>((resolve) => squatter.listen(child.port, child.host, resolve));
      const php = await startPhpDebug();
      try {
        const refused = await php.launchRequest(phpChildConfiguration(child, `${child.functionName} handler`, dataDir('shims')) as DebugProtocol.LaunchRequestArguments).then(() => undefined, (err: Error) => err);
        // VS Code shows this error of the launch, and startDebugging answers false.
        assert.match(refused?.message ?? 'the launch succeeded', new RegExp(`EADDRINUSE.*127\\.0\\.0\\.1:${child.port}`));
      } finally {
        await php.stop();
      }
      // What the extension (startChild in src/extension/debugAdapters.ts) answers when startDebugging is false.
      await h.dc.customRequest('childAttached', { error: 'VS Code did not start the php debug session.' });
      await launched;
      await h.waitForOutput(/^REPORT RequestId:/, 20_000);
      const text = h.text();
      assert.match(text, /Could not attach a debugger to the handler: VS Code did not start the php debug session\.\n/);
      assert.match(text, /This run continues without breakpoints\./);
      assert.match(text, /\{"answer":42\}/);
      assert.equal(squatted, 0, 'Xdebug never connects to whatever holds the port');
    } finally {
      squatter.close();
      await h.close();
    }
  });
});
