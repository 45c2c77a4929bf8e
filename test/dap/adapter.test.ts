// The functiongraph debug adapter over real DAP (DebugClient on a socket), driving the real
// invoke engine and real Node.js processes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launch, nodeFunction, processAlive, startAdapter, waitUntil, type Fixture } from './helpers';

const REPORT = /^REPORT RequestId: (\S+)\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: (\d+) MB\tMax Memory Used: \d+ MB/;

const GREETER = `
exports.handler = async (event, context) => {
  console.log('handling', event.name, 'pid', process.pid);
  console.error('to stderr', event.name);
  return { greeting: 'hello ' + event.name, requestId: context.getRequestID() };
};
`;

void describe('debug adapter over DAP', () => {
  let fx: Fixture;
  before(() => { fx = nodeFunction(GREETER, { events: { 'a-first': { name: 'first' }, 'b-second': { name: 'second' } } }); });
  after(() => fx.cleanup());

  void test('INV-4: F5 on a function sends its first test event; logs, result and REPORT arrive as output events', async () => {
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: fx.dir, keepAlive: false });
      const log = await h.waitForOutput(/^handling first/);
      assert.equal(log.category, 'stdout');
      const err = await h.waitForOutput(/^to stderr first/);
      assert.equal(err.category, 'stderr');
      const result = await h.waitForOutput(/"greeting":"hello first"/);
      assert.equal(result.category, 'stdout');
      const report = await h.waitForOutput(REPORT);
      const [, requestId, memory] = REPORT.exec(report.output)!;
      assert.equal(memory, '256', 'Memory Size is the configured size');
      assert.match(report.output, /Init Duration: [\d.]+ ms/, 'a cold start reports its init duration');
      assert.ok(JSON.parse(result.output).requestId === requestId, 'the result and the REPORT name the same request');
      // The order a user reads: log lines, then the result, then the summary.
      const text = h.text();
      assert.ok(text.indexOf('handling first') < text.indexOf('"greeting"') && text.indexOf('"greeting"') < text.indexOf('REPORT'));
      await h.waitForTerminated(10_000);
    } finally {
      await h.close();
    }
  });

  void test('"events" go in order to one warm instance, and sendEvent adds another without a restart', async () => {
    const h = await startAdapter();
    try {
      await launch(h, {
        type: 'functiongraph', request: 'launch', name: 't', function: fx.dir,
        events: ['events/a-first.json', { name: 'inline' }],
      });
      await h.waitForOutput(/"greeting":"hello inline"/);
      const response = await h.dc.customRequest('sendEvent', { event: path.join(fx.dir, 'events', 'b-second.json') });
      assert.equal(response.body.status, 'ok');
      assert.match(response.body.output, /hello second/);
      assert.equal(response.body.coldStart, false, 'the third event reuses the warm instance');
      const reports = h.outputs.filter((o) => REPORT.test(o.output));
      assert.equal(reports.length, 3);
      assert.equal(reports.filter((r) => /Init Duration/.test(r.output)).length, 1, 'only the first invocation was a cold start');
      const pids = new Set([...h.text().matchAll(/handling \w+ pid (\d+)/g)].map((m) => m[1]));
      assert.equal(pids.size, 1, 'every event ran in the same process');
      const order = [...h.text().matchAll(/handling (\w+)/g)].map((m) => m[1]);
      assert.deepEqual(order, ['first', 'inline', 'second']);
    } finally {
      await h.close();
    }
  });

  void test('ENV-2: "env", "memory" and "timeout" override template.yml for the session', async () => {
    const envFx = nodeFunction(`
      exports.handler = async (event, context) => ({
        greeting: process.env.GREETING,
        memory: context.getMemorySize(),
        timeout: context.getRunningTimeInSeconds(),
      });`);
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: envFx.dir, env: { GREETING: 'ni hao' }, memory: 512, timeout: 7, keepAlive: false });
      const result = await h.waitForOutput(/"greeting"/);
      assert.deepEqual(JSON.parse(result.output), { greeting: 'ni hao', memory: 512, timeout: 7 });
      assert.match((await h.waitForOutput(REPORT)).output, /Memory Size: 512 MB/);
    } finally {
      await h.close();
      envFx.cleanup();
    }
  });

  void test('a missing function folder fails the launch with a message that says what to fix', async () => {
    const h = await startAdapter();
    try {
      await assert.rejects(
        launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: path.join(fx.root, 'nope') }),
        /Function folder not found: .*nope.*launch\.json/,
      );
      await assert.rejects(
        launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: fx.dir, event: 'events/missing.json' }),
        /Test event file not found: .*missing\.json\. This function has: events.a-first\.json, events.b-second\.json/,
      );
    } finally {
      await h.close();
    }
  });
});

