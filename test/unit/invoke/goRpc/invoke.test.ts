// Go 1.x end to end (builtin-runtimes.md 1.2-1.7): the Invoker starts a real Go binary (built from the
// test stand-in of the go-runtime library with the machine's Go), talks gob/net-rpc to it from
// TypeScript, and reports results as the platform does. The binary runs without Go on PATH.
import { strict as assert } from 'node:assert';
import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Invoker, type InvocationResult } from '../../../../src/core/invoke';
import { alive, eventually, tempFunction } from '../helpers';
import { buildGoFixture } from './goFixtures';

const config = (extra: string[] = []) => [
  'HcCrmTemplateVersion: v2', 'Resources:', '  gofn:', '    Type: HC::Serverless::Function', '    Properties:',
  '      Name: gofn', '      Handler: handler', '      Runtime: Go1.x', '      MemorySize: 256', '      Timeout: 3', ...extra, '',
].join('\n');

async function goFunction(exe: string, extra: string[] = []) {
  const fn = await tempFunction({ 'template.yml': config(extra) });
  copyFileSync(exe, path.join(fn.dir, 'handler'));
  return fn;
}

const json = (r: InvocationResult) => JSON.parse(r.outputText) as Record<string, unknown>;
const logText = (r: InvocationResult) => r.logs.map((l) => l.text).join('\n');

