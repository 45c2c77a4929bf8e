// The emulator's own cost (issue 2): warm round trip against the physical floor (two keep-alive
// HTTP round trips on loopback with Node's http, measured beside it), sequential throughput, and
// cold start (spawn to first GET) against a bare `node -e ''` spawn.
//
// Two trivial bootstraps: one on a bare socket (the client the Node.js shim uses; its own cost is
// near zero, so the figure is the emulator's) carries the goals; one on Node's `http` client (what
// a hand-written custom runtime often uses) is compared with the same client in another process.
// Every series runs in interleaved rounds, so a burst of other work on this shared machine lands on
// the baseline and the measured figure alike.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { loadFunction } from '../src/core/config';
import { Invoker } from '../src/core/invoke';
import { makeFloorClient } from './floor-client.cjs';
import type { Figure } from './run';

const ROUNDS = 10;
const PER_ROUND = 200; // 2,000 invocations in all
const WARM_UP = 200;
const COLD_STARTS = 10;
const FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures', 'functions');
const SOCKET_BOOTSTRAP = path.join(FIXTURES, 'node-trivial-socket');
const HTTP_BOOTSTRAP = path.join(FIXTURES, 'node-trivial');
const FLOOR_CLIENT = path.join(__dirname, 'floor-client.cjs');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** A series measured in rounds: `round(n)` returns n round-trip times in ms. */
interface Series {
  round(n: number): Promise<number[]>;
  close(): Promise<void>;
}

async function floorServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Two bare keep-alive round trips (like GET next + POST response), Node's http on both ends, one process. */
async function inProcessFloor(): Promise<Series> {
  const server = await floorServer();
  return { round: makeFloorClient(server.port), close: () => server.close() };
}

/**
 * The same two round trips with the client in another Node.js process, as a function always is:
 * the floor for the topology of a real invocation (server here, client in the instance).
 */
async function crossProcessFloor(): Promise<Series> {
  const server = await floorServer();
  const child = spawn(process.execPath, [FLOOR_CLIENT, String(server.port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    round: async (n) => {
      child.stdin.write(`${n}\n`);
      const line = await replies.next();
      if (line.done) throw new Error('the cross-process floor client ended early');
      return JSON.parse(line.value) as number[];
    },
    close: async () => {
      child.kill();
      await server.close();
    },
  };
}

/** Sequential invocations of one warm instance, after a cold start and a JIT warm-up. */
async function warmInvocations(dir: string): Promise<Series> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`bench fixture missing: ${dir}`);
  const invoker = new Invoker(spec, { timeoutS: 30 });
  const event = Buffer.from('{"hello":"world"}');
  const round = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = await invoker.invoke(event);
      times.push(performance.now() - s);
      if (r.status !== 'ok') throw new Error(`warm invocation failed: ${r.outputText}`);
    }
    return times;
  };
  await round(WARM_UP);
  return { round, close: () => invoker.dispose() };
}

interface Measured { sorted: number[]; perSecond: number }

/** Runs every series for ROUNDS rounds of PER_ROUND, interleaved, the order rotating each round. */
async function interleaved(series: Series[]): Promise<Measured[]> {
  const times = series.map(() => [] as number[]);
  const elapsed = series.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < series.length; k++) {
      const i = (r + k) % series.length;
      const t0 = performance.now();
      times[i].push(...(await series[i].round(PER_ROUND)));
      elapsed[i] += performance.now() - t0;
    }
  }
  return times.map((t, i) => ({ sorted: t.sort((a, b) => a - b), perSecond: t.length / (elapsed[i] / 1000) }));
}

async function bareSpawn(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return performance.now() - t0;
}

async function coldStarts(dir: string): Promise<{ cold: number; bare: number }> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`bench fixture missing: ${dir}`);
  const event = Buffer.from('{"hello":"world"}');
  const colds: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    bares.push(await bareSpawn());
    const inv = new Invoker(spec, { timeoutS: 30 });
    const r = await inv.invoke(event);
    await inv.dispose();
    if (r.status !== 'ok' || r.initDurationMs === undefined) throw new Error(`cold start failed: ${r.outputText}`);
    colds.push(r.initDurationMs);
  }
  return { cold: median(colds), bare: median(bares) };
}

export default async function bench(): Promise<Figure[]> {
  const series = [await inProcessFloor(), await crossProcessFloor(), await warmInvocations(SOCKET_BOOTSTRAP), await warmInvocations(HTTP_BOOTSTRAP)];
  let measured: Measured[];
  try {
    measured = await interleaved(series);
  } finally {
    for (const s of series) await s.close();
  }
  const [floor, cross, socket, viaHttp] = measured;
  const { cold, bare } = await coldStarts(SOCKET_BOOTSTRAP);

  const us = (ms: number) => ms * 1000;
  const floorP50 = us(percentile(floor.sorted, 50));
  const floorP99 = us(percentile(floor.sorted, 99));
  const crossP50 = us(percentile(cross.sorted, 50));
  const warmP50 = us(percentile(socket.sorted, 50));
  const warmP99 = us(percentile(socket.sorted, 99));
  const httpP50 = us(percentile(viaHttp.sorted, 50));
  return [
    { name: 'warm round trip p50', value: warmP50, unit: 'us', baseline: { name: 'floor p50 (2 keep-alive HTTP round trips)', value: floorP50 }, ratio: warmP50 / floorP50, goal: '<= 2x floor' },
    { name: 'warm round trip p99', value: warmP99, unit: 'us', baseline: { name: 'floor p99', value: floorP99 }, ratio: warmP99 / floorP99 },
    { name: 'sequential throughput', value: socket.perSecond, unit: 'inv/s', goal: '> 2000 inv/s' },
    { name: "warm p50, bootstrap on Node's http client", value: httpP50, unit: 'us', baseline: { name: 'the same client in another process, no emulator', value: crossP50 }, ratio: httpP50 / crossP50 },
    { name: "throughput, bootstrap on Node's http client", value: viaHttp.perSecond, unit: 'inv/s' },
    { name: 'cold start (spawn to first GET)', value: cold, unit: 'ms', baseline: { name: "bare node -e ''", value: bare }, ratio: cold / bare, goal: '<= 1.3x bare spawn' },
  ];
}
