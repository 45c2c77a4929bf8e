// A Chinese user reads the core's own messages in Chinese: pre-flight errors, invocation failures and
// the command list of the built CLI (dist/cli.js) under LANG=zh_CN.UTF-8. Each message here reached
// zh-cn users in English before (issue 10, point 9).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO } from '../invoke/helpers';

const CLI = path.join(REPO, 'dist', 'cli.js');

function fgtkZh(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', FGTK_LOCALE: '', LC_ALL: '', LANG: 'zh_CN.UTF-8' };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function customFunction(t: import('node:test').TestContext, bootstrap: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-zh-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.writeFile(path.join(dir, 'bootstrap'), bootstrap, { mode: 0o755 });
  return dir;
}

void describe('zh-cn (LANG=zh_CN.UTF-8)', () => {
  before(() => {
    assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)');
  });

  void it('PKG-3: a pre-flight error of fgtk invoke is in Chinese (exit 2, nothing started)', async (t) => {
    const dir = await customFunction(t, '#!/bin/sh\r\necho hi\r\n');
    const r = await fgtkZh(['invoke', dir]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /bootstrap 使用 Windows 换行符（CRLF）/);
    assert.doesNotMatch(r.stderr, /Windows line endings/);
  });

  void it('INV-3: an invocation failure (the instance exits before asking for an event) is in Chinese', async (t) => {
    const dir = await customFunction(t, '#!/bin/sh\nexit 3\n');
    const r = await fgtkZh(['invoke', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout + r.stderr, /实例在启动时、尚未请求事件（GET \/v1\/runtime\/invocation\/request）之前以退出码 3 退出。/);
  });

  void it('fgtk --help lists the commands with Chinese summaries', async () => {
    const r = await fgtkZh(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /invoke +用测试事件在本地调用函数/);
    assert.match(r.stdout, /package +构建 FunctionGraph 需要的 \.zip，并检查它/);
  });
});
