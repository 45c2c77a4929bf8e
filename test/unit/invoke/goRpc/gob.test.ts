// The TypeScript gob codec and net/rpc client against the byte capture of two real calls
// (builtin-runtimes.md 1.3, 1.8).
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { test } from 'node:test';
import { GobDecoder, GobWriter } from '../../../../src/core/invoke/delivery/goRpc/gob';
import { encodeInvokeCall } from '../../../../src/core/invoke/delivery/goRpc/netRpcMessages';
import { NetRpcClient, RpcConnectionError, RpcServerError } from '../../../../src/core/invoke/delivery/goRpc/netRpcClient';
import { CAPTURE } from './capture';

const hex = (s: string) => Buffer.from(s, 'hex');
const HEADER = { 'X-Cff-Request-Id': ['r1'] };

test('GO-RPC 1.8: the client writes the captured bytes for two Function.Invoke calls on one connection', () => {
  assert.equal(encodeInvokeCall(0, Buffer.from('{}'), HEADER, true).toString('hex'), CAPTURE.clientFirst);
  assert.equal(encodeInvokeCall(1, Buffer.from('{}'), HEADER, false).toString('hex'), CAPTURE.clientSecond);
});

test('GO-RPC 1.8: the generic decoder reads the server\'s type definitions and both replies', () => {
  const d = new GobDecoder();
  const first = d.push(hex(CAPTURE.serverFirst));
  assert.deepEqual(first.map((v) => v.value), [
    { ServiceMethod: 'Function.Invoke' },
    { StatusCode: 200, Payload: Buffer.from('{"msg":"ok","n":42}') },
  ]);
  assert.deepEqual(d.typeOf(65), { kind: 'struct', name: 'Response', fields: [{ name: 'ServiceMethod', id: 6 }, { name: 'Seq', id: 3 }, { name: 'Error', id: 6 }] });
  const second = d.push(hex(CAPTURE.serverSecond));
  assert.deepEqual(second.map((v) => v.value), [
    { ServiceMethod: 'Function.Invoke', Seq: 1 },
    { StatusCode: 200, Payload: Buffer.from('{"msg":"ok","n":42}') },
  ]);
});

test('GO-RPC 1.8: the decoder takes messages split at any byte', () => {
  const all = hex(CAPTURE.serverFirst + CAPTURE.serverSecond);
  const d = new GobDecoder();
  const values = [];
  for (let i = 0; i < all.length; i++) values.push(...d.push(all.subarray(i, i + 1)));
  assert.equal(values.length, 4);
  assert.deepEqual(values[3]!.value, { StatusCode: 200, Payload: Buffer.from('{"msg":"ok","n":42}') });
});

test('GO-RPC 1.3: the client decodes the captured client bytes too (the encoder\'s own definitions are readable)', () => {
  const d = new GobDecoder();
  const values = d.push(hex(CAPTURE.clientFirst)).map((v) => v.value);
  assert.deepEqual(values, [
    { ServiceMethod: 'Function.Invoke' },
    { Payload: Buffer.from('{}'), Header: { 'X-Cff-Request-Id': ['r1'] } },
  ]);
});

test('gob primitives: unsigned and zig-zag signed integers as the gob documentation spells them', () => {
  assert.equal(new GobWriter().uint(7).view().toString('hex'), '07');
  assert.equal(new GobWriter().uint(256).view().toString('hex'), 'fe0100');
  assert.equal(new GobWriter().int(-129).view().toString('hex'), 'fe0101');
  assert.equal(new GobWriter().int(200).view().toString('hex'), 'fe0190');
  assert.equal(new GobWriter().int(-65).view().toString('hex'), 'ff81');
});

