#!/usr/bin/env node
// `npm run test:vscode`: the same in-VS-Code suite with @vscode/test-electron, for machines that can
// download VS Code (or have one: VSCODE_EXECUTABLE=/path/to/code). Builds dist/ first.
// @vscode/test-electron always passes --disable-workspace-trust, so this runs the trusted suite
// (smoke + journeys); the Workspace Trust run and the screenshots need run-real.mjs.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileSuite, repoRoot } from './compile-suite.mjs';

const build = spawnSync(process.execPath, ['build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const extensionTestsPath = await compileSuite();

// The journeys create files: run on a copy of the fixture workspace, with a fresh profile.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'fgtk-el-'));
const workspace = path.join(scratch, 'my-functions');
cpSync(path.join(repoRoot, 'test', 'vscode', 'workspace'), workspace, { recursive: true });

let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    extensionTestsEnv: { FGTK_VSCODE_RUN: 'trusted' },
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions: built-in ones (js-debug) stay
      `--user-data-dir=${path.join(scratch, 'user-data')}`,
      `--extensions-dir=${path.join(scratch, 'extensions')}`,
    ],
  });
} catch (err) {
  // TestRunFailedError: VS Code ran and exited non-zero (Mocha printed which test failed, or VS
  // Code's own error is above); anything else: no VS Code to run.
  console.error(err?.name === 'TestRunFailedError'
    ? `[vscode] VS Code exited with an error: ${err.message}`
    : `[vscode] could not run VS Code: ${err?.message ?? err}\n` +
      '  Set VSCODE_EXECUTABLE to an installed VS Code, or use `npm run test:vscode-real` (code-server, no download).');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
