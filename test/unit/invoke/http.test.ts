// HTTP functions (contract HTTP-1..4): bootstraps that serve on 127.0.0.1:8000, reached through
// API-gateway test events. These tests need port 8000, so they run one after another in this file.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { port8000Problem, portAccepts } from '../../../src/core/emulator';
import { Invoker, preflight } from '../../../src/core/invoke';
import { eventually, fixture, liveGroupMembers, tempFunction } from './helpers';

const apig = (over: Record<string, unknown>) => JSON.stringify({
  httpMethod: 'GET',
  path: '/index',
  headers: { accept: 'application/json', 'x-forwarded-for': '103.218.216.98', host: 'host' },
  queryStringParameters: { responseType: 'json', tag: ['a', 'b'] },
  pathParameters: {},
  body: '',
  isBase64Encoded: false,
  requestContext: { apiId: 'bc1dcffd', requestId: '11cdcdcf', stage: 'RELEASE' },
  ...over,
});

interface Bridged { statusCode: number; headers: Record<string, string[]>; body: string; isBase64Encoded: boolean }
const decode = (text: string) => {
  const r = JSON.parse(text) as Bridged;
  return { ...r, json: JSON.parse(Buffer.from(r.body, 'base64').toString('utf8')) as Record<string, unknown> };
};

before(async () => {
  // Another test file may still be releasing port 8000.
  for (let i = 0; i < 100 && (await portAccepts(8000)); i++) await new Promise((r) => setTimeout(r, 100));
});

const invokers: Invoker[] = [];
after(async () => {
  await Promise.all(invokers.map((i) => i.dispose()));
});

