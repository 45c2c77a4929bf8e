// The emulator's own cost (issue 2): warm round trip against the physical floor (two keep-alive
// HTTP round trips on loopback with Node's http, measured beside it), sequential throughput, and
// cold start (spawn to first GET) against a bare `node -e ''` spawn.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { loadFunction } from '../src/core/config';
import { Invoker } from '../src/core/invoke';
import type { Figure } from './run';

const WARM_INVOCATIONS = 2000;
const COLD_STARTS = 10;
const FIXTURE = path.resolve(__dirname, '..', 'test', 'fixtures', 'functions', 'node-trivial');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** Two bare keep-alive round trips (like GET next + POST response), Node's http on both ends. */
async function floor(n: number): Promise<number[]> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method: string) => new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/x', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
  const times: number[] = [];
  for (let i = 0; i < n + 200; i++) {
    const t0 = performance.now();
    await call('GET');
    await call('POST');
    if (i >= 200) times.push(performance.now() - t0);
  }
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  return times;
}

/**
 * The same two round trips with the client in another Node.js process, as a function always is:
 * the floor for the topology of a real invocation (server here, client in the instance).
 */
async function crossProcessFloor(n: number): Promise<number[]> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const client = `
    const http = require('http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const call = (method) => new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: ${port}, method, path: '/x', agent }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end(method === 'POST' ? '{}' : undefined);
    });
    (async () => {
      const times = [];
      for (let i = 0; i < ${n + 200}; i++) {
        const t0 = performance.now();
        await call('GET');
        await call('POST');
        if (i >= 200) times.push(performance.now() - t0);
      }
      process.stdout.write(JSON.stringify(times));
      agent.destroy();
    })();`;
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', client], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  return JSON.parse(out) as number[];
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

export default async function bench(): Promise<Figure[]> {
  const spec = await loadFunction(FIXTURE);
  if (!spec) throw new Error(`bench fixture missing: ${FIXTURE}`);
  const floorTimes = (await floor(WARM_INVOCATIONS)).sort((a, b) => a - b);
  const crossTimes = (await crossProcessFloor(WARM_INVOCATIONS)).sort((a, b) => a - b);

  const invoker = new Invoker(spec, { timeoutS: 30 });
  const event = Buffer.from('{"hello":"world"}');
  for (let i = 0; i < 200; i++) await invoker.invoke(event); // cold start + JIT warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < WARM_INVOCATIONS; i++) {
    const s = performance.now();
    const r = await invoker.invoke(event);
    times.push(performance.now() - s);
    if (r.status !== 'ok') throw new Error(`warm invocation failed: ${r.outputText}`);
  }
  const elapsed = (performance.now() - t0) / 1000;
  await invoker.dispose();
  times.sort((a, b) => a - b);

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

  const us = (ms: number) => ms * 1000;
  const floorP50 = us(percentile(floorTimes, 50));
  const floorP99 = us(percentile(floorTimes, 99));
  const crossP50 = us(percentile(crossTimes, 50));
  const warmP50 = us(percentile(times, 50));
  const warmP99 = us(percentile(times, 99));
  const bare = median(bares);
  const cold = median(colds);
  return [
    { name: 'warm round trip p50', value: warmP50, unit: 'us', baseline: { name: 'floor p50 (2 keep-alive HTTP round trips)', value: floorP50 }, ratio: warmP50 / floorP50, goal: '<= 2x floor' },
    { name: 'warm round trip p50 vs cross-process floor', value: warmP50, unit: 'us', baseline: { name: 'floor p50 with the client in another process', value: crossP50 }, ratio: warmP50 / crossP50 },
    { name: 'warm round trip p99', value: warmP99, unit: 'us', baseline: { name: 'floor p99', value: floorP99 }, ratio: warmP99 / floorP99 },
    { name: 'sequential throughput', value: WARM_INVOCATIONS / elapsed, unit: 'inv/s', goal: '> 2000 inv/s' },
    { name: 'cold start (spawn to first GET)', value: cold, unit: 'ms', baseline: { name: "bare node -e ''", value: bare }, ratio: cold / bare, goal: '<= 1.3x bare spawn' },
  ];
}
