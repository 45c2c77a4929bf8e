// The runtime shims end to end: a user's unchanged Node.js or Python handler, run by the real
// Invoker through the runtime API, exactly as `fgtk invoke` and F5 run it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertEchoedContext, CREDENTIALS, invokerFor, logText, makeFunction, outputJson, PROJECT, SAMPLES_DIR } from './harness';

const NODE_ECHO = `
const METHODS = ['getRequestID', 'getRemainingTimeInMilliSeconds', 'getAccessKey', 'getSecretKey',
  'getSecurityAccessKey', 'getSecuritySecretKey', 'getSecurityToken', 'getToken', 'getFunctionName',
  'getRunningTimeInSeconds', 'getVersion', 'getMemorySize', 'getCPUNumber', 'getPackage', 'getProjectID', 'getAlias'];
exports.handler = async (event, context) => {
  const ctx = {};
  for (const m of METHODS) ctx[m] = context[m]();
  ctx.getUserData = context.getUserData('GREETING');
  ctx.missingUserData = context.getUserData('NOPE') === undefined;
  context.getLogger().info('echo %s', 'logged');
  return { event, ctx };
};
`;

const PYTHON_ECHO = `
METHODS = ['getRequestID', 'getRemainingTimeInMilliSeconds', 'getAccessKey', 'getSecretKey',
    'getSecurityAccessKey', 'getSecuritySecretKey', 'getSecurityToken', 'getToken', 'getFunctionName',
    'getRunningTimeInSeconds', 'getVersion', 'getMemorySize', 'getCPUNumber', 'getPackage', 'getProjectID', 'getAlias']

def handler(event, context):
    ctx = {m: getattr(context, m)() for m in METHODS}
    ctx['getUserData'] = context.getUserData('GREETING')
    ctx['missingUserData'] = context.getUserData('NOPE') is None
    context.getLogger().info('echo %s', 'logged')
    return {'event': event, 'ctx': ctx}
`;

const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+) INFO echo logged$/;

// Every real trigger sample (and the other JSON files shipped with them: any JSON is an event).
const samples = readdirSync(SAMPLES_DIR).filter((n) => n.endsWith('.json')).sort();

for (const [label, runtime, file, code] of [
  ['Node.js', 'Node.js18.15', 'index.js', NODE_ECHO],
  ['Python', 'Python3.9', 'index.py', PYTHON_ECHO],
] as const) {
  void describe(`${label} shim`, () => {
    void test(`RT-1/RT-2/INV-6: every real sample event reaches a ${label} handler parsed, with every context field`, async (t) => {
      assert.ok(samples.length >= 20, `expected the real samples in ${SAMPLES_DIR}`);
      const spec = await makeFunction(t, { [file]: code }, { runtime, timeout: 7, memory: 512, env: { GREETING: 'hello from the config' } });
      const invoker = invokerFor(t, spec, { credentials: CREDENTIALS, projectId: PROJECT });
      for (const name of samples) {
        const raw = readFileSync(path.join(SAMPLES_DIR, name));
        const result = await invoker.invoke(raw);
        assert.equal(result.status, 'ok', `${name}: ${result.outputText}\n${logText(result)}`);
        const { event, ctx } = outputJson(result) as { event: unknown; ctx: Record<string, unknown> };
        assert.deepEqual(event, JSON.parse(raw.toString('utf8')), `${name}: the handler got the event as parsed JSON`);
        assertEchoedContext(ctx, result, name);
        const logged = result.logs.map((l) => LOG_LINE.exec(l.text)).find(Boolean);
        assert.ok(logged, `${name}: the logger wrote "<UTC time> <request ID> INFO echo logged"; logs:\n${logText(result)}`);
        assert.equal(logged[1], result.requestId);
      }
    });

    void test('RT-2: credentials are empty strings when none are configured (API-2 sends no headers)', async (t) => {
      const spec = await makeFunction(t, { [file]: code }, { runtime });
      const result = await invokerFor(t, spec).invoke('{}');
      const { ctx } = outputJson(result) as { ctx: Record<string, unknown> };
      for (const m of ['getAccessKey', 'getSecretKey', 'getSecurityAccessKey', 'getSecuritySecretKey', 'getSecurityToken', 'getToken']) {
        assert.equal(ctx[m], '', m);
      }
    });
  });
}