void describe('Go 1.x functions over net/rpc', { timeout: 240_000 }, () => {
  let exe: string;
  let bad: string;
  let fn: Awaited<ReturnType<typeof goFunction>>;
  let invoker: Invoker;
  before(async () => {
    exe = buildGoFixture('behaviours', 'handler');
    bad = buildGoFixture('bad', 'handler');
    fn = await goFunction(exe, ['      Environment:', '        Variables:', '          GREETING: hello', '          OTHER: "2"']);
    invoker = new Invoker(await fn.spec(), {
      // Go is not needed to run a prebuilt binary.
      env: { PATH: '/usr/bin:/bin' },
      credentials: { accessKey: 'AK-TEST', authToken: 'TOKEN-TEST' },
    });
  });
  after(async () => {
    await invoker.dispose();
    await fn.cleanup();
  });

  test('RT-GO: a struct result is the JSON the library marshals; warm calls reuse the instance and its connection', async () => {
    const first = await invoker.invoke('{}');
    assert.equal(first.status, 'ok', first.outputText);
    assert.equal(first.outputText, '{"msg":"ok","n":42}');
    assert.equal(first.coldStart, true);
    assert.ok(first.initDurationMs !== undefined && first.initDurationMs > 0, 'init duration measured to the first accepted connection');
    const a = await invoker.invoke('{"do":"calls"}');
    const b = await invoker.invoke('{"do":"calls"}');
    assert.equal(a.coldStart, false);
    assert.equal(Number(b.outputText), Number(a.outputText) + 1, 'the same process answers warm calls');
  });

  test('RT-GO 1.4: an empty event is sent as {} (the library rejects an empty payload)', async () => {
    // Empty bytes would be nil on the wire ("bad request parameters"); the handler would fail to parse "".
    const r = await invoker.invoke('');
    assert.equal(r.status, 'ok', r.outputText);
    assert.equal(r.outputText, '{"msg":"ok","n":42}', 'the handler parsed {} as its event');
  });

  test('RT-GO 1.4: context from RUNTIME_* variables and canonical X-Cff-* headers; user data is the config\'s environment', async () => {
    const r = await invoker.invoke('{"do":"context","value":"GREETING"}');
    assert.equal(r.status, 'ok', r.outputText);
    assert.deepEqual(json(r), {
      requestId: r.requestId, function: 'gofn', version: 'latest', memory: 256, cpu: 600, timeout: 3, remaining: json(r).remaining,
      project: json(r).project, package: 'default', userData: 'hello', plainEnv: 'hello', token: 'TOKEN-TEST', accessKey: 'AK-TEST',
    });
    assert.ok((json(r).remaining as number) > 2000 && (json(r).remaining as number) <= 3000);
  });

  test('RT-GO 1.6: Logf lines, stdout and stderr are the invocation\'s logs, attributed to its request ID', async () => {
    const r = await invoker.invoke('{"do":"log","value":"x1"}');
    assert.equal(r.status, 'ok', r.outputText);
    const logf = r.logs.find((l) => l.text.endsWith(`${r.requestId} logged x1`));
    assert.ok(logf, logText(r));
    assert.equal(logf.requestId, r.requestId);
    assert.ok(r.logs.some((l) => l.stream === 'stdout' && l.text === 'stdout line' && l.requestId === r.requestId), logText(r));
    assert.ok(r.logs.some((l) => l.stream === 'stderr' && l.text === 'stderr line' && l.requestId === r.requestId), logText(r));
  });

  test('RT-GO 1.5: a returned error is status error with the library\'s error JSON as output', async () => {
    const r = await invoker.invoke('{"do":"error","value":"bad input"}');
    assert.equal(r.status, 'error');
    assert.deepEqual(r.error, { errorType: 'FunctionReturnError', errorMessage: 'the handler failed: bad input' });
    assert.equal(r.outputText, '{\n    "errorMessage": "the handler failed: bad input",\n    "errorType": "FunctionReturnError"\n}');
    const nil = await invoker.invoke('{"do":"nil"}');
    assert.equal(nil.status, 'error');
    assert.equal(nil.error?.errorMessage, 'response is empty');
  });

  test('RT-GO 1.5: a panic is status error with errorType panic and the handler\'s stack; the instance stays warm', async () => {
    const r = await invoker.invoke('{"do":"panic"}');
    assert.equal(r.status, 'error');
    assert.equal(r.error?.errorType, 'panic');
    assert.match(r.error?.errorMessage ?? '', /assignment to entry in nil map/);
    assert.ok(r.error?.stackTrace?.some((l) => l === 'Handler()'), JSON.stringify(r.error));
    const next = await invoker.invoke('{}');
    assert.equal(next.coldStart, false);
  });

  test('RT-GO: the process dying during a call is crashed with its last output; the next event cold-starts', async () => {
    const pid = invoker.instancePid;
    const r = await invoker.invoke('{"do":"exit"}');
    assert.equal(r.status, 'crashed');
    assert.match(r.error?.errorMessage ?? '', /exited with code 7[\s\S]*about to exit/);
    const next = await invoker.invoke('{}');
    assert.equal(next.status, 'ok');
    assert.equal(next.coldStart, true);
    assert.ok(pid !== undefined && !alive(pid));
  });

  test('INV-1: a timeout kills the instance (the library never stops a handler); the next event cold-starts', async () => {
    const slow = await goFunction(exe);
    const inv = new Invoker(await slow.spec(), { timeoutS: 1 });
    try {
      await inv.invoke('{}');
      const pid = inv.instancePid!;
      const r = await inv.invoke('{"do":"sleep","ms":5000}');
      assert.equal(r.status, 'timeout');
      assert.equal(r.error?.errorType, 'Timeout');
      assert.ok(await eventually(() => !alive(pid)), 'the timed-out process is gone');
      const next = await inv.invoke('{"do":"calls"}');
      assert.equal(next.coldStart, true);
      assert.equal(next.outputText, '1');
    } finally {
      await inv.dispose();
      await slow.cleanup();
    }
  });

  describe('bad binaries: a clear message, no hang, no orphan', () => {
    async function runBad(env: Record<string, string>, timeoutS = 1) {
      const f = await goFunction(bad);
      const inv = new Invoker(await f.spec(), { timeoutS, env });
      let pid: number | undefined;
      inv.on('instance-start', (i) => { pid = i.pid; });
      const t0 = Date.now();
      try {
        const r = await inv.invoke('{}');
        return { r, ms: Date.now() - t0, pid };
      } finally {
        await inv.dispose();
        await f.cleanup();
        if (pid !== undefined) assert.ok(await eventually(() => !alive(pid!)), 'no orphan process');
      }
    }

    test('a binary that exits at start: crashed, with its output', async () => {
      const { r } = await runBad({ FGTK_BAD: 'exit' });
      assert.equal(r.status, 'crashed');
      assert.match(r.error?.errorMessage ?? '', /exited with code 3 while starting[\s\S]*config missing: cannot start/);
    });

    test('a binary that never listens: InitTimeout naming RUNTIME_API_ADDR, with its output', async () => {
      const { r, ms } = await runBad({ FGTK_BAD: 'silent' });
      assert.equal(r.status, 'timeout');
      assert.equal(r.error?.errorType, 'InitTimeout');
      assert.match(r.error?.errorMessage ?? '', /RUNTIME_API_ADDR[\s\S]*never listening/);
      assert.ok(ms < 10_000, `gave up after ${ms} ms`);
    });

    test('a binary that listens on another address: the same InitTimeout, with what it printed', async () => {
      const { r } = await runBad({ FGTK_BAD: 'wrong-address' });
      assert.equal(r.error?.errorType, 'InitTimeout');
      assert.match(r.error?.errorMessage ?? '', /listening on 127\.0\.0\.1:\d+/);
    });

    for (const [goos, goarch, what] of [['linux', 'arm64', /ARM64/], ['darwin', 'amd64', /macOS/]] as const) {
      test(`a ${goos}/${goarch} build: a pre-flight error naming the platform and the rebuild command, nothing started`, async () => {
        const other = buildGoFixture('behaviours', 'handler', { goos, goarch });
        const f = await goFunction(other);
        const inv = new Invoker(await f.spec());
        let started = false;
        inv.on('instance-start', () => { started = true; });
        try {
          const r = await inv.invoke('{}');
          assert.equal(r.error?.errorType, 'PreflightError');
          assert.match(r.error?.errorMessage ?? '', what);
          assert.match(r.error?.errorMessage ?? '', /GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o handler/);
          assert.equal(started, false);
        } finally {
          await inv.dispose();
          await f.cleanup();
        }
      });
    }
  });
});