void describe('HTTP functions', () => {
  void it('HTTP-1/2/3: a one-line Node.js bootstrap is detected as an HTTP function and answers GET and POST events', async () => {
    const inv = new Invoker(await fixture('http-node'));
    invokers.push(inv);
    const get = await inv.invoke(apig({}));
    assert.equal(get.status, 'ok', get.outputText);
    const g = decode(get.outputText);
    assert.equal(g.statusCode, 200);
    assert.equal(g.isBase64Encoded, true);
    assert.deepEqual(g.headers['set-cookie'], ['a=1', 'b=2']); // multi-value headers
    assert.deepEqual(g.headers['content-type'], ['application/json']);
    assert.equal(g.json.method, 'GET');
    assert.equal(g.json.url, '/index?responseType=json&tag=a&tag=b');
    const headers = g.json.headers as Record<string, string>;
    assert.equal(headers['x-cff-request-id'], get.requestId);
    assert.equal(headers['x-cff-memory'], '128');
    assert.equal(headers['x-cff-timeout'], '3');
    assert.equal(headers['x-cff-func-name'], 'http-node');
    assert.equal(headers['x-cff-func-version'], 'latest');
    assert.equal(headers['x-cff-package'], 'default');
    assert.match(headers['x-cff-project-id'], /^[0-9a-f]{32}$/);
    assert.equal(headers['x-cff-region'], 'local');
    assert.equal(headers['x-forwarded-for'], '103.218.216.98');
    assert.match(get.logs.map((l) => l.text).join('\n'), /Detected an HTTP function/);
    assert.equal(get.coldStart, true);
    assert.equal(typeof get.initDurationMs, 'number');

    const body = Buffer.from('{"name": "Hello 世界"}');
    const post = await inv.invoke(apig({ httpMethod: 'POST', body: body.toString('base64'), isBase64Encoded: true, queryStringParameters: {} }));
    const p = decode(post.outputText);
    assert.equal(p.statusCode, 201);
    assert.equal(p.json.body, '{"name": "Hello 世界"}');
    assert.equal(post.coldStart, false);
    assert.ok(post.logs.some((l) => l.text === 'POST /index' && l.requestId === post.requestId), 'log attributed');
    await inv.dispose();
  });

  void it('HTTP-1, PKG-2 (HTTP functions): a non-executable one-line bootstrap runs through a shell, as on the platform; Content-Length is kept', async () => {
    const server = "require('http').createServer((q, r) => { r.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 5 }); r.end('hello'); }).listen(8000, '127.0.0.1');\n";
    const fn = await tempFunction({
      'template.yml': 'Resources:\n  web:\n    Type: HC::Serverless::Function\n    Properties:\n      Handler: bootstrap\n      Runtime: http\n',
      bootstrap: '/opt/function/runtime/nodejs20.15/rtsp/nodejs/bin/node $RUNTIME_CODE_ROOT/server.js\n',
      'server.js': server,
    }, { bootstrap: 0o644 });
    try {
      const spec = await fn.spec();
      const checks = await preflight(spec);
      assert.deepEqual(checks.errors, []);
      assert.ok(checks.warnings.some((w) => /bootstrap is not executable; as on the platform/.test(w)), checks.warnings.join('\n'));
      const inv = new Invoker(spec);
      invokers.push(inv);
      const r = await inv.invoke(apig({ queryStringParameters: {} }));
      assert.equal(r.status, 'ok', r.outputText + r.logs.map((l) => l.text).join('\n'));
      const bridged = JSON.parse(r.outputText) as Bridged;
      assert.equal(Buffer.from(bridged.body, 'base64').toString(), 'hello');
      assert.deepEqual(bridged.headers['content-length'], ['5']);
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });

  void it('HTTP-1: a Python HTTP function declared Runtime: http answers through the bridge', async () => {
    const inv = new Invoker(await fixture('http-python'));
    invokers.push(inv);
    const get = await inv.invoke(apig({ path: '/user/get', queryStringParameters: {} }));
    assert.equal(get.status, 'ok', get.outputText + get.logs.map((l) => l.text).join('\n'));
    const g = decode(get.outputText);
    assert.deepEqual(g.json, { method: 'GET', path: '/user/get', body: '', requestId: get.requestId });
    const post = await inv.invoke(apig({ httpMethod: 'POST', body: 'plain body', queryStringParameters: {} }));
    assert.equal(decode(post.outputText).json.body, 'plain body');
    assert.match(get.logs.map((l) => l.text).join('\n'), /python3 → /);
    await inv.dispose();
  });

  void it('HTTP-1: an HTTP function that never listens on 8000 times out at start-up, saying what was awaited', async () => {
    const fn = await tempFunction({
      bootstrap: '#!/bin/sh\necho "listening somewhere else"\nsleep 30\n',
      'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  h:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: h\n      Handler: bootstrap\n      Runtime: http\n',
    });
    try {
      // Timeout 1 is below what a config may say (ENV-5): the override is what a short test needs.
      const inv = new Invoker(await fn.spec(), { timeoutS: 1 });
      invokers.push(inv);
      let pid = 0;
      inv.on('instance-start', (i) => { pid = i.pid; });
      const r = await inv.invoke(apig({}));
      assert.equal(r.status, 'timeout');
      assert.match(r.error!.errorMessage, /accept connections on 127\.0\.0\.1:8000/);
      assert.equal(await eventually(() => liveGroupMembers(pid).length === 0), true);
      await inv.dispose();
    } finally {
      await fn.cleanup();
    }
  });

  void it('HTTP-1: port 8000 already taken fails before the bootstrap starts, naming the process', async () => {
    const squatter = http.createServer((_req, res) => res.end('not yours'));
    await new Promise<void>((r) => squatter.listen(8000, '127.0.0.1', r));
    try {
      const problem = await port8000Problem();
      assert.match(problem ?? '', new RegExp(`pid ${process.pid}`));
      assert.match(problem ?? '', /HTTP-1/);
      const spec = await fixture('http-python');
      assert.match((await preflight(spec)).errors.join('\n'), /Port 8000 on 127\.0\.0\.1 is already in use/);
      const inv = new Invoker(spec);
      invokers.push(inv);
      let started = false;
      inv.on('instance-start', () => { started = true; });
      const r = await inv.invoke(apig({}));
      assert.equal(r.status, 'error');
      assert.equal(r.error?.errorType, 'PortInUse');
      assert.equal(started, false);
      await inv.dispose();
    } finally {
      squatter.closeAllConnections();
      await new Promise<void>((r) => squatter.close(() => r()));
    }
  });

  void it('HTTP-1 detection: another program listening on 8000 for a moment is not taken for the function, which then polls and gets its event', async () => {
    // Polls only after a second, so the detector watches port 8000 meanwhile.
    const fn = await tempFunction({
      bootstrap: [
        '#!/bin/sh',
        'sleep 1',
        'API="http://$RUNTIME_API_ADDR/v1/runtime/invocation"',
        'while true; do',
        '  ID=$(curl -sS "$API/request" -o "${TMPDIR:-/tmp}/event" -D - | tr -d "\\r" | sed -n "s/^[Xx]-[Cc]ff-[Rr]equest-[Ii]d: //p")',
        '  curl -sS -X POST "$API/response/$ID" --data-binary @"${TMPDIR:-/tmp}/event" >/dev/null',
        'done',
        '',
      ].join('\n'),
    }, { bootstrap: 0o755 });
    const inv = new Invoker(await fn.spec(), { timeoutS: 10 });
    invokers.push(inv);
    // Another program's listener, there from just after the start until the detector's first probe.
    const foreign = http.createServer();
    let probed = false;
    foreign.on('connection', (socket) => {
      probed = true;
      socket.destroy();
      foreign.close();
    });
    inv.once('instance-start', () => foreign.listen(8000, '127.0.0.1'));
    try {
      const r = await inv.invoke('{"n":1}');
      assert.equal(probed, true, 'the detector saw the other listener');
      assert.equal(r.status, 'ok', JSON.stringify(r.error));
      assert.equal(r.outputText, '{"n":1}');
    } finally {
      foreign.close();
      await fn.cleanup();
    }
  });
});
