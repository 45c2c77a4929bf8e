// Extension figures (issue 6): the .vsix and the production bundle's size, and what activation costs.
// Everything is built in a temporary copy of the working tree (`npm run package` there, which makes
// the production build), so the tree's dist/ (a dev build the test tiers use) and test-output/ stay
// as they were, and the .vsix is checked to hold every file the manifest points to.
//
// Activation, two ways:
// - Module load (every run): require() of the production dist/extension.js in a fresh Node process,
//   `vscode` resolved to a minimal stand-in (bench/load-module.mjs): what the extension host pays
//   before it calls activate(). Baselines, measured the same way in the same rounds: an empty module
//   (the floor) and vscode-languageclient/node bundled alone with the same esbuild options (what any
//   extension with a language client pays). activate() itself needs a real VS Code: a stand-in API
//   would time the stand-in.
// - Real VS Code (when code-server is already set up in .cache/, ~20 s): one grep'd smoke test of
//   test/vscode/run-real.mjs in the copy, on the production build; we read the extension's own
//   "activated in N ms" line (activate()'s body) and the gap between the extension host's
//   "_doActivateExtension" line and ours (code loading + activate()). One sample. Skipped with a note
//   when code-server is missing: setting it up compiles node-pty, minutes.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import * as esbuild from 'esbuild';
import type { Figure } from './run';

const ROOT = path.resolve(__dirname, '..');
const LOAD_ROUNDS = 15;
const REAL_VSCODE_TEST = 'activates without error';
// Not copied: built or downloaded things (dist/ and out/ are rebuilt in the copy), history, artefacts.
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'out', 'test-output', '.cache', '.vscode-test']);

const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => bytes / 1024;

export default async function extensionBench(): Promise<Figure[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'fgtk-bench-ext-'));
  try {
    const copy = stageCopy(work);
    const vsix = path.join(work, 'extension.vsix');
    await npmRunPackage(copy, vsix);
    const entries = new AdmZip(vsix).getEntries().filter((e) => !e.isDirectory);
    checkContents(copy, entries.map((e) => e.entryName));

    const languageClient = path.join(work, 'languageclient.js');
    await bundleLanguageClientAlone(languageClient);
    const bundle = path.join(copy, 'dist', 'extension.js');
    const size = (f: string) => statSync(f).size;
    const screenshots = entries.filter((e) => e.entryName.startsWith('extension/media/screenshots/'));

    const empty = path.join(work, 'empty.js');
    cpSync(path.join(ROOT, 'bench', 'load-module.mjs'), path.join(work, 'load-module.mjs'));
    writeFileSync(empty, '');
    const loads = await loadTimes({ extension: bundle, empty, languageClient }, path.join(work, 'load-module.mjs'));
    const load = median(loads.extension);
    const emptyLoad = median(loads.empty);
    const clientLoad = median(loads.languageClient);

    const figures: Figure[] = [
      { name: '.vsix size (npm run package)', value: kb(size(vsix)), unit: 'KB' },
      { name: `.vsix of which README screenshots (${screenshots.length} PNG)`, value: kb(screenshots.reduce((n, e) => n + e.header.compressedSize, 0)), unit: 'KB' },
      { name: 'files in the .vsix', value: entries.length, unit: 'files' },
      { name: 'dist/extension.js (production)', value: kb(size(bundle)), unit: 'KB', baseline: { name: 'vscode-languageclient/node bundled alone', value: kb(size(languageClient)) }, ratio: size(bundle) / size(languageClient) },
      { name: 'dist/server.js (production, context)', value: kb(size(path.join(copy, 'dist', 'server.js'))), unit: 'KB' },
      { name: 'dist/cli.js (production, context)', value: kb(size(path.join(copy, 'dist', 'cli.js'))), unit: 'KB' },
      { name: `load dist/extension.js before activate() (median of ${LOAD_ROUNDS} fresh processes)`, value: load, unit: 'ms', baseline: { name: 'empty module', value: emptyLoad }, ratio: load / emptyLoad },
      { name: 'load dist/extension.js vs the language client alone', value: load, unit: 'ms', baseline: { name: 'vscode-languageclient/node bundled alone', value: clientLoad }, ratio: load / clientLoad },
    ];
    const real = await realVsCodeActivation(copy);
    if (real) {
      figures.push(
        { name: 'real VS Code: activate() (the extension\'s log, 1 sample)', value: real.activateMs, unit: 'ms' },
        { name: 'real VS Code: code loading + activate() (extension host log, 1 sample)', value: real.loadAndActivateMs, unit: 'ms' },
      );
    }
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The working tree as it is (committed or not), without what is built; node_modules linked. */
function stageCopy(work: string): string {
  const copy = path.join(work, 'tree');
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (src) => {
      const top = path.relative(ROOT, src).split(path.sep)[0];
      return !NOT_COPIED.has(top) && !top.endsWith('.vsix');
    },
  });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

