// The Functions view with hundreds of functions (CONTRACTS.md "Benchmarks"). What the tree costs in
// the core, on a workspace of 500 functions made from the templates:
//  - a full scan, findFunctions(root): what FunctionIndex runs when the view is first shown and on
//    "Refresh" (src/extension/functionIndex.ts scan()), also against the same walk reading each
//    template.yml without parsing it (how much of the scan is YAML parsing);
//  - the same full scan after one function's template.yml changed;
//  - the incremental update FunctionIndex does for a changed config instead: loadFunction(dir) of
//    that one folder (flush());
// each against a bare recursive fs.readdir walk of the same tree, measured in the same rounds
// (alternating which goes first). The VS Code side (TreeItems for the root nodes) is not measured.
import { cpSync, promises as fs, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFunctions, loadFunction, SKIPPED_DIRS } from '../src/core/config';
import { scaffold } from '../src/core/templates';
import type { Figure } from './run';

const FUNCTIONS = 500;
const PER_FOLDER = 25; // 20 project folders of 25 functions each
const ROUNDS = 15;
/** Templates the functions are copied from (none that needs a compiler). */
const SEEDS = [
  { runtime: 'nodejs20.15', template: 'blank' },
  { runtime: 'nodejs18.15', template: 'apig' },
  { runtime: 'python3.9', template: 'timer' },
  { runtime: 'custom-shell', template: 'blank' },
  { runtime: 'http-nodejs', template: 'web' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The baseline: every folder of the tree listed once, the same skips and the same concurrency as findFunctions. */
async function bareWalk(root: string): Promise<number> {
  let folders = 0;
  const walk = async (dir: string): Promise<void> => {
    folders++;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(entries
      .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
      .map((e) => walk(path.join(dir, e.name))));
  };
  await walk(root);
  return folders;
}

/** findFunctions' file reads without the parsing: the walk, stopping at each folder with a template.yml, which it reads. */
async function walkAndRead(root: string): Promise<number> {
  let configs = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((e) => e.isFile() && e.name === 'template.yml')) {
      await fs.readFile(path.join(dir, 'template.yml'), 'utf8');
      configs++;
      return;
    }
    await Promise.all(entries
      .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
      .map((e) => walk(path.join(dir, e.name))));
  };
  await walk(root);
  return configs;
}

/** 500 function folders: each seed scaffolded once, then copied with its own name. */
async function makeWorkspace(root: string): Promise<string[]> {
  const seedRoot = path.join(root, '.seeds'); // a dot folder: neither the scan nor the walk enters it
  const seeds = [];
  for (const [i, s] of SEEDS.entries()) seeds.push({ ...(await scaffold({ ...s, name: `seed${i}`, folder: seedRoot })), name: `seed${i}` });
  const dirs: string[] = [];
  for (let i = 0; i < FUNCTIONS; i++) {
    const seed = seeds[i % seeds.length];
    const name = `fn-${String(i).padStart(3, '0')}`;
    const dir = path.join(root, `project-${String(Math.floor(i / PER_FOLDER)).padStart(2, '0')}`, name);
    cpSync(seed.dir, dir, { recursive: true });
    const config = path.join(dir, 'template.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replaceAll(seed.name, name));
    dirs.push(dir);
  }
  return dirs;
}

/** Medians of `a` and `b` over ROUNDS rounds, alternating which runs first; `before` runs ahead of each `a`. */
async function sideBySide(a: () => Promise<unknown>, b: () => Promise<unknown>, before?: () => void): Promise<{ a: number; b: number }> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runA = async () => { before?.(); ta.push(await time(a)); };
    const runB = async () => { tb.push(await time(b)); };
    if (round % 2 === 0) { await runA(); await runB(); } else { await runB(); await runA(); }
  }
  return { a: median(ta), b: median(tb) };
}

export default async function treeBench(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-tree-'));
  try {
    const dirs = await makeWorkspace(root);
    const found = await findFunctions(root);
    if (found.length !== FUNCTIONS) throw new Error(`findFunctions found ${found.length} functions, expected ${FUNCTIONS}`);
    const folders = await bareWalk(root);
    const walkName = `bare recursive fs.readdir walk (${folders} folders)`;

    const full = await sideBySide(() => findFunctions(root), () => bareWalk(root));
    const io = await sideBySide(() => findFunctions(root), () => walkAndRead(root));

    // One function's config changes (a new MemorySize each time), then the whole tree is scanned again.
    const changed = dirs[Math.floor(FUNCTIONS / 2)];
    const config = path.join(changed, 'template.yml');
    const original = readFileSync(config, 'utf8');
    let memory = 128;
    const touch = () => writeFileSync(config, original.replace(/MemorySize: \d+/, `MemorySize: ${(memory = memory === 128 ? 256 : 128)}`));
    const rescan = await sideBySide(() => findFunctions(root), () => bareWalk(root), touch);
    const reloadOne = await sideBySide(async () => {
      const spec = await loadFunction(changed);
      if (spec?.memoryMB !== memory) throw new Error(`loadFunction read MemorySize ${spec?.memoryMB}, the file says ${memory}`);
    }, () => bareWalk(root), touch);

    const baseline = (value: number) => ({ name: walkName, value });
    return [
      { name: `full scan, findFunctions(root), ${FUNCTIONS} functions (first show, Refresh)`, value: full.a, unit: 'ms', baseline: baseline(full.b), ratio: full.a / full.b },
      { name: 'full scan vs the same walk and config reads without parsing', value: io.a, unit: 'ms', baseline: { name: `walk + read ${FUNCTIONS} template.yml files`, value: io.b }, ratio: io.a / io.b },
      { name: 'full re-scan after one template.yml changed', value: rescan.a, unit: 'ms', baseline: baseline(rescan.b), ratio: rescan.a / rescan.b },
      { name: 'incremental: loadFunction() of the changed folder (what the index does on a file event)', value: reloadOne.a, unit: 'ms', baseline: baseline(reloadOne.b), ratio: reloadOne.a / reloadOne.b },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
