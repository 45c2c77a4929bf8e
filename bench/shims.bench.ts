// The runtime shims' own cost (issue 3): cold start of a Node.js hello handler through the shim
// against a bare `node -e ''` spawn, and the warm overhead of the shim against a raw Node.js
// bootstrap doing the same work (the same keep-alive runtime API loop, the handler inlined), the two
// measured side by side in interleaved rounds. Python figures are informational.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFunction, type FunctionSpec } from '../src/core/config';
import { Invoker, resolveInterpreter } from '../src/core/invoke';
import type { Figure } from './run';

const COLD_STARTS = 15;
const WARM_UP = 300;
const WARM_ROUNDS = 15;
const PAIRS_PER_ROUND = 200;

const HELLO_JS = 'exports.handler = async (event) => ({ hello: event.name });\n';
const HELLO_PY = 'def handler(event, context):\n    return {"hello": event["name"]}\n';
// A hand-written Node.js custom runtime on Node's http client, as users write them: what the shim
// does, minus the context, the handler lookup and the error handling.
const RAW_BOOTSTRAP_JS = `const http = require('http');
const [host, port] = process.env.RUNTIME_API_ADDR.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const handler = async (event) => ({ hello: event.name });
function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  for (;;) {
    const next = await call('GET', '/v1/runtime/invocation/request');
    const id = next.headers['x-cff-request-id'];
    const result = await handler(JSON.parse(next.body.toString()));
    await call('POST', '/v1/runtime/invocation/response/' + id, JSON.stringify(result));
  }
})();
`;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function writeFunction(root: string, name: string, files: Record<string, string>, runtime: string, handler: string): string {
  const dir = path.join(root, name);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { mode: rel === 'bootstrap' ? 0o755 : 0o644 });
  }
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', `  ${name}:`, '    Type: HC::Serverless::Function', '    Properties:',
    `      Name: ${name}`, `      Handler: ${handler}`, `      Runtime: ${runtime}`, '      MemorySize: 256', '      Timeout: 30', '',
  ].join('\n'));
  return dir;
}

export async function load(dir: string): Promise<FunctionSpec> {
  const spec = await loadFunction(dir);
  if (!spec) throw new Error(`bench fixture did not load: ${dir}`);
  return spec;
}

export function spawnWall(command: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - t0));
  });
}

export const event = Buffer.from('{"name":"bench"}');

/** Spawn to result of a first invocation on a fresh instance, as the engine measures it. */
export async function coldStart(spec: FunctionSpec): Promise<{ spawnToResult: number; wall: number }> {
  const invoker = new Invoker(spec, { timeoutS: 30 });
  try {
    const t0 = performance.now();
    const r = await invoker.invoke(event);
    const wall = performance.now() - t0;
    if (r.status !== 'ok' || r.initDurationMs === undefined) throw new Error(`cold start failed: ${r.outputText}`);
    return { spawnToResult: r.initDurationMs + r.durationMs, wall };
  } finally {
    await invoker.dispose();
  }
}

/**
 * Warm invocations of two instances measured side by side, so that the load of a shared machine
 * falls on both alike: each round sends PAIRS_PER_ROUND pairs of invocations, one to each instance,
 * alternating which goes first. Per round: the median of each, and their ratio. The figures are
 * the medians over rounds; the spread of the per-round ratios says how much to trust them.
 */
export async function warmSideBySide(a: FunctionSpec, b: FunctionSpec): Promise<{ a: number[]; b: number[]; ratios: number[] }> {
  const invokers = [new Invoker(a, { timeoutS: 30 }), new Invoker(b, { timeoutS: 30 })];
  const once = async (invoker: Invoker): Promise<number> => {
    const t0 = performance.now();
    const r = await invoker.invoke(event);
    const ms = performance.now() - t0;
    if (r.status !== 'ok') throw new Error(`warm invocation failed: ${r.outputText}`);
    return ms;
  };
  try {
    for (const invoker of invokers) for (let i = 0; i < WARM_UP; i++) await once(invoker);
    const out = { a: [] as number[], b: [] as number[], ratios: [] as number[] };
    for (let round = 0; round < WARM_ROUNDS; round++) {
      const ta: number[] = [];
      const tb: number[] = [];
      for (let i = 0; i < PAIRS_PER_ROUND; i++) {
        if ((i + round) % 2 === 0) {
          ta.push(await once(invokers[0]));
          tb.push(await once(invokers[1]));
        } else {
          tb.push(await once(invokers[1]));
          ta.push(await once(invokers[0]));
        }
      }
      out.a.push(median(ta));
      out.b.push(median(tb));
      out.ratios.push(median(ta) / median(tb));
    }
    return out;
  } finally {
    await Promise.all(invokers.map((i) => i.dispose()));
  }
}

