// The test stand-in of Huawei's go-runtime library speaks the wire format of the real library:
// a binary built from it (with the image's Go) gets the doc's captured client bytes and answers
// what the real library answered (builtin-runtimes.md 1.8). Gob type ids are the sending process's
// own choice (Go 1.19 gave the first user type 65, newer Go gives 64), so both streams are compared
// through the generic decoder: the same definitions in the same order, the same values.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { test } from 'node:test';
import { GobDecoder, type GobType } from '../../../../src/core/invoke/delivery/goRpc/gob';
import { CAPTURE } from './capture';
import { buildGoFixture } from './goFixtures';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** The stream as definitions (user ids renumbered by arrival) and values. */
function canonical(bytes: Buffer): unknown[] {
  const d = new GobDecoder();
  const values = d.push(bytes);
  const renumber = new Map<number, number>();
  d.definitions.forEach((def, i) => renumber.set(def.id, 1000 + i));
  const id = (n: number) => renumber.get(n) ?? n;
  const type = (t: GobType): unknown => {
    switch (t.kind) {
      case 'struct': return { ...t, fields: t.fields.map((f) => ({ name: f.name, id: id(f.id) })) };
      case 'slice': return { ...t, elem: id(t.elem) };
      case 'array': return { ...t, elem: id(t.elem) };
      case 'map': return { ...t, key: id(t.key), elem: id(t.elem) };
      default: return t;
    }
  };
  return [d.definitions.map((def) => type(def.type)), values.map((v) => ({ typeId: id(v.typeId), value: v.value }))];
}

async function exchange(port: number, sends: Buffer[], expectBytes: number[]): Promise<Buffer[]> {
  const sock = net.connect({ host: '127.0.0.1', port });
  await new Promise((r) => sock.once('connect', r));
  const replies: Buffer[] = [];
  let buf = Buffer.alloc(0);
  let want = -1;
  let next: (() => void) | undefined;
  sock.on('data', (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    if (want >= 0 && buf.length >= want) next?.();
  });
  const read = (n: number) => new Promise<Buffer>((resolve) => {
    want = n;
    next = () => {
      const out = buf.subarray(0, n);
      buf = buf.subarray(n);
      want = -1;
      resolve(out);
    };
    if (buf.length >= n) next();
  });
  sock.write('CONNECT /_goRPC_ HTTP/1.0\n\n');
  assert.equal((await read('HTTP/1.0 200 Connected to Go RPC\n\n'.length)).toString(), 'HTTP/1.0 200 Connected to Go RPC\n\n');
  for (let i = 0; i < sends.length; i++) {
    sock.write(sends[i]!);
    replies.push(await read(expectBytes[i]!));
  }
  sock.destroy();
  return replies;
}

test('GO-RPC 1.8: the go-runtime stand-in answers the captured calls as the real library did', { timeout: 180_000 }, async () => {
  const exe = buildGoFixture('behaviours');
  const port = await freePort();
  const child = spawn(exe, [], { env: { RUNTIME_API_ADDR: `127.0.0.1:${port}` }, stdio: 'ignore' });
  try {
    for (let i = 0; i < 200; i++) {
      const ok = await new Promise<boolean>((r) => net.connect({ host: '127.0.0.1', port }).on('connect', function (this: net.Socket) { this.destroy(); r(true); }).on('error', () => r(false)));
      if (ok) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const capturedFirst = Buffer.from(CAPTURE.serverFirst, 'hex');
    const capturedSecond = Buffer.from(CAPTURE.serverSecond, 'hex');
    // Newer Go numbers user types from 64, so its first reply may be one byte shorter (one-byte ids).
    const [first, second] = await exchange(port, [Buffer.from(CAPTURE.clientFirst, 'hex'), Buffer.from(CAPTURE.clientSecond, 'hex')], [capturedFirst.length - 1, capturedSecond.length]);
    const standinStream = Buffer.concat([first!, second!]);
    const capturedStream = Buffer.concat([capturedFirst, capturedSecond]);
    assert.deepEqual(canonical(standinStream), canonical(capturedStream));
    assert.equal(second!.length, capturedSecond.length, 'a warm reply carries no definitions, as captured');
  } finally {
    child.kill('SIGKILL');
  }
});