void describe('Node.js shim: handler styles and results', () => {
  const CODE = `
exports.asyncObject = async (event) => ({ got: event.n });
exports.asyncString = async () => 'plain text, not JSON';
exports.callback = (event, context, callback) => setTimeout(() => callback(null, { viaCallback: event.n }), 5);
exports.callbackError = (event, context, callback) => callback(new RangeError('callback failed'));
exports.sync = (event) => ({ sync: event.n * 2 });
exports.syncString = () => 'sync string';
exports.nothing = async () => undefined;
exports.bytes = async () => Buffer.from([0xde, 0xad, 0xbe, 0xef]);
exports.throws = async () => { throw new TypeError('handler exploded'); };
exports.syncThrows = () => { null.boom; };
exports.rejectsString = () => Promise.reject('just a string');
exports.circular = async () => { const a = {}; a.a = a; return a; };
exports.crashLater = async (event) => {
  if (event.crash) setTimeout(() => { throw new Error('async crash'); }, 1);
  await new Promise((r) => setTimeout(r, 20));
  return 'survived';
};
`;
  const cases: [string, string, (r: Awaited<ReturnType<import('../../../src/core/invoke').Invoker['invoke']>>) => void][] = [
    ['asyncObject', 'RT-3: an async handler returning an object gives its JSON', (r) => assert.deepEqual(outputJson(r), { got: 3 })],
    ['asyncString', 'RT-3: a returned string is passed as is', (r) => assert.equal(r.outputText, 'plain text, not JSON')],
    ['callback', 'RT-1: a callback handler (third argument) answers through the callback', (r) => assert.deepEqual(outputJson(r), { viaCallback: 3 })],
    ['sync', 'RT-1: a sync handler returning a value', (r) => assert.deepEqual(outputJson(r), { sync: 6 })],
    ['syncString', 'RT-3: a sync handler returning a string', (r) => assert.equal(r.outputText, 'sync string')],
    ['nothing', 'RT-3: undefined becomes JSON null', (r) => assert.equal(r.outputText, 'null')],
    ['bytes', 'RT-3: a Buffer is posted as its bytes', (r) => assert.deepEqual([...r.output], [0xde, 0xad, 0xbe, 0xef])],
  ];
  for (const [handler, title, check] of cases) {
    void test(title, async (t) => {
      const spec = await makeFunction(t, { 'index.js': CODE }, { runtime: 'Node.js20.15', handler: `index.${handler}` });
      const result = await invokerFor(t, spec).invoke('{"n": 3}');
      assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
      check(result);
    });
  }

  const errors: [string, string, string, RegExp][] = [
    ['throws', 'RT-3/INV-3: a thrown error becomes {errorMessage, errorType, stackTrace} with the user\'s frames', 'TypeError', /^handler exploded$/],
    ['syncThrows', 'INV-3: a sync handler that throws', 'TypeError', /Cannot read properties of null/],
    ['callbackError', 'INV-3: callback(err) fails the invocation', 'RangeError', /^callback failed$/],
    ['rejectsString', 'INV-3: a rejection with a non-Error value', 'Error', /^just a string$/],
    ['circular', 'RT-3: a result that cannot be JSON-encoded fails clearly', 'TypeError', /could not be JSON-encoded.*circular/i],
  ];
  for (const [handler, title, errorType, message] of errors) {
    void test(title, async (t) => {
      const spec = await makeFunction(t, { 'index.js': CODE }, { runtime: 'Node.js20.15', handler: `index.${handler}` });
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error', result.outputText);
      const body = outputJson(result) as { errorType: string; errorMessage: string; stackTrace?: string[] };
      assert.equal(body.errorType, errorType);
      assert.match(body.errorMessage, message);
      assert.equal(result.error?.errorType, errorType);
      if (handler === 'throws') {
        assert.ok(body.stackTrace?.some((l) => l.includes(path.join(spec.dir, 'index.js'))), `stack names the user's file: ${body.stackTrace}`);
        assert.ok(!body.stackTrace?.some((l) => l.includes('runtime.js')), 'the shim\'s own frames are left out');
      }
    });
  }

  void test('INV-1: an exception thrown outside the handler\'s promise crashes the instance with the stack in the report; the next invocation gets a fresh one', async (t) => {
    const spec = await makeFunction(t, { 'index.js': CODE }, { runtime: 'Node.js20.15', handler: 'index.crashLater' });
    const invoker = invokerFor(t, spec);
    const first = await invoker.invoke('{"crash": true}');
    assert.equal(first.status, 'crashed');
    assert.match(first.error?.errorMessage ?? '', /Uncaught Error: async crash/);
    const second = await invoker.invoke('{"crash": false}');
    assert.equal(second.status, 'ok', second.outputText);
    assert.equal(second.coldStart, true, 'the crashed instance was replaced');
    assert.equal(second.outputText, 'survived');
  });

  void test('ES modules: an index.mjs handler runs', async (t) => {
    const spec = await makeFunction(t, { 'src/index.mjs': 'export const handler = async (event) => ({ esm: event.n });\n' }, { runtime: 'Node.js20.15', handler: 'src/index.handler' });
    const result = await invokerFor(t, spec).invoke('{"n": 1}');
    assert.deepEqual(outputJson(result), { esm: 1 });
  });
});