async function warm(spec: FunctionSpec): Promise<number> {
  const invoker = new Invoker(spec, { timeoutS: 30 });
  try {
    for (let i = 0; i < WARM_UP; i++) await invoker.invoke(event);
    const times: number[] = [];
    for (let i = 0; i < PAIRS_PER_ROUND * 2; i++) {
      const t0 = performance.now();
      const r = await invoker.invoke(event);
      times.push(performance.now() - t0);
      if (r.status !== 'ok') throw new Error(`warm invocation failed: ${r.outputText}`);
    }
    return median(times);
  } finally {
    await invoker.dispose();
  }
}

export default async function bench(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-shim-bench-'));
  try {
    const shimNode = await load(writeFunction(root, 'shim-node', { 'index.js': HELLO_JS }, 'Node.js20.15', 'index.handler'));
    const rawNode = await load(writeFunction(root, 'raw-node', { 'bootstrap': `${process.execPath} $RUNTIME_CODE_ROOT/index.js\n`, 'index.js': RAW_BOOTSTRAP_JS }, 'Custom', 'bootstrap'));
    const shimPy = await load(writeFunction(root, 'shim-py', { 'index.py': HELLO_PY }, 'Python3.9', 'index.handler'));
    const python = (await resolveInterpreter('Python3.9'))?.path;

    await coldStart(shimNode); // resolve interpreters and load the spawn library once
    await coldStart(shimPy);
    const bareNode: number[] = [];
    const nodeCold: number[] = [];
    const nodeWall: number[] = [];
    const rawCold: number[] = [];
    const barePy: number[] = [];
    const pyCold: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      bareNode.push(await spawnWall(process.execPath, ['-e', '']));
      const c = await coldStart(shimNode);
      nodeCold.push(c.spawnToResult);
      nodeWall.push(c.wall);
      rawCold.push((await coldStart(rawNode)).spawnToResult);
      if (python) {
        barePy.push(await spawnWall(python, ['-c', 'pass']));
        pyCold.push((await coldStart(shimPy)).spawnToResult);
      }
    }
    const nodeWarm = await warmSideBySide(shimNode, rawNode);
    const pyWarm = python ? await warm(shimPy) : NaN;

    const us = (ms: number) => ms * 1000;
    const figures: Figure[] = [
      { name: 'Node.js cold start, hello handler via shim (spawn to result)', value: median(nodeCold), unit: 'ms', baseline: { name: "bare node -e ''", value: median(bareNode) }, ratio: median(nodeCold) / median(bareNode), goal: '<= 1.5x bare spawn' },
      { name: 'Node.js cold start via shim, whole invoke() call', value: median(nodeWall), unit: 'ms', baseline: { name: "bare node -e ''", value: median(bareNode) }, ratio: median(nodeWall) / median(bareNode) },
      { name: 'Node.js cold start, raw bootstrap (spawn to result)', value: median(rawCold), unit: 'ms', baseline: { name: "bare node -e ''", value: median(bareNode) }, ratio: median(rawCold) / median(bareNode) },
      { name: `Node.js warm invocation via shim p50 (median of ${WARM_ROUNDS} interleaved rounds)`, value: us(median(nodeWarm.a)), unit: 'us', baseline: { name: 'raw Node.js bootstrap p50', value: us(median(nodeWarm.b)) }, ratio: median(nodeWarm.ratios), goal: '<= 1.2x raw bootstrap' },
      { name: 'Node.js warm shim/raw ratio, best round', value: Math.min(...nodeWarm.ratios), unit: 'x' },
      { name: 'Node.js warm shim/raw ratio, worst round', value: Math.max(...nodeWarm.ratios), unit: 'x' },
    ];
    if (python) {
      figures.push(
        { name: 'Python cold start, hello handler via shim (spawn to result)', value: median(pyCold), unit: 'ms', baseline: { name: 'bare python3 -c pass', value: median(barePy) }, ratio: median(pyCold) / median(barePy) },
        { name: 'Python warm invocation via shim p50', value: us(pyWarm), unit: 'us' },
      );
    }
    return figures;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
