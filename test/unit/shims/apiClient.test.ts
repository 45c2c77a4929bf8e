// The Node.js shim's hand-written runtime API client against a runtime API that frames its answers
// in every way HTTP/1.1 allows: chunked (with extensions and trailers), content-length, until-close,
// split into small packets at awkward places. The fake server is a raw TCP server so that the bytes
// on the wire are exactly the ones under test.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { shimFile } from '../../../src/core/invoke/launch/shim';
import { tempDir } from './harness';

interface Received { method: string; path: string; headers: Record<string, string>; body: Buffer; connection: number }

/** A runtime API on a raw socket: `answerGet` writes the GET response bytes itself; POSTs are collected. */
async function fakeRuntimeApi(t: TestContext, answerGet: (socket: net.Socket, n: number) => Promise<void>) {
  const posts: Received[] = [];
  const gets: Received[] = [];
  let connections = 0;
  let onPost: (() => void) | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [start, ...lines] = buf.toString('latin1', 0, end).split('\r\n');
        const headers: Record<string, string> = {};
        for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
        const length = Number(headers['content-length'] ?? 0);
        if (buf.length < end + 4 + length) return;
        const [method, p] = start.split(' ');
        const req = { method, path: p, headers, body: buf.subarray(end + 4, end + 4 + length), connection };
        buf = buf.subarray(end + 4 + length);
        if (method === 'GET') {
          gets.push(req);
          void answerGet(socket, gets.length);
        } else {
          posts.push(req);
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
          onPost?.();
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const addr = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  // Bounded only to turn a hang into a failure that says what did arrive.
  const waitPosts = (n: number) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`expected ${n} POST(s) from the shim within 10 s; got ${posts.length} POST(s) after ${gets.length} GET(s) on ${connections} connection(s)`)), 10_000);
    const check = () => {
      if (posts.length < n) return;
      clearTimeout(timer);
      resolve();
    };
    onPost = check;
    check();
  });
  return { addr, posts, gets, waitPosts, connections: () => connections };
}

function startShim(t: TestContext, addr: string, handlerCode: string): ChildProcess {
  const dir = tempDir(t, 'fgtk-shim-client-');
  writeFileSync(path.join(dir, 'index.js'), handlerCode);
  const child = spawn(process.execPath, [shimFile('node', 'runtime.js')], {
    env: { ...process.env, RUNTIME_API_ADDR: addr, RUNTIME_CODE_ROOT: dir, RUNTIME_HANDLER: 'index.handler', RUNTIME_TIMEOUT: '10' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  t.after(() => { child.kill('SIGKILL'); });
  child.on('exit', (code) => { if (code !== null && code !== 0) process.stderr.write(`shim exited ${code}: ${stderr}\n`); });
  return child;
}

/** Writes `bytes` in pieces of `size` bytes with a pause between them, so that the shim reads partial data. */
async function dribble(socket: net.Socket, bytes: Buffer, size: number): Promise<void> {
  for (let i = 0; i < bytes.length; i += size) {
    socket.write(bytes.subarray(i, i + size));
    await new Promise((r) => setTimeout(r, 2));
  }
}

const ECHO = 'exports.handler = async (event) => event;\n';
// Raw CRLFs between JSON tokens and multi-byte UTF-8: a parser that scans the body for the end of
// the head, or decodes packets one at a time, gets this wrong.
const EVENT = '{\r\n\r\n"text": "héllo 世界 0\\r\\n\\r\\n",\r\n\r\n"n": 1}';
const PARSED = { text: 'héllo 世界 0\r\n\r\n', n: 1 };

void test('RT-1/API-1: a chunked event split into small packets (extensions, trailer) reaches the handler whole', async (t) => {
  const body = Buffer.from(EVENT);
  const api = await fakeRuntimeApi(t, async (socket, n) => {
    if (n > 1) return; // the next long poll stays open
    const parts = [body.subarray(0, 7), body.subarray(7, 8), body.subarray(8)];
    const wire = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-CFF-Request-Id: req-1\r\n\r\n'),
      ...parts.flatMap((p, i) => [Buffer.from(p.length.toString(16) + (i === 1 ? ';ext=1' : '') + '\r\n'), p, Buffer.from('\r\n')]),
      Buffer.from('0\r\nX-Trailer: yes\r\n\r\n'),
    ]);
    await dribble(socket, wire, 3);
  });
  startShim(t, api.addr, ECHO);
  await api.waitPosts(1);
  const post = api.posts[0];
  assert.equal(post.method, 'POST');
  assert.equal(post.path, '/v1/runtime/invocation/response/req-1');
  assert.equal(post.headers['content-type'], 'application/json');
  assert.equal(Number(post.headers['content-length']), post.body.length);
  assert.deepEqual(JSON.parse(post.body.toString('utf8')), PARSED);
});

void test('API-1: content-length events, after a long poll in separate packets, then in one packet; warm invocations reuse one connection', async (t) => {
  const body = Buffer.from(EVENT);
  const api = await fakeRuntimeApi(t, async (socket, n) => {
    if (n > 2) return;
    const head = `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nx-cff-request-id: req-${n}\r\n\r\n`;
    if (n === 2) { // head and body in one packet
      socket.write(Buffer.concat([Buffer.from(head), body]));
      return;
    }
    await new Promise((r) => setTimeout(r, 1500)); // the GET waits: no client-side timeout
    socket.write(head);
    await new Promise((r) => setTimeout(r, 20));
    await dribble(socket, body, 5);
  });
  startShim(t, api.addr, ECHO);
  await api.waitPosts(2);
  assert.deepEqual(api.posts.map((p) => p.path), ['/v1/runtime/invocation/response/req-1', '/v1/runtime/invocation/response/req-2']);
  for (const p of api.posts) assert.deepEqual(JSON.parse(p.body.toString('utf8')), PARSED);
  assert.equal(api.connections(), 1, 'GET, POST, GET, POST on one keep-alive connection');
});

void test('API-1: an event whose body ends with the connection is read whole; the answer goes on a new connection', async (t) => {
  const api = await fakeRuntimeApi(t, async (socket, n) => {
    if (n > 1) return;
    socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nX-Cff-Request-Id: req-close\r\n\r\n');
    await dribble(socket, Buffer.from(EVENT), 6);
    socket.end();
  });
  startShim(t, api.addr, ECHO);
  await api.waitPosts(1);
  assert.deepEqual(JSON.parse(api.posts[0].body.toString('utf8')), PARSED);
  assert.equal(api.posts[0].connection, 2);
});

void test('RT-3: a Buffer result is posted byte for byte, every byte value', async (t) => {
  const api = await fakeRuntimeApi(t, async (socket, n) => {
    if (n > 1) return;
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Cff-Request-Id: req-bytes\r\n\r\n{}');
  });
  startShim(t, api.addr, 'exports.handler = async () => Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));\n');
  await api.waitPosts(1);
  assert.equal(api.posts[0].headers['content-type'], 'application/octet-stream');
  assert.deepEqual([...api.posts[0].body], Array.from({ length: 512 }, (_, i) => i % 256));
});
