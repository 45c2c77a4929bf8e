// Package linter figures (CONTRACTS.md "Benchmarks"): a 50 MB ZIP with 20,000 entries against
// `unzip -l` on the same file in the same run; a folder of 50,000 files; an incremental re-lint.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { FunctionSpec } from '../src/core/config';
import { FolderView } from '../src/core/archive/folderView';
import { lintView } from '../src/core/lint/index';
import { ZipView } from '../src/core/archive/zipView';
import { rawZip } from '../test/unit/lint/rawZip';
import type { Figure } from './run';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const nodeSpec = (dir: string): FunctionSpec => ({
  dir, name: 'bench', runtime: 'Node.js18.15', runtimeName: 'Node.js18.15', family: 'nodejs', runtimeVersion: '18.15', handler: 'index.handler',
  memoryMB: 128, timeoutS: 3, version: 'latest', packageName: 'default', env: {}, positions: {}, problems: [],
});

export default async function lintBench(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-lint-'));
  try {
    const figures: Figure[] = [];

    // 1. 50 MB, 20,000 entries (incompressible data, stored, like already-compressed assets).
    const zip = path.join(root, 'big.zip');
    const per = Math.floor((50 * 1024 * 1024) / 20_000);
    writeFileSync(zip, rawZip([
      { name: 'index.js', data: Buffer.from("exports.handler = async () => require('lodash');\n") },
      { name: 'node_modules/lodash/package.json', data: Buffer.from('{}') },
      ...Array.from({ length: 19_998 }, (_, i) => ({ name: `node_modules/pkg${i % 200}/lib/file${i}.js`, data: randomBytes(per) })),
    ]));
    const lintZip = async () => lintView(await ZipView.open(zip), nodeSpec(zip));
    const unzipList = () => promisify(execFile)('unzip', ['-l', zip], { maxBuffer: 64 * 1024 * 1024 });
    await lintZip();
    let unzipMs: number | undefined;
    try {
      await unzipList();
      unzipMs = median(await sequence(RUNS, () => time(unzipList)));
    } catch {
      unzipMs = undefined; // unzip not installed: report the figure without a baseline
    }
    const zipMs = median(await sequence(RUNS, () => time(lintZip)));
    figures.push({
      name: 'lint 50 MB ZIP, 20,000 entries', value: zipMs, unit: 'ms',
      ...(unzipMs !== undefined ? { baseline: { name: 'unzip -l', value: unzipMs }, ratio: unzipMs / zipMs } : {}),
      goal: 'faster than unzip -l',
    });

    // 2. A folder of 50,000 files.
    const dir = path.join(root, 'fn');
    writeFileSync(mkdirp(dir, 'index.js'), "exports.handler = async () => require('lodash');\n");
    writeFileSync(mkdirp(dir, 'node_modules/lodash/package.json'), '{}');
    for (let i = 0; i < 49_998; i++) writeFileSync(mkdirp(dir, `node_modules/pkg${i % 500}/lib/f${i}.js`), 'module.exports = 1;\n');
    const lintFolder = async () => lintView(await FolderView.open(dir), nodeSpec(dir));
    await lintFolder();
    figures.push({ name: 'lint folder, 50,000 files', value: median(await sequence(RUNS, () => time(lintFolder))), unit: 'ms', goal: '< 1000 ms' });

    // 3. Incremental: one file changes, the kept view re-stats it and the rules run again.
    const view = await FolderView.open(dir);
    const changed = path.join(dir, 'index.js');
    let n = 0;
    const relint = async () => {
      writeFileSync(changed, `exports.handler = async () => ${n++};\n`);
      await view.refresh(changed);
      await lintView(view, nodeSpec(dir));
    };
    await relint();
    figures.push({ name: 'incremental re-lint after one file changes (50,000 files)', value: median(await sequence(RUNS * 2, () => time(relint))), unit: 'ms', goal: '< 50 ms' });
    return figures;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function sequence(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

const made = new Set<string>();
function mkdirp(dir: string, rel: string): string {
  const file = path.join(dir, rel);
  const parent = path.dirname(file);
  if (!made.has(parent)) {
    mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  return file;
}
