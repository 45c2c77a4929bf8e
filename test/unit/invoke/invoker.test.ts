// End to end: real bootstraps (Node.js, Python, bash, sh) against the embedded runtime API.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { Invoker, type InvocationResult } from '../../../src/core/invoke';
import { REPO, alive, eventually, fixture, liveGroupMembers, pgidOf, tempFunction } from './helpers';

const invokers: Invoker[] = [];
function track(inv: Invoker): Invoker {
  invokers.push(inv);
  return inv;
}
after(async () => {
  await Promise.all(invokers.map((i) => i.dispose()));
});

const cmd = (c: Record<string, unknown>) => JSON.stringify(c);

void describe('Invoker with a Node.js bootstrap', async () => {
  const spec = await fixture('node-echo');

  void it('API-1/API-3: echoes an event; the first invocation is a cold start with an init duration', async () => {
    const inv = track(new Invoker(spec));
    const first = await inv.invoke('{"hello":"world"}');
    assert.equal(first.status, 'ok', first.outputText);
    assert.equal(first.outputText, '{"hello":"world"}');
    assert.equal(first.coldStart, true);
    assert.equal(first.initDurationMs !== undefined && first.initDurationMs > 0, true);
    const second = await inv.invoke('{"n":2}');
    assert.equal(second.coldStart, false);
    assert.equal(second.initDurationMs, undefined);
    assert.doesNotMatch(first.requestId, /:/);
    assert.notEqual(first.requestId, second.requestId);
    await inv.dispose();
  });

  void it('INV-4: the summary has duration, billed duration rounded up to whole ms, configured and measured memory', async () => {
    const inv = track(new Invoker(spec, { memoryMB: 512 }));
    const r = await inv.invoke(cmd({ cmd: 'sleep', ms: 30 }));
    assert.equal(r.status, 'ok');
    assert.equal(r.durationMs >= 29, true, String(r.durationMs));
    assert.equal(r.billedDurationMs, Math.ceil(r.durationMs));
    assert.equal(r.memorySizeMB, 512);
    // Measured, not configured: a Node.js process holds tens of MB, far from 512.
    assert.equal(r.maxMemoryUsedMB > 10 && r.maxMemoryUsedMB < 300, true, String(r.maxMemoryUsedMB));
    const grown = await inv.invoke(cmd({ cmd: 'alloc', mb: 80 }));
    const after80 = await inv.invoke(cmd({ cmd: 'sleep', ms: 30 }));
    assert.equal(grown.status, 'ok');
    assert.equal(after80.maxMemoryUsedMB >= r.maxMemoryUsedMB + 60, true, `${r.maxMemoryUsedMB} → ${after80.maxMemoryUsedMB}`);
    await inv.dispose();
  });

  void it('INV-2: with enforcement, going over the memory size fails with "runtime memory limit exceeded"', async () => {
    const inv = track(new Invoker(spec, { memoryMB: 128, enforceMemory: true }));
    const r = await inv.invoke(cmd({ cmd: 'alloc', mb: 200 }));
    // The allocation may finish before a sample sees it; then the next invocation (still over) fails.
    const r2 = r.status === 'ok' ? await inv.invoke(cmd({ cmd: 'sleep', ms: 200 })) : r;
    assert.equal(r2.status, 'error');
    assert.equal(r2.error?.errorType, 'MemoryLimitExceeded');
    assert.match(r2.error!.errorMessage, /^runtime memory limit exceeded/);
    await inv.dispose();
  });

  void it('API-4/INV-3: the error endpoint gives an error result with errorType and errorMessage', async () => {
    const inv = track(new Invoker(spec));
    const r = await inv.invoke(cmd({ cmd: 'error', message: 'no luck' }));
    assert.equal(r.status, 'error');
    assert.deepEqual(r.error, { errorType: 'BadThing', errorMessage: 'no luck' });
    assert.deepEqual(JSON.parse(r.outputText), { errorType: 'BadThing', errorMessage: 'no luck' });
    const ok = await inv.invoke('{}');
    assert.equal(ok.status, 'ok');
    assert.equal(ok.coldStart, false);
    await inv.dispose();
  });

  void it('INV-1: a timeout gives a timeout result, kills the tree, and the next invocation starts a fresh instance', async () => {
    const inv = track(new Invoker(spec, { timeoutS: 1 }));
    const warm = await inv.invoke(cmd({ cmd: 'spawn-sleep' }));
    const sleepPid = Number(warm.outputText);
    const pgid = pgidOf(sleepPid)!;
    assert.equal(alive(sleepPid), true);
    const t0 = Date.now();
    const r = await inv.invoke(cmd({ cmd: 'hang' }));
    assert.equal(r.status, 'timeout');
    assert.equal(r.error?.errorType, 'Timeout');
    assert.match(r.error!.errorMessage, /timed out after 1 s/);
    assert.equal(Date.now() - t0 < 5000, true);
    assert.equal(await eventually(() => liveGroupMembers(pgid).length === 0), true, `left: ${liveGroupMembers(pgid)}`);
    assert.equal(alive(sleepPid), false);
    const next = await inv.invoke('{"again":true}');
    assert.equal(next.status, 'ok');
    assert.equal(next.coldStart, true);
    await inv.dispose();
  });

  void it('crash: exiting with an outstanding event names the exit code and the last log lines; the next one cold-starts', async () => {
    const inv = track(new Invoker(spec));
    const r = await inv.invoke(cmd({ cmd: 'crash', code: 7 }));
    assert.equal(r.status, 'crashed');
    assert.match(r.error!.errorMessage, /exited with code 7/);
    assert.match(r.error!.errorMessage, /about to crash/);
    const next = await inv.invoke('{}');
    assert.equal(next.status, 'ok');
    assert.equal(next.coldStart, true);
    await inv.dispose();
  });

  void it('crash: a signal is named', async () => {
    const inv = track(new Invoker(spec));
    const r = await inv.invoke(cmd({ cmd: 'signal' }));
    assert.equal(r.status, 'crashed');
    assert.match(r.error!.errorMessage, /signal SIGSEGV/);
    await inv.dispose();
  });

  void it('INV-5: a request over 6 MB (sync) or 256 KB (async) is refused before it reaches the function', async () => {
    const inv = track(new Invoker(spec));
    const big = await inv.invoke(Buffer.alloc(6 * 1024 * 1024 + 1, 0x61));
    assert.equal(big.status, 'error');
    assert.equal(big.error?.errorType, 'RequestTooLarge');
    assert.match(big.error!.errorMessage, /The event is 6\.1 MB; FunctionGraph accepts at most 6 MB /);
    const inv2 = track(new Invoker(spec, { invokeType: 'async' }));
    const asyncBig = await inv2.invoke(Buffer.alloc(256 * 1024 + 1, 0x61));
    assert.equal(asyncBig.error?.errorType, 'RequestTooLarge');
    assert.match(asyncBig.error!.errorMessage, /The event is 256\.1 KB; FunctionGraph accepts at most 256 KB /);
    await inv.dispose();
    await inv2.dispose();
  });

  void it('INV-5: a huge payload below the limit round-trips; a response over 6 MB is an error', async () => {
    const inv = track(new Invoker(spec, { timeoutS: 10 }));
    const payload = Buffer.alloc(5 * 1024 * 1024, 0x62);
    const r = await inv.invoke(payload);
    assert.equal(r.status, 'ok');
    assert.equal(r.output.length, payload.length);
    assert.equal(r.output.equals(payload), true);
    const tooBig = await inv.invoke(cmd({ cmd: 'big', bytes: 6 * 1024 * 1024 + 10 }));
    assert.equal(tooBig.status, 'error');
    assert.equal(tooBig.error?.errorType, 'ResponseTooLarge');
    assert.match(tooBig.error!.errorMessage, /response is 6\.1 MB; FunctionGraph returns at most 6 MB /);
    const still = await inv.invoke('{}');
    assert.equal(still.status, 'ok');
    await inv.dispose();
  });

  void it('API-1: non-ASCII and binary payloads arrive and return byte for byte', async () => {
    const inv = track(new Invoker(spec));
    const text = '{"msg":"你好, мир, 🌍, café"}';
    const r = await inv.invoke(text);
    assert.equal(r.outputText, text);
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const b = await inv.invoke(binary);
    assert.equal(b.output.equals(binary), true);
    const notJson = await inv.invoke('plain text, not JSON');
    assert.equal(notJson.outputText, 'plain text, not JSON');
    await inv.dispose();
  });

  void it('API-6: queued invocations run one at a time, in order, on one warm instance', async () => {
    const inv = track(new Invoker(spec));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => inv.invoke(`{"i":${i}}`)));
    assert.deepEqual(results.map((r) => r.outputText), Array.from({ length: 8 }, (_, i) => `{"i":${i}}`));
    assert.deepEqual(results.map((r) => r.coldStart), [true, false, false, false, false, false, false, false]);
    await inv.dispose();
  });

  void it('logs: stdout and stderr lines are streamed and attributed to the outstanding request', async () => {
    const inv = track(new Invoker(spec));
    const streamed: string[] = [];
    inv.on('log', (l) => { if (l.stream !== 'emulator') streamed.push(l.text); });
    const r = await inv.invoke(cmd({ cmd: 'log', lines: 3, text: 'ü' }));
    const own = r.logs.filter((l) => l.stream !== 'emulator');
    assert.deepEqual(own.map((l) => [l.stream, l.text]), [['stdout', 'line 0 ü'], ['stdout', 'line 1 ü'], ['stdout', 'line 2 ü'], ['stderr', 'to stderr']]);
    assert.equal(own.every((l) => l.requestId === r.requestId), true);
    assert.equal(streamed.includes('to stderr'), true);
    await inv.dispose();
  });

  void it('API-6: a second answer gets 409, an unknown ID 404, an unknown path 404, all logged', async () => {
    const inv = track(new Invoker(spec));
    const lines: string[] = [];
    inv.on('log', (l) => lines.push(`${l.stream} ${l.text}`));
    const first = await inv.invoke(cmd({ cmd: 'answer-twice' }));
    assert.equal(first.status, 'ok', first.outputText);
    // The function reports what its extra requests got after its answer ended the invocation, so the
    // line arrives a moment later: wait for it in the session's log.
    const report = /second answer: 409 .*RequestAlreadyAnswered.*unknown: 404 .*UnknownRequestId.*bad path: 404/;
    assert.ok(await eventually(() => lines.some((l) => report.test(l)), 5000), lines.join('\n'));
    // The emulator logged each refusal in the session too.
    const emulator = lines.filter((l) => l.startsWith('emulator ')).join('\n');
    assert.match(emulator, /409/);
    assert.match(emulator, /404/);
    await inv.dispose();
  });

  void it('HTTP-4: an APIG event answered with a bare string is warned about', async () => {
    const inv = track(new Invoker(spec));
    const apig = Buffer.from(JSON.stringify({ httpMethod: 'GET', path: '/api', headers: { accept: 'application/json' }, queryStringParameters: {}, pathParameters: {}, body: '', isBase64Encoded: false, requestContext: { apiId: 'a', requestId: 'r', stage: 'RELEASE' } }));
    // node-echo echoes the event itself: not a gateway result.
    const r = await inv.invoke(apig);
    assert.equal(r.status, 'ok');
    assert.equal(r.warnings.some((w) => w.includes('HTTP-4')), true, r.warnings.join());
    const good = await inv.invoke(Buffer.from(JSON.stringify({ statusCode: 200, headers: {}, body: 'x', isBase64Encoded: false, httpMethod: 'GET' })));
    assert.deepEqual(good.warnings, []);
    await inv.dispose();
  });

  void it('dispose stops the whole process tree, grandchildren included, and answers queued invocations', async () => {
    const inv = track(new Invoker(spec));
    const r = await inv.invoke(cmd({ cmd: 'spawn-sleep' }));
    const sleepPid = Number(r.outputText);
    const pgid = pgidOf(sleepPid)!;
    const pending = inv.invoke(cmd({ cmd: 'hang' }));
    const queued = inv.invoke('{}');
    await new Promise((res) => setTimeout(res, 100));
    await inv.dispose();
    assert.equal((await pending).error?.errorType, 'Disposed');
    assert.equal((await queued).error?.errorType, 'Disposed');
    assert.equal(await eventually(() => liveGroupMembers(pgid).length === 0), true);
  });
});