/** A loopback server that replays the capture: answers CONNECT, checks what the client sends, answers with the captured bytes. */
function replayServer(answers: string[], onClientBytes: (b: Buffer) => void, connectAnswer = 'HTTP/1.0 200 Connected to Go RPC\n\n'): Promise<net.Server> {
  return new Promise((resolve) => {
    const srv = net.createServer((sock) => {
      let connected = false;
      let buf = Buffer.alloc(0);
      sock.on('data', (c: Buffer) => {
        if (!connected) {
          buf = Buffer.concat([buf, c]);
          const i = buf.indexOf('\n\n');
          if (i < 0) return;
          assert.equal(buf.subarray(0, i + 2).toString(), 'CONNECT /_goRPC_ HTTP/1.0\n\n');
          connected = true;
          sock.write(connectAnswer);
          return;
        }
        onClientBytes(c);
        const a = answers.shift();
        if (a) sock.write(hex(a));
      });
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

test('GO-RPC 1.7: NetRpcClient makes two warm calls on one connection, byte for byte as captured', async () => {
  let sent = Buffer.alloc(0);
  const srv = await replayServer([CAPTURE.serverFirst, CAPTURE.serverSecond], (b) => { sent = Buffer.concat([sent, b]); });
  const port = (srv.address() as net.AddressInfo).port;
  const client = await NetRpcClient.connect('127.0.0.1', port);
  try {
    const r1 = await client.invoke(Buffer.from('{}'), HEADER);
    const r2 = await client.invoke(Buffer.from('{}'), HEADER);
    assert.deepEqual(r1, { statusCode: 200, payload: Buffer.from('{"msg":"ok","n":42}') });
    assert.deepEqual(r2, r1);
    assert.equal(sent.toString('hex'), CAPTURE.clientFirst + CAPTURE.clientSecond);
  } finally {
    client.close();
    srv.close();
  }
});

test('GO-RPC 1.5: an Error reply (followed by an empty struct) rejects with the server\'s error text', async () => {
  // Response{ServiceMethod, Seq 0, Error "{...}"} then the empty struct definition and value, as Go's server sends them.
  const errText = '{\n    "errorMessage": "boom",\n    "errorType": "FunctionReturnError"\n}';
  const w = new GobWriter();
  w.uint(1).string('Function.Invoke').uint(2).string(errText).uint(0);
  const body = w.view();
  const head = new GobWriter().int(65).view();
  const respDef = hex(CAPTURE.serverFirst).subarray(0, 0x3b);
  const respValue = Buffer.concat([new GobWriter().uint(head.length + body.length).view(), head, body]);
  const emptyStruct = hex('0aff87030102ff8800000003ff8800');
  const srv = await replayServer([Buffer.concat([respDef, respValue, emptyStruct]).toString('hex')], () => undefined);
  const client = await NetRpcClient.connect('127.0.0.1', (srv.address() as net.AddressInfo).port);
  try {
    await assert.rejects(client.invoke(Buffer.from('{}'), HEADER), (e: unknown) => e instanceof RpcServerError && e.serverError === errText);
  } finally {
    client.close();
    srv.close();
  }
});

test('GO-RPC 1.3: a server that is no Go RPC server is refused with what it answered', async () => {
  const srv = await replayServer([], () => undefined, 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n\n\n');
  try {
    await assert.rejects(NetRpcClient.connect('127.0.0.1', (srv.address() as net.AddressInfo).port), (e: unknown) => e instanceof RpcConnectionError && /not a Go RPC server.*404/.test(e.message));
  } finally {
    srv.close();
  }
});

test('GO-RPC 1.3: a call with a multi-byte Seq and a payload over 127 bytes reads back as sent (call after call)', () => {
  const payload = Buffer.from(JSON.stringify({ text: 'x'.repeat(300) }));
  const d = new GobDecoder();
  d.push(encodeInvokeCall(0, Buffer.from('{}'), HEADER, true));
  for (const seq of [127, 128, 300, 70_000, 2 ** 40]) {
    const values = d.push(encodeInvokeCall(seq, payload, { 'X-Cff-Request-Id': [`r${seq}`], 'X-Cff-Invoke-Type': ['sync'] }, false)).map((v) => v.value);
    assert.deepEqual(values, [
      { ServiceMethod: 'Function.Invoke', Seq: seq },
      { Payload: payload, Header: { 'X-Cff-Request-Id': [`r${seq}`], 'X-Cff-Invoke-Type': ['sync'] } },
    ]);
  }
  // A 100 kB event: the scratch space grows for it and the bytes stay right.
  const big = Buffer.alloc(100_000, 'a');
  assert.deepEqual(d.push(encodeInvokeCall(5, big, HEADER, false)).map((v) => v.value)[1], { Payload: big, Header: HEADER });
  assert.equal(encodeInvokeCall(1, Buffer.from('{}'), HEADER, false).toString('hex'), CAPTURE.clientSecond);
});
