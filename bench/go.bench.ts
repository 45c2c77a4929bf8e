// Go 1.x (issue 11): the emulator's TypeScript gob/net-rpc path against Go's own net/rpc client
// making the same calls to the same binary. Both sides run as programs of their own, each in its own
// process: the Go client, and the engine bundled as the CLI bundles it (go-ours-driver.ts), as
// `fgtk invoke` runs. Warm: invoke p50 (goal ≤ 1.3x), after enough calls for V8 to optimise the
// path (a compiled Go client needs none; the first few hundred calls of a Node.js process run in
// V8's interpreter, about 1.6x slower). Cold: spawn → first result (goal ≤ 1.3x). Series run in
// interleaved rounds, as in invoke.bench.ts.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as esbuild from 'esbuild';
import { precompiledValidatorsPlugin } from '../src/core/schemas/precompile.mjs';
import { buildGoFixture } from '../test/unit/invoke/goRpc/goFixtures';
import type { Figure } from './run';

const ROUNDS = 10;
const PER_ROUND = 200;
const WARM_UP = 3000;
const COLD_ROUNDS = 5;
const COLD_PER_ROUND = 4;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function buildClient(dir: string): string {
  const exe = path.join(dir, 'go-rpc-client');
  execFileSync('go', ['build', '-o', exe, '.'], { cwd: path.join(__dirname, 'go-rpc-client'), env: { ...process.env, CGO_ENABLED: '0' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return exe;
}

/** go-ours-driver.ts bundled as build.mjs bundles the CLI (validators precompiled). */
async function buildDriver(dir: string): Promise<string> {
  const outfile = path.join(dir, 'go-ours-driver.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'go-ours-driver.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    external: ['vscode'], logLevel: 'warning', plugins: [precompiledValidatorsPlugin],
  });
  return outfile;
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

/** A program that answers a count per stdin line with that many call times (JSON), warmed up first. */
async function warmSeries(command: string, args: string[], onClose: () => void = () => undefined): Promise<Series> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const round = async (n: number) => {
    child.stdin.write(`${n}\n`);
    const line = await lines.next();
    if (line.done) throw new Error(`${path.basename(args[0] ?? command)} ended early`);
    return JSON.parse(line.value) as number[];
  };
  await round(WARM_UP);
  return { round, close: async () => { child.kill(); onClose(); } };
}

async function goClient(client: string, exe: string): Promise<Series> {
  const port = await freePort();
  const fn = spawn(exe, [], { env: { RUNTIME_API_ADDR: `127.0.0.1:${port}` }, stdio: 'ignore' });
  for (let i = 0; i < 500; i++) {
    const ok = await new Promise<boolean>((r) => net.connect({ host: '127.0.0.1', port }).on('connect', function (this: net.Socket) { this.destroy(); r(true); }).on('error', () => r(false)));
    if (ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return warmSeries(client, ['warm', `127.0.0.1:${port}`], () => fn.kill());
}

const coldStarts = (command: string, args: string[]): number[] => JSON.parse(execFileSync(command, args, { encoding: 'utf8' })) as number[];

export default async function goBench(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-go-'));
  try {
    const exe = buildGoFixture('behaviours', 'handler');
    const client = buildClient(root);
    const driver = await buildDriver(root);
    const dir = functionFolder(root, exe);
    const handler = path.join(dir, 'handler');

    const series = [await warmSeries(process.execPath, [driver, 'warm', dir]), await goClient(client, handler)];
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
    const ours = (n: number) => coldStarts(process.execPath, [driver, 'cold', dir, String(n)]);
    const go = (n: number) => coldStarts(client, ['cold', handler, String(n)]);
    // Each call is a fresh process: its first cold start also loads what the process needs, so every round drops it.
    ours(2); // warm the OS caches for both
    go(2);
    for (let r = 0; r < COLD_ROUNDS; r++) {
      coldOurs.push(...ours(COLD_PER_ROUND + 1).slice(1));
      coldGo.push(...go(COLD_PER_ROUND + 1).slice(1));
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
