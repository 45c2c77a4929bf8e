// The runtime API server's state machine over real HTTP on 127.0.0.1 (contract API-1..6, EXT-1..3, INV-5).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_SYNC_PAYLOAD, RuntimeApiServer } from '../../../src/core/emulator';

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

function request(addr: string, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
  const [host, port] = addr.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

void describe('runtime API server', () => {
  let server: RuntimeApiServer;
  let addr: string;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    server = new RuntimeApiServer({ functionName: 'fn', functionVersion: 'latest', log: (level, text) => logs.push(`${level}: ${text}`) });
    addr = await server.listen();
  });
  afterEach(async () => {
    await server.close();
  });

  void it('ENV-1: listens on 127.0.0.1 with an ephemeral port, address without scheme', () => {
    assert.match(addr, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(addr.split(':')[1], '0');
  });

  void it('API-1/API-2: a waiting GET receives the raw event bytes with request ID and invoke type, no credentials by default', async () => {
    const get = request(addr, 'GET', '/v1/runtime/invocation/request');
    await new Promise((r) => setTimeout(r, 50)); // the GET is parked first
    const bytes = Buffer.from([0x00, 0xff, 0x7b, 0x0a, 0xe4, 0xbd, 0xa0]); // binary, not JSON
    const answer = server.offer('req-1', bytes, 'sync');
    const reply = await get;
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, bytes);
    assert.equal(reply.headers['x-cff-request-id'], 'req-1');
    assert.equal(reply.headers['x-cff-invoke-type'], 'sync');
    for (const h of ['x-cff-access-key', 'x-cff-secret-key', 'x-cff-auth-token', 'x-cff-security-token']) assert.equal(reply.headers[h], undefined, h);
    const post = await request(addr, 'POST', '/v1/runtime/invocation/response/req-1', 'done');
    assert.equal(post.status, 200);
    const a = await answer;
    assert.equal(a.kind, 'response');
    assert.equal(a.kind === 'response' && a.body.toString(), 'done');
  });

  void it('API-1: an event offered before the GET is delivered when the GET arrives', async () => {
    const answer = server.offer('early', Buffer.from('{"x":1}'), 'async');
    const reply = await request(addr, 'GET', '/v1/runtime/invocation/request');
    assert.equal(reply.body.toString(), '{"x":1}');
    assert.equal(reply.headers['x-cff-invoke-type'], 'async');
    await request(addr, 'POST', '/v1/runtime/invocation/response/early', '');
    assert.equal((await answer).kind, 'response');
  });

  void it('API-2: credential headers are sent only when configured', async () => {
    const s = new RuntimeApiServer({ functionName: 'f', functionVersion: 'latest', log: () => undefined, credentials: { accessKey: 'AK', secretKey: 'SK', authToken: 'TOK', securityToken: 'ST' } });
    const a = await s.listen();
    try {
      void s.offer('c1', Buffer.from('{}'), 'sync');
      const reply = await request(a, 'GET', '/v1/runtime/invocation/request');
      assert.equal(reply.headers['x-cff-access-key'], 'AK');
      assert.equal(reply.headers['x-cff-secret-key'], 'SK');
      assert.equal(reply.headers['x-cff-auth-token'], 'TOK');
      assert.equal(reply.headers['x-cff-security-token'], 'ST');
    } finally {
      await s.close();
    }
  });

  void it('API-4: the error endpoint answers 200 and resolves as an error', async () => {
    const answer = server.offer('e1', Buffer.from('{}'), 'sync');
    await request(addr, 'GET', '/v1/runtime/invocation/request');
    const post = await request(addr, 'POST', '/v1/runtime/invocation/error/e1', '{"errorType":"X","errorMessage":"y"}');
    assert.equal(post.status, 200);
    const a = await answer;
    assert.equal(a.kind, 'error');
    assert.equal(a.kind === 'error' && JSON.parse(a.body.toString()).errorType, 'X');
  });

  void it('API-6: unknown request IDs get 404, repeated answers 409, both with JSON bodies and logged', async () => {
    const answer = server.offer('r1', Buffer.from('{}'), 'sync');
    await request(addr, 'GET', '/v1/runtime/invocation/request');
    assert.equal((await request(addr, 'POST', '/v1/runtime/invocation/response/r1', 'a')).status, 200);
    await answer;
    const again = await request(addr, 'POST', '/v1/runtime/invocation/response/r1', 'b');
    assert.equal(again.status, 409);
    assert.equal(JSON.parse(again.body.toString()).errorType, 'RequestAlreadyAnswered');
    const unknown = await request(addr, 'POST', '/v1/runtime/invocation/error/nope', 'b');
    assert.equal(unknown.status, 404);
    assert.match(JSON.parse(unknown.body.toString()).errorMessage, /Unknown request ID "nope"/);
    assert.equal(logs.some((l) => l.includes('409')), true, logs.join('\n'));
    assert.equal(logs.some((l) => l.includes('404') && l.includes('nope')), true, logs.join('\n'));
  });

  void it('API-6: unknown paths get 404 with a JSON body, logged, with a hint for AWS-style paths', async () => {
    const r = await request(addr, 'GET', '/2018-06-01/runtime/invocation/next');
    assert.equal(r.status, 404);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.match(JSON.parse(r.body.toString()).errorMessage, /AWS Lambda/);
    assert.equal(logs.some((l) => l.startsWith('warn: 404') && l.includes('/2018-06-01/')), true);
  });

  void it('API-6: one outstanding event at a time', async () => {
    void server.offer('one', Buffer.from('{}'), 'sync');
    assert.throws(() => server.offer('two', Buffer.from('{}'), 'sync'), /already outstanding/);
  });

  void it('API-6: an abandoned request (timed out) answers late POSTs with 409', async () => {
    void server.offer('late', Buffer.from('{}'), 'sync');
    await request(addr, 'GET', '/v1/runtime/invocation/request');
    server.abandon('late');
    assert.equal((await request(addr, 'POST', '/v1/runtime/invocation/response/late', 'x')).status, 409);
  });

  void it('INV-5: a response over 6 MB is refused with 413 and reported as too large', async () => {
    const answer = server.offer('big', Buffer.from('{}'), 'sync');
    await request(addr, 'GET', '/v1/runtime/invocation/request');
    const post = await request(addr, 'POST', '/v1/runtime/invocation/response/big', Buffer.alloc(MAX_SYNC_PAYLOAD + 1, 0x61));
    assert.equal(post.status, 413);
    const a = await answer;
    assert.equal(a.kind, 'too-large');
    assert.equal(a.kind === 'too-large' && a.size, MAX_SYNC_PAYLOAD + 1);
  });

  void it('API-1: a response of exactly 6 MB is accepted', async () => {
    const answer = server.offer('six', Buffer.from('{}'), 'sync');
    await request(addr, 'GET', '/v1/runtime/invocation/request');
    assert.equal((await request(addr, 'POST', '/v1/runtime/invocation/response/six', Buffer.alloc(MAX_SYNC_PAYLOAD, 0x61))).status, 200);
    const a = await answer;
    assert.equal(a.kind === 'response' && a.body.length, MAX_SYNC_PAYLOAD);
  });

  void it('API-1: the long poll is exempt from Node server timeouts and outlasts the default keep-alive timeout (5 s)', async () => {
    const s = server.httpServer;
    assert.equal(s.requestTimeout, 0);
    assert.equal(s.timeout, 0);
    assert.equal(s.keepAliveTimeout, 0);
    // An idle function: its GET waits past Node's default keepAliveTimeout before an event arrives.
    const get = request(addr, 'GET', '/v1/runtime/invocation/request');
    await new Promise((r) => setTimeout(r, 5600));
    void server.offer('idle', Buffer.from('{"after":"idle"}'), 'sync');
    const reply = await get;
    assert.equal(reply.status, 200);
    assert.equal(reply.body.toString(), '{"after":"idle"}');
  });

  void it('API-2: withdraw takes back an event no GET has received', async () => {
    const answer = server.offer('w', Buffer.from('{}'), 'sync');
    assert.equal(server.withdraw('w'), true);
    assert.equal((await answer).kind, 'withdrawn');
    assert.equal(server.withdraw('w'), false);
  });
});

