#!/usr/bin/env node
// `npm test`: every tier, in order of cost, with one closing line that CI reads.
//   machine  install the system packages the tiers need (test/setup-machine.sh), or name them and stop
//   static   type check and lint
//   build    the esbuild bundles the extension, server and CLI tests run against
//   unit     the core without VS Code (node:test)
//   lsp      the language server over a real stdio LSP connection
//   dap      the debug adapter over real DAP
//   vscode   the extension inside a real VS Code (test/vscode/run-real.mjs here and in CI)
// `node test/run-all.mjs unit lsp` (or FGTK_TIERS=unit,lsp) runs a subset while developing (without the
// machine step); a fresh machine and CI run them all: `npm ci && npm test`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const named = process.argv.slice(2).length ? process.argv.slice(2) : process.env.FGTK_TIERS?.split(',');
const only = named?.length ? new Set(named) : undefined;
const started = Date.now();

// Node 20's --test takes no globs: list the files ourselves.
function testFiles(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const walk = (d) => readdirSync(d).sort().flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.test.ts') ? [path.relative(root, p)] : [];
  });
  return walk(abs);
}
const hasTests = (dir) => testFiles(dir).length > 0;

const nodeTest = (dir) => ['node', ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=180000', '--test-reporter=spec', ...testFiles(dir)]];
const tiers = [
  { name: 'machine', steps: [['bash', ['test/setup-machine.sh']]] },
  { name: 'static', steps: [
    ['npx', ['tsc', '--noEmit', '-p', '.']],
    ['npx', ['eslint', 'src', 'test', 'bench']],
    ['node', ['src/extension/manifest/apply.mjs', '--check']], // package.json manifest keys match their source
    ['node', ['l10n/collect.mjs', '--check']], // every user-facing string has its zh-cn translation
  ] },
  { name: 'build', steps: [['node', ['build.mjs']]] },
  { name: 'unit', dir: 'test/unit', steps: [nodeTest('test/unit')] },
  { name: 'lsp', dir: 'test/lsp', steps: [nodeTest('test/lsp')] },
  { name: 'dap', dir: 'test/dap', steps: [nodeTest('test/dap')] },
  { name: 'vscode', file: 'test/vscode/run-real.mjs', steps: [['node', ['test/vscode/run-real.mjs']]] },
];

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/** The failures' details a step printed (node:test's "✖ failing tests:", mocha's "N failing"), cut short. */
function failureDetails(out) {
  const at = out.search(/^\u2716 failing tests:$|^ {2}\d+ failing$/m);
  if (at < 0) return '';
  const lines = out.slice(at).split('\n');
  return lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n... (${lines.length - 60} more lines above the summary)` : '');
}

let passed = 0;
let failed = 0;
const report = [];
const failures = [];
for (const tier of tiers) {
  if (only && !only.has(tier.name)) continue;
  if ((tier.dir && !hasTests(tier.dir)) || (tier.file && !existsSync(path.join(root, tier.file)))) {
    report.push(`${tier.name}: no tests yet`);
    continue;
  }
  const t0 = Date.now();
  console.log(`\n===== ${tier.name} =====`);
  let ok = true;
  for (const [cmd, args] of tier.steps) {
    const { code, out } = await run(cmd, args);
    // node:test's spec reporter ends with "ℹ pass N" / "ℹ fail N"; our VS Code runner prints "N passed, N failed".
    const p = /^ℹ pass (\d+)$/m.exec(out) ?? /(\d+) passed, \d+ failed/.exec(out);
    const f = /^ℹ fail (\d+)$/m.exec(out) ?? /\d+ passed, (\d+) failed/.exec(out);
    if (p) passed += Number(p[1]);
    if (f) failed += Number(f[1]);
    if (code !== 0) {
      ok = false;
      const details = failureDetails(out);
      if (details) failures.push(`----- ${tier.name} -----\n${details}`);
      if (!f || Number(f[1]) === 0) failed += 1; // a step that failed without counting tests (tsc, eslint, a crash)
      break;
    }
  }
  report.push(`${tier.name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
// CI shows the end of the output: repeat what failed where it will be read.
if (failures.length) console.log(`\n===== what failed =====\n${failures.join('\n')}`);
console.log(`\n===== summary (${((Date.now() - started) / 1000).toFixed(0)} s) =====\n${report.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