void describe('debug adapter: failures and clean-up', () => {
  void test('INV-1: a handler past its timeout gets an error result and REPORT; the next event starts a fresh instance', async () => {
    const fx = nodeFunction(`
      exports.handler = async (event) => {
        if (event.slow) await new Promise((r) => setTimeout(r, 30000));
        return 'done ' + process.pid;
      };`, { events: { slow: { slow: true } } });
    const h = await startAdapter();
    try {
      // 1 s is below what template.yml may say (ENV-5); the launch configuration's timeout overrides it.
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: fx.dir, timeout: 1 });
      const failure = await h.waitForOutput(/^ERROR \(timeout\)/);
      assert.equal(failure.category, 'stderr');
      await h.waitForOutput(REPORT);
      const next = await h.dc.customRequest('sendEvent', { event: { slow: false } });
      assert.equal(next.body.status, 'ok');
      assert.equal(next.body.coldStart, true, 'the timed-out instance was replaced');
    } finally {
      await h.close();
      fx.cleanup();
    }
  });

  void test('a crashing instance is reported on stderr, and the session goes on', async () => {
    const fx = nodeFunction(`
      exports.handler = async (event) => {
        if (event.crash) { console.log('about to crash'); process.exit(3); }
        return 'alive';
      };`, { events: { crash: { crash: true } } });
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: fx.dir });
      await h.waitForOutput(/about to crash/);
      const failure = await h.waitForOutput(/^ERROR \((crashed|error)\)/);
      assert.equal(failure.category, 'stderr');
      await h.waitForOutput(REPORT);
      const next = await h.dc.customRequest('sendEvent', { event: {} });
      assert.equal(next.body.output, 'alive');
    } finally {
      await h.close();
      fx.cleanup();
    }
  });

  void test('ending the session stops the instance and its whole process tree', async () => {
    const fx = nodeFunction(`
      const { spawn } = require('node:child_process');
      exports.handler = async () => {
        const child = spawn('sleep', ['300'], { stdio: 'ignore' });
        console.log('instance', process.pid, 'grandchild', child.pid);
        return 'spawned';
      };`);
    const h = await startAdapter();
    let pids: number[] = [];
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: fx.dir });
      const line = await h.waitForOutput(/^instance \d+ grandchild \d+/);
      pids = [...line.output.matchAll(/\d+/g)].map((m) => Number(m[0]));
      await h.waitForOutput(REPORT);
      assert.ok(pids.every(processAlive), 'the warm instance and its child run while the session lasts');
      await h.dc.disconnectRequest({});
      assert.ok(await waitUntil(() => !pids.some(processAlive), 5000), `processes left after the session ended: ${pids.filter(processAlive).join(', ')}`);
    } finally {
      await h.close();
      for (const pid of pids) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
      fx.cleanup();
    }
  });
});

void describe('debug adapter: custom runtime with its own debugger', () => {
  void test('custom runtime: "debugPort" reaches bootstrap as FGTK_DEBUG_PORT, and the console says how to attach', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-custom-'));
    const dir = path.join(root, 'shell');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'bootstrap'), [
      '#!/bin/bash',
      'echo "debug port is $FGTK_DEBUG_PORT"',
      'while true; do',
      '  HEADERS=$(mktemp)',
      '  EVENT=$(curl -sS -D "$HEADERS" "http://$RUNTIME_API_ADDR/v1/runtime/invocation/request")',
      '  REQUEST_ID=$(grep -Fi x-cff-request-id "$HEADERS" | tr -d \'[:space:]\' | cut -d: -f2)',
      '  curl -sS -o /dev/null -X POST "http://$RUNTIME_API_ADDR/v1/runtime/invocation/response/$REQUEST_ID" -d "got $EVENT"',
      'done',
      '',
    ].join('\n'), { mode: 0o755 });
    const h = await startAdapter();
    try {
      await launch(h, { type: 'functiongraph', request: 'launch', name: 't', function: dir, event: { hi: 1 }, debugPort: 45931 });
      await h.waitForOutput(/FGTK_DEBUG_PORT=45931.*attach to 127\.0\.0\.1:45931/);
      await h.waitForOutput(/^debug port is 45931/);
      await h.waitForOutput(/^got \{"hi":1\}/);
      await h.waitForOutput(REPORT);
    } finally {
      await h.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