async function npmRunPackage(copy: string, vsix: string): Promise<void> {
  try {
    await run('npm', ['run', 'package', '--', '--out', vsix], { cwd: copy, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm run package failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * A .vsix whose size we report must be one that works: every relative path the manifest names
 * (main, icon, grammars, schemas, walkthrough media...), the l10n bundles and the README's images
 * are in it; no source maps, TypeScript sources or node_modules are.
 */
function checkContents(copy: string, names: string[]): void {
  const shipped = new Set(names.map((n) => n.replace(/^extension\//, '')));
  const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as unknown;
  const wanted = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      const rel = path.posix.normalize(v);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && existsSync(path.join(copy, rel)) && statSync(path.join(copy, rel)).isFile()) wanted.add(rel);
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (k !== 'scripts' && k !== 'devDependencies' && k !== 'dependencies') visit(x);
    }
  };
  visit(manifest);
  for (const f of readdirSync(path.join(copy, 'l10n'))) if (/^bundle\.l10n\..+\.json$/.test(f)) wanted.add(`l10n/${f}`);
  for (const f of readdirSync(copy)) if (/^package\.nls(\..+)?\.json$/.test(f)) wanted.add(f);
  for (const m of readFileSync(path.join(copy, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) {
    if (!/^[a-z]+:/i.test(m[1])) wanted.add(path.posix.normalize(m[1]));
  }
  const missing = [...wanted].filter((f) => !shipped.has(f));
  const unwanted = [...shipped].filter((f) => /\.map$|\.ts$|(^|\/)node_modules\/|^(src|test|bench|docs|examples)\//.test(f));
  if (missing.length || unwanted.length) {
    throw new Error(`the .vsix is wrong: ${missing.length ? `missing ${missing.join(', ')}` : ''}${unwanted.length ? ` unwanted ${unwanted.join(', ')}` : ''} (see .vscodeignore)`);
  }
}

/** The baseline bundle, with the options build.mjs uses for production. */
async function bundleLanguageClientAlone(outfile: string): Promise<void> {
  await esbuild.build({
    stdin: { contents: "module.exports = require('vscode-languageclient/node');", resolveDir: ROOT, loader: 'js' },
    outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, external: ['vscode'], logLevel: 'warning',
  });
}

/** Each round loads each module once in a fresh process, in a rotating order; one warm-up round first. */
async function loadTimes<K extends string>(files: Record<K, string>, loader: string): Promise<Record<K, number[]>> {
  const keys = Object.keys(files) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = -1; round < LOAD_ROUNDS; round++) {
    const order = keys.map((_, i) => keys[(i + Math.max(round, 0)) % keys.length]);
    for (const k of order) {
      const { stdout } = await run(process.execPath, [loader, files[k]], { env: { ...process.env, NODE_OPTIONS: '' } });
      if (round >= 0) out[k].push((JSON.parse(stdout) as { ms: number }).ms);
    }
  }
  return out;
}

async function realVsCodeActivation(copy: string): Promise<{ activateMs: number; loadAndActivateMs: number } | undefined> {
  const cache = path.join(ROOT, '.cache', 'code-server');
  if (!existsSync(cache) || readdirSync(cache).length === 0) {
    process.stderr.write('extension bench: no code-server in .cache/ (test/vscode/setup.sh): real VS Code activation not measured\n');
    return undefined;
  }
  symlinkSync(path.join(ROOT, '.cache'), path.join(copy, '.cache'));
  try {
    await run(process.execPath, ['test/vscode/run-real.mjs', '--runs', 'trusted', '--grep', REAL_VSCODE_TEST, '--timeout', '90'], { cwd: copy, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    process.stderr.write(`extension bench: the real VS Code run failed, activation there not measured: ${(err as Error).message.split('\n')[0]}\n`);
    return undefined;
  }
  const logs = path.join(copy, 'test-output', 'vscode', 'logs', 'trusted');
  const read = (pick: (name: string) => boolean) => readdirSync(logs).filter(pick).map((f) => readFileSync(path.join(logs, f), 'utf8')).join('\n');
  const ours = /^(\S+ \S+) \[info\] FunctionGraph Toolkit \S+ activated in ([\d.]+) ms/m.exec(read((n) => n.includes('functiongraph-toolkit.functiongraph-toolkit')));
  const host = /^(\S+ \S+) \[info\] ExtensionService#_doActivateExtension functiongraph-toolkit\.functiongraph-toolkit\b/m.exec(read((n) => n.includes('remoteexthost')));
  if (!ours || !host) {
    process.stderr.write('extension bench: activation lines not found in the real VS Code logs\n');
    return undefined;
  }
  // Both lines come from the same extension host process, stamped in local time to the millisecond.
  const at = (stamp: string) => new Date(stamp.replace(' ', 'T')).getTime();
  return { activateMs: Number(ours[2]), loadAndActivateMs: at(ours[1]) - at(host[1]) };
}