void describe('Python shim: results', () => {
  const CODE = `
def text(event, context):
    return "plain text, not JSON"

def data(event, context):
    return {"doubled": event["n"] * 2, "unicode": "函数"}

def raw(event, context):
    return b"\\xde\\xad"

def fails(event, context):
    raise ValueError("handler exploded")

def unserialisable(event, context):
    return {"x": object()}
`;
  void test('RT-3: a returned str is passed as is; dicts are JSON; bytes as they are', async (t) => {
    for (const [handler, check] of [
      ['text', (o: Buffer) => assert.equal(o.toString(), 'plain text, not JSON')],
      ['data', (o: Buffer) => assert.deepEqual(JSON.parse(o.toString()), { doubled: 6, unicode: '函数' })],
      ['raw', (o: Buffer) => assert.deepEqual([...o], [0xde, 0xad])],
    ] as const) {
      const spec = await makeFunction(t, { 'index.py': CODE }, { runtime: 'Python3.10', handler: `index.${handler}` });
      const result = await invokerFor(t, spec).invoke('{"n": 3}');
      assert.equal(result.status, 'ok', `${handler}: ${result.outputText}\n${logText(result)}`);
      check(result.output);
    }
  });

  void test('RT-3/INV-3: a raised exception becomes {errorMessage, errorType, stackTrace} with the user\'s frames', async (t) => {
    const spec = await makeFunction(t, { 'index.py': CODE }, { runtime: 'Python3.9', handler: 'index.fails' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    const body = outputJson(result) as { errorType: string; errorMessage: string; stackTrace: string[] };
    assert.equal(body.errorType, 'ValueError');
    assert.equal(body.errorMessage, 'handler exploded');
    assert.ok(body.stackTrace.some((l) => l.includes(path.join(spec.dir, 'index.py'))), body.stackTrace.join('\n'));
    assert.ok(!body.stackTrace.some((l) => l.includes('runtime.py')), 'the shim\'s own frames are left out');
  });

  void test('RT-3: a result that cannot be JSON-encoded fails clearly', async (t) => {
    const spec = await makeFunction(t, { 'index.py': CODE }, { runtime: 'Python3.9', handler: 'index.unserialisable' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'error');
    assert.match((outputJson(result) as { errorMessage: string }).errorMessage, /could not be JSON-encoded/);
  });
});

void describe('both shims: handler not found, invalid events, initializers', () => {
  const runtimes = [
    { label: 'Node.js', runtime: 'Node.js18.15', ext: 'js', code: 'exports.handler = async () => "ok";\nexports.other = () => 1;\n' },
    { label: 'Python', runtime: 'Python3.9', ext: 'py', code: 'def handler(event, context):\n    return "ok"\n\ndef other(event, context):\n    return 1\n' },
  ];
  for (const r of runtimes) {
    void test(`PKG-4 (${r.label}): a missing handler file is named with the folder it was looked for in`, async (t) => {
      const spec = await makeFunction(t, { [`index.${r.ext}`]: r.code }, { runtime: r.runtime, handler: 'src/main.handler' });
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error');
      assert.equal(result.error?.errorType, 'HandlerNotFound');
      assert.match(result.error?.errorMessage ?? '', new RegExp(`handler src/main\\.handler not found: no file src/main\\.${r.ext}.* in ${spec.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });

    void test(`PKG-4 (${r.label}): a missing export is named with the file and what it does export`, async (t) => {
      const spec = await makeFunction(t, { [`index.${r.ext}`]: r.code }, { runtime: r.runtime, handler: 'index.main' });
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error');
      assert.equal(result.error?.errorType, 'HandlerNotFound');
      assert.match(result.error?.errorMessage ?? '', new RegExp(`handler index\\.main not found: index\\.${r.ext} has no .*"main".*handler, other`));
    });

    void test(`RT-1 (${r.label}): an event that is not JSON fails with a message saying so`, async (t) => {
      const spec = await makeFunction(t, { [`index.${r.ext}`]: r.code }, { runtime: r.runtime });
      const result = await invokerFor(t, spec).invoke('this is not json');
      assert.equal(result.status, 'error');
      assert.equal(result.error?.errorType, 'InvalidEvent');
      assert.match(result.error?.errorMessage ?? '', /not valid JSON/);
    });
  }

  const INIT = {
    js: `
let inits = 0;
let calls = 0;
exports.initializer = async (context) => { inits += 1; context.getLogger().info('init ran'); };
exports.callbackInit = (context, callback) => { inits += 1; setTimeout(() => callback(null, 'done'), 5); };
exports.failingInit = () => { throw new Error('database unreachable'); };
exports.slowInit = () => new Promise(() => {});
exports.handler = async () => ({ inits, calls: ++calls });
`,
    py: `
import time
state = {"inits": 0, "calls": 0}

def initializer(context):
    state["inits"] += 1
    context.getLogger().info("init ran")

def callbackInit(context):
    state["inits"] += 1

def failingInit(context):
    raise ConnectionError("database unreachable")

def slowInit(context):
    time.sleep(30)

def handler(event, context):
    state["calls"] += 1
    return {"inits": state["inits"], "calls": state["calls"]}
`,
  } as const;

  for (const r of runtimes) {
    const ext = r.ext as 'js' | 'py';
    void test(`INV-7 (${r.label}): the initializer runs once per instance, before the first handler call`, async (t) => {
      for (const init of ['initializer', 'callbackInit']) {
        const spec = await makeFunction(t, { [`index.${ext}`]: INIT[ext] }, { runtime: r.runtime, initializer: `index.${init}` });
        const invoker = invokerFor(t, spec);
        const first = await invoker.invoke('{}');
        assert.equal(first.status, 'ok', `${init}: ${first.outputText}\n${logText(first)}`);
        assert.deepEqual(outputJson(first), { inits: 1, calls: 1 });
        assert.deepEqual(outputJson(await invoker.invoke('{}')), { inits: 1, calls: 2 }, `${init}: not run again on a warm instance`);
      }
    });

    void test(`INV-7 (${r.label}): a failing initializer fails the invocation with a clear message`, async (t) => {
      const spec = await makeFunction(t, { [`index.${ext}`]: INIT[ext] }, { runtime: r.runtime, initializer: 'index.failingInit' });
      const invoker = invokerFor(t, spec);
      for (const attempt of [1, 2]) {
        const result = await invoker.invoke('{}');
        assert.equal(result.status, 'error', `attempt ${attempt}`);
        assert.match(result.error?.errorMessage ?? '', /^Initializer index\.failingInit failed: database unreachable$/, `attempt ${attempt}`);
      }
    });

    void test(`INV-7 (${r.label}): the initializer has its own timeout`, async (t) => {
      const spec = await makeFunction(t, { [`index.${ext}`]: INIT[ext] }, { runtime: r.runtime, initializer: 'index.slowInit', initializerTimeout: 1, timeout: 10 });
      const started = Date.now();
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error');
      assert.equal(result.error?.errorType, 'InitializerTimeout');
      assert.match(result.error?.errorMessage ?? '', /Initializer index\.slowInit failed: timed out after 1 s/);
      assert.ok(Date.now() - started < 8000, 'failed at the initializer timeout, not the function timeout');
    });

    void test(`INV-7 (${r.label}): an initializer that does not exist fails the invocation naming it`, async (t) => {
      const spec = await makeFunction(t, { [`index.${ext}`]: INIT[ext] }, { runtime: r.runtime, initializer: 'index.nope' });
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error');
      assert.match(result.error?.errorMessage ?? '', /Initializer index\.nope failed: initializer index\.nope not found: index\.(js|py) has no/);
    });
  }
});
