// Go 1.x (issue 11): the emulator's TypeScript gob/net-rpc path against Go's own net/rpc client
// making the same calls to the same binary from another process. Warm: invoke p50 (goal ≤ 1.3x).
// Cold: spawn → first result (goal ≤ 1.3x). Series run in interleaved rounds, as in invoke.bench.ts.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { loadFunction } from '../src/core/config';
import { Invoker } from '../src/core/invoke';
import { buildGoFixture } from '../test/unit/invoke/goRpc/goFixtures';
import type { Figure } from './run';

const ROUNDS = 10;
const PER_ROUND = 200;
const WARM_UP = 200;
const COLD_ROUNDS = 5;
const COLD_PER_ROUND = 4;
const EVENT = Buffer.from('{"hello":"world"}');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function buildClient(dir: string): string {
  const exe = path.join(dir, 'go-rpc-client');
  execFileSync('go', ['build', '-o', exe, '.'], { cwd: path.join(__dirname, 'go-rpc-client'), env: { ...process.env, CGO_ENABLED: '0' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return exe;
}

/** A Go 1.x function folder around the built binary. */
function functionFolder(root: string, exe: string): string {
  const dir = path.join(root, 'gofn');
  mkdirSync(dir, { recursive: true });
  execFileSync('cp', [exe, path.join(dir, 'handler')]);
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', '  gofn:', '    Type: HC::Serverless::Function', '    Properties:',
    '      Name: gofn', '      Handler: handler', '      Runtime: Go1.x', '      MemorySize: 128', '      Timeout: 30', '',
  ].join('\n'));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

interface Series { round(n: number): Promise<number[]>; close(): Promise<void> }

async function ours(dir: string): Promise<Series> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error('bench function missing');
  const invoker = new Invoker(spec, { timeoutS: 30 });
  const round = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = await invoker.invoke(EVENT);
      times.push(performance.now() - s);
      if (r.status !== 'ok') throw new Error(`Go invocation failed: ${r.outputText}`);
    }
    return times;
  };
  await round(WARM_UP);
  return { round, close: () => invoker.dispose() };
}

async function goClient(client: string, exe: string): Promise<Series> {
  const port = await freePort();
  const fn = spawn(exe, [], { env: { RUNTIME_API_ADDR: `127.0.0.1:${port}` }, stdio: 'ignore' });
  for (let i = 0; i < 500; i++) {
    const ok = await new Promise<boolean>((r) => net.connect({ host: '127.0.0.1', port }).on('connect', function (this: net.Socket) { this.destroy(); r(true); }).on('error', () => r(false)));
    if (ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const child = spawn(client, ['warm', `127.0.0.1:${port}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const round = async (n: number) => {
    child.stdin.write(`${n}\n`);
    const line = await lines.next();
    if (line.done) throw new Error('the Go client ended early');
    return JSON.parse(line.value) as number[];
  };
  await round(WARM_UP);
  return { round, close: async () => { child.kill(); fn.kill(); } };
}

async function ourColdStarts(dir: string, n: number): Promise<number[]> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error('bench function missing');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const invoker = new Invoker(spec, { timeoutS: 30 });
    const t0 = performance.now();
    const r = await invoker.invoke(EVENT);
    times.push(performance.now() - t0);
    await invoker.dispose();
    if (r.status !== 'ok' || !r.coldStart) throw new Error(`Go cold start failed: ${r.outputText}`);
  }
  return times;
}

function goColdStarts(client: string, exe: string, n: number): number[] {
  return JSON.parse(execFileSync(client, ['cold', exe, String(n)], { encoding: 'utf8' })) as number[];
}

export default async function goBench(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-go-'));
  try {
    const exe = buildGoFixture('behaviours', 'handler');
    const client = buildClient(root);
    const dir = functionFolder(root, exe);

    const series = [await ours(dir), await goClient(client, path.join(dir, 'handler'))];
    const times: number[][] = [[], []];
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < series.length; k++) {
        const i = (r + k) % series.length;
        times[i]!.push(...(await series[i]!.round(PER_ROUND)));
      }
    }
    for (const s of series) await s.close();

    const coldOurs: number[] = [];
    const coldGo: number[] = [];
    await ourColdStarts(dir, 2); // load modules and warm the OS caches for both
    goColdStarts(client, path.join(dir, 'handler'), 2);
    for (let r = 0; r < COLD_ROUNDS; r++) {
      coldOurs.push(...(await ourColdStarts(dir, COLD_PER_ROUND)));
      coldGo.push(...goColdStarts(client, path.join(dir, 'handler'), COLD_PER_ROUND));
    }

    const warmOurs = median(times[0]!);
    const warmGo = median(times[1]!);
    const coldO = median(coldOurs);
    const coldG = median(coldGo);
    return [
      { name: 'Go 1.x warm invoke p50', value: warmOurs, unit: 'ms', baseline: { name: 'Go net/rpc client, same calls', value: warmGo }, ratio: warmOurs / warmGo, goal: '≤ 1.3x' },
      { name: 'Go 1.x cold start (spawn → first result) p50', value: coldO, unit: 'ms', baseline: { name: 'Go net/rpc client spawning it', value: coldG }, ratio: coldO / coldG, goal: '≤ 1.3x' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
