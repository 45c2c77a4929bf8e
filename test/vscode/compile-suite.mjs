// Compiles the in-VS-Code Mocha suite (test/vscode/suite/*.ts) to CommonJS in out/test/vscode/suite/,
// file by file (no bundle: Mocha loads each test file itself; `vscode` and `mocha` are required at
// run time from the extension host). Both runners call this; it takes well under a second.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const suiteDir = path.join(repoRoot, 'test', 'vscode', 'suite');
const outDir = path.join(repoRoot, 'out', 'test', 'vscode', 'suite');

/** @returns {Promise<string>} the absolute path of the suite entry that exports run() */
export async function compileSuite() {
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: readdirSync(suiteDir).filter((n) => n.endsWith('.ts')).map((n) => path.join(suiteDir, n)),
    outdir: outDir,
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}