void describe('Invoker environment (ENV-1..4)', async () => {
  void it('ENV-1/ENV-2/ENV-3: the bootstrap sees the complete environment built from the config', async () => {
    const fn = await tempFunction({
      'bootstrap': await fs.readFile(path.join(REPO, 'test/fixtures/functions/node-echo/bootstrap')),
      'template.yml': [
        'HcCrmTemplateVersion: v2',
        'Resources:',
        '  envfn:',
        '    Type: HC::Serverless::Function',
        '    Properties:',
        '      Name: env-fn',
        '      Handler: bootstrap',
        '      Runtime: Custom',
        '      MemorySize: 256',
        '      Timeout: 7',
        '      Environment:',
        '        Variables:',
        '          GREETING: 你好',
        '          MODE: test',
      ].join('\n'),
    });
    try {
      const inv = track(new Invoker(await fn.spec(), { env: { EXTRA: 'x=y' } }));
      const r = await inv.invoke(cmd({ cmd: 'env' }));
      const { env, cwd } = JSON.parse(r.outputText) as { env: Record<string, string>; cwd: string };
      assert.equal(env.RUNTIME_FUNC_NAME, 'env-fn');
      assert.equal(env.RUNTIME_FUNC_VERSION, 'latest');
      assert.equal(env.RUNTIME_PACKAGE, 'default');
      assert.equal(env.RUNTIME_HANDLER, 'bootstrap');
      assert.equal(env.RUNTIME_TIMEOUT, '7');
      assert.equal(env.RUNTIME_MEMORY, '256');
      assert.equal(env.RUNTIME_CPU, '600');
      assert.equal(env.RUNTIME_CODE_ROOT, fn.dir);
      assert.equal(cwd, fn.dir);
      assert.match(env.RUNTIME_API_ADDR, /^127\.0\.0\.1:\d+$/);
      assert.match(env.EXTENSION_API_ADDR, /^127\.0\.0\.1:\d+$/);
      assert.match(env.RUNTIME_PROJECT_ID, /^[0-9a-f]{32}$/);
      assert.deepEqual(JSON.parse(env.RUNTIME_USERDATA), { GREETING: '你好', MODE: 'test', EXTRA: 'x=y' });
      assert.equal(env.GREETING, '你好');
      assert.equal(env.MODE, 'test');
      assert.equal(env.EXTRA, 'x=y');
      assert.equal(env.RUNTIME_MAX_RESP_BODY_SIZE, String(6 * 1024 * 1024));
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });

  void it('ENV-4: a folder with just a bootstrap gets the defaults', async () => {
    const inv = track(new Invoker(await fixture('node-echo')));
    const { env } = JSON.parse((await inv.invoke(cmd({ cmd: 'env' }))).outputText) as { env: Record<string, string> };
    assert.equal(env.RUNTIME_MEMORY, '128');
    assert.equal(env.RUNTIME_CPU, '300');
    assert.equal(env.RUNTIME_TIMEOUT, '3');
    assert.equal(env.RUNTIME_FUNC_VERSION, 'latest');
    assert.equal(env.RUNTIME_PACKAGE, 'default');
    assert.equal(env.RUNTIME_USERDATA, '{}');
    await inv.dispose();
  });
});

void describe('Invoker with Python, bash and sh bootstraps', () => {
  void it('Python bootstrap: echo, error endpoint, environment, logs', async () => {
    const inv = track(new Invoker(await fixture('python-echo')));
    const r = await inv.invoke('{"from":"python ✓"}');
    assert.equal(r.status, 'ok', r.outputText);
    assert.equal(r.outputText, '{"from":"python ✓"}');
    assert.equal(r.logs.some((l) => l.text === 'python got 21 bytes' && l.requestId === r.requestId), true);
    const e = await inv.invoke(cmd({ cmd: 'error' }));
    assert.equal(e.status, 'error');
    assert.equal(e.error?.errorType, 'ValueError');
    const env = JSON.parse((await inv.invoke(cmd({ cmd: 'env' }))).outputText) as { executable: string };
    // The pyenv shim on PATH was resolved to the real interpreter.
    assert.doesNotMatch(env.executable, /shims/);
    await inv.dispose();
  });

  void it('bash bootstrap: binary echo, error endpoint, and a grandchild killed on timeout', async () => {
    const inv = track(new Invoker(await fixture('bash-echo'), { timeoutS: 1 }));
    const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x0a, 0x0d]);
    const r = await inv.invoke(bytes);
    assert.equal(r.status, 'ok', r.outputText);
    assert.equal(r.output.equals(bytes), true);
    assert.equal((await inv.invoke(cmd({ cmd: 'error' }))).error?.errorType, 'ShellError');
    const bg = await inv.invoke(cmd({ cmd: 'background-sleep' }));
    const sleepPid = Number(bg.outputText);
    const pgid = pgidOf(sleepPid)!;
    const t = await inv.invoke(cmd({ cmd: 'sleep-forever' }));
    assert.equal(t.status, 'timeout');
    assert.equal(await eventually(() => liveGroupMembers(pgid).length === 0), true, 'the shell, its sleep and the background sleep are gone');
    await inv.dispose();
  });

  void it('section 9: the official shell sample (#!/bin/sh, set -o pipefail, curl) runs unchanged', async () => {
    const dir = path.join(REPO, 'examples', 'hello-shell');
    const { loadFunction } = await import('../../../src/core/config');
    const inv = track(new Invoker((await loadFunction(dir))!));
    const r = await inv.invoke(await fs.readFile(path.join(dir, 'events', 'hello.json')));
    assert.equal(r.status, 'ok', JSON.stringify(r.logs.map((l) => l.text)));
    assert.equal(r.outputText, 'Echoing request: hello world!');
    const r2 = await inv.invoke('{}');
    assert.equal(r2.outputText, 'Echoing request: hello world!');
    assert.equal(r2.coldStart, false);
    await inv.dispose();
  });

  void it('section 9: a one-line bootstrap without shebang calling /opt/function/runtime/nodejs12.13/... runs with the local node', async () => {
    const inv = track(new Invoker(await fixture('oneline-node')));
    const r = await inv.invoke('{"k":1}');
    assert.equal(r.status, 'ok', r.outputText);
    const out = JSON.parse(r.outputText) as { node: string; argv1: string; got: string };
    assert.equal(out.node, process.version);
    assert.equal(out.argv1, path.join(REPO, 'test/fixtures/functions/oneline-node/index.js'));
    assert.equal(out.got, '{"k":1}');
    const notes = r.logs.filter((l) => l.stream === 'emulator').map((l) => l.text).join('\n');
    assert.match(notes, /no shebang/);
    assert.match(notes, /\/opt\/function\/runtime\/nodejs12\.13\/rtsp\/nodejs\/bin\/node → /);
    assert.match(notes, /Detected an event function/);
    await inv.dispose();
  });

  void it('section 9: /opt/function/code in a bootstrap means the function folder', async () => {
    const fn = await tempFunction({
      bootstrap: '#!/bin/bash\ncd /opt/function/code\nexec /opt/function/runtime/nodejs14.18/rtsp/nodejs/bin/node /opt/function/code/main.js\n',
      'main.js': await fs.readFile(path.join(REPO, 'test/fixtures/functions/oneline-node/index.js')),
    });
    try {
      const inv = track(new Invoker(await fn.spec()));
      const r = await inv.invoke('{}');
      assert.equal(r.status, 'ok', r.outputText + JSON.stringify(r.logs.map((l) => l.text)));
      assert.equal((JSON.parse(r.outputText) as { argv1: string }).argv1, path.join(fn.dir, 'main.js'));
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });

  void it('INV-1: a one-shot bootstrap (answers, then exits) gets a fresh instance for every event, none reported as a crash', async () => {
    const fn = await tempFunction({
      bootstrap: [
        '#!/bin/bash',
        'H=$(mktemp)',
        'EV=$(curl -sS -D "$H" "http://$RUNTIME_API_ADDR/v1/runtime/invocation/request")',
        'ID=$(grep -Fi x-cff-request-id "$H" | tr -d "[:space:]" | cut -d: -f2)',
        'curl -sS -X POST "http://$RUNTIME_API_ADDR/v1/runtime/invocation/response/$ID" -d "once $EV" >/dev/null',
        'exit 0',
        '',
      ].join('\n'),
    });
    try {
      const inv = track(new Invoker(await fn.spec()));
      const results = [];
      // Sent back to back, so the next event is often queued before the previous instance has exited.
      for (const r of await Promise.all([1, 2, 3, 4].map((n) => inv.invoke(`{"n":${n}}`)))) results.push(r);
      assert.deepEqual(results.map((r) => [r.status, r.outputText, r.coldStart]), [1, 2, 3, 4].map((n) => ['ok', `once {"n":${n}}`, true]));
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });

  void it('a bootstrap that exits during start-up fails the invocation with its last words', async () => {
    const fn = await tempFunction({ bootstrap: '#!/bin/bash\necho "missing config" >&2\nexit 4\n' });
    try {
      const inv = track(new Invoker(await fn.spec()));
      const r: InvocationResult = await inv.invoke('{}');
      assert.equal(r.status, 'crashed');
      assert.match(r.error!.errorMessage, /exited with code 4 while starting/);
      assert.match(r.error!.errorMessage, /missing config/);
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });

  void it('INV-1: a bootstrap that never asks for an event times out at start-up and is stopped', async () => {
    const fn = await tempFunction({ bootstrap: '#!/bin/sh\nsleep 30\n' });
    try {
      const inv = track(new Invoker(await fn.spec(), { timeoutS: 1 }));
      let pid = 0;
      inv.on('instance-start', (i) => { pid = i.pid; });
      const r = await inv.invoke('{}');
      assert.equal(r.status, 'timeout');
      assert.equal(r.error?.errorType, 'InitTimeout');
      assert.equal(await eventually(() => liveGroupMembers(pid).length === 0), true);
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });
});

void describe('Invoker lifecycle', () => {
  void it('dispose during a cold start leaves no instance behind', async () => {
    const inv = new Invoker(await fixture('node-echo'));
    let pid = 0;
    inv.on('instance-start', (i) => { pid = i.pid; });
    const pending = inv.invoke('{}');
    await new Promise((r) => setImmediate(r));
    await inv.dispose();
    const r = await pending;
    assert.equal(r.status, 'error');
    assert.equal(r.error?.errorType, 'Disposed');
    if (pid) assert.equal(await eventually(() => liveGroupMembers(pid).length === 0), true);
  });

  void it('pauseTimeout holds the deadline while a debugger would be stopped; resumeTimeout lets it run again', async () => {
    const inv = track(new Invoker(await fixture('node-echo'), { timeoutS: 1 }));
    await inv.invoke('{}'); // warm
    const slow = inv.invoke(cmd({ cmd: 'sleep', ms: 1500 }));
    await new Promise((r) => setTimeout(r, 100));
    inv.pauseTimeout();
    const r = await slow;
    inv.resumeTimeout();
    assert.equal(r.status, 'ok', 'paused: 1.5 s of work within a 1 s timeout');
    const t = await inv.invoke(cmd({ cmd: 'sleep', ms: 1500 }));
    assert.equal(t.status, 'timeout', 'resumed: the timeout applies again');
    await inv.dispose();
  });
});

void describe('parent exit', () => {
  void it('a program that exits without disposing its Invoker leaves no process behind', async () => {
    const { spawn } = await import('node:child_process');
    const script = `
      const { Invoker } = require(${JSON.stringify(path.join(REPO, 'src/core/invoke/index.ts'))});
      const { loadFunction } = require(${JSON.stringify(path.join(REPO, 'src/core/config/index.ts'))});
      (async () => {
        const inv = new Invoker(await loadFunction(${JSON.stringify(path.join(REPO, 'test/fixtures/functions/node-echo'))}));
        const r = await inv.invoke('{"cmd":"spawn-sleep"}');
        process.stdout.write(r.outputText + '\\n');
        process.exit(0); // no dispose()
      })();`;
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
      child.on('close', () => resolve(text));
    });
    const sleepPid = Number(out.trim());
    assert.equal(sleepPid > 0, true, `got ${out}`);
    assert.equal(await eventually(() => !alive(sleepPid)), true, 'the grandchild sleep died with its parent program');
  });
});