void describe('extensions API', () => {
  let server: RuntimeApiServer;
  let addr: string;
  beforeEach(async () => {
    server = new RuntimeApiServer({ functionName: 'hello', functionVersion: 'latest', log: () => undefined });
    addr = await server.listen();
  });
  afterEach(async () => {
    server.extensions.dispose();
    await server.close();
  });
  const register = (name: string | undefined, address: string | undefined) => request(addr, 'POST', '/extension/register', 'ignored', {
    ...(name !== undefined ? { 'FunctionGraph-Extension-Name': name } : {}),
    ...(address !== undefined ? { 'FunctionGraph-Extension-Address': address } : {}),
  });

  void it('EXT-1/EXT-2: registration replies 200 with functionName, functionVersion and an empty errorInfo', async () => {
    const r = await register('ext.sh', '127.0.0.1:8081');
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body.toString()), { functionName: 'hello', functionVersion: 'latest', errorInfo: { errorType: '', errorMessage: '' } });
    assert.deepEqual(server.extensions.list, [{ name: 'ext.sh', address: '127.0.0.1:8081' }]);
  });

  void it('EXT-1: the name header is required', async () => {
    const r = await register(undefined, '127.0.0.1:8082');
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.body.toString()).errorInfo.errorMessage, /FunctionGraph-Extension-Name/);
  });

  void it('EXT-1: the address must be 127.0.0.1:8081 to 127.0.0.1:8090', async () => {
    for (const bad of ['127.0.0.1:8080', '127.0.0.1:8091', '0.0.0.0:8081', 'localhost:8081', '']) {
      const r = await register('e', bad);
      assert.equal(r.status, 400, bad);
      assert.equal(JSON.parse(r.body.toString()).errorInfo.errorType, 'InvalidExtensionAddress');
    }
  });

  void it('EXT-1: each port once, at most 10 extensions', async () => {
    for (let p = 8081; p <= 8090; p++) assert.equal((await register(`e${p}`, `127.0.0.1:${p}`)).status, 200);
    const dup = await register('other', '127.0.0.1:8085');
    assert.equal(dup.status, 409);
    assert.equal(server.extensions.list.length, 10);
  });

  void it('EXT-3: every invocation POSTs {traceId, invokedFunctionUrn} to /extension/invoke', async () => {
    const received: { path: string; body: string }[] = [];
    const handler: http.RequestListener = (req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        res.end('{}');
      });
    };
    // EXT-1 allows only 127.0.0.1:8081-8090: take the first free one (a fresh server per attempt).
    let ext: http.Server | undefined;
    let port = 0;
    for (let p = 8090; p >= 8081 && !ext; p--) {
      const candidate = http.createServer(handler);
      const ok = await new Promise<boolean>((resolve) => {
        candidate.once('error', () => resolve(false));
        candidate.listen(p, '127.0.0.1', () => resolve(true));
      });
      if (ok) {
        ext = candidate;
        port = p;
      }
    }
    assert.ok(ext, 'no free port in 8081-8090');
    try {
      assert.equal((await register('ext.py', `127.0.0.1:${port}`)).status, 200);
      await server.extensions.notifyInvoke('trace-1', 'urn:fss:local:p:function:default:hello:latest');
      assert.deepEqual(received, [{ path: '/extension/invoke', body: JSON.stringify({ traceId: 'trace-1', invokedFunctionUrn: 'urn:fss:local:p:function:default:hello:latest' }) }]);
    } finally {
      ext.closeAllConnections();
      await new Promise<void>((r) => ext.close(() => r()));
    }
  });
});
