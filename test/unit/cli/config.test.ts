// The one config check in the CLI: `fgtk invoke` and `fgtk package` refuse a broken template.yml
// (exit 2, file:line:column, rule config-invalid) before anything starts; `--function NAME` chooses
// among a template's several functions; CodeUri ./src and code.zip run. The built dist/cli.js, as users run it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { REPO } from '../invoke/helpers';
import { oneFunction as template, twoFunctions } from '../config/templates';
import { buildZip, tempDir, writeFolder } from '../lint/helpers';

const CLI = path.join(REPO, 'dist', 'cli.js');
// TMPDIR: a private temp folder (its own fgtk-pkg-* copies; other tests count those in the OS temp folder).
const fgtk = (args: string[], cwd: string, env: Record<string, string> = { FGTK_LOCALE: 'en' }) =>
  promisify(execFile)(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', TMPDIR: path.join(cwd, '..'), ...env }, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const HANDLER = 'exports.handler = async (event) => { console.log("handler ran"); return { ran: "hello", event }; };\n';
/** A marker the handler would write if it ran: a refused invocation must not create it. */
const MARKER_HANDLER = 'require("fs").writeFileSync(__dirname + "/ran", "1"); exports.handler = async () => 1;\n';

void describe('fgtk invoke / package: one config check before anything starts', () => {
  before(() => assert.equal(existsSync(CLI), true, 'run npm run build first (test/run-all.mjs does)'));

  const refused: [string, string, RegExp][] = [
    ['ENV-5: Timeout 100000', template('      Timeout: 100000'), /^template\.yml:8:16: error: Timeout 100000 is out of range: use 3 to 900 seconds\. \[config-invalid\]$/m],
    ['a duplicated MemorySize', template('      MemorySize: 256\n      MemorySize: 512'), /^template\.yml:9:7: error: "MemorySize" is given twice in the same map \(line 9\); YAML forbids duplicate keys\. Keep one\. \[config-invalid\]$/m],
    ['MemorySize indented one column too far', template('       MemorySize: 256\n      Timeout: 3'), /^template\.yml:7:\d+: error: YAML syntax error at line 7, column \d+: .* \[config-invalid\]$/m],
    ['an unclosed [ in Environment', template('      Environment:\n        Variables: [a, b\n      Timeout: 3'), /^template\.yml:\d+:\d+: error: YAML syntax error at line \d+, column \d+: Flow sequence in block collection must be sufficiently indented and end with a \] \[config-invalid\]$/m],
    ['PKG-4b: Runtime Nodejs18', template('', 'Nodejs18'), /^template\.yml:7:16: error: Runtime "Nodejs18" is not a FunctionGraph runtime: did you mean Node\.js18\.15\? \[config-invalid\]$/m],
  ];
  for (const [what, text, expected] of refused) {
    void it(`invoke refuses ${what}: exit 2, file:line:column and the rule, the handler never runs`, async (t) => {
      const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'fn'), { 'template.yml': text, 'index.js': MARKER_HANDLER, bootstrap: { content: '#!/bin/sh\ntouch "$RUNTIME_CODE_ROOT/ran"\n', mode: 0o755 } });
      const r = await fgtk(['invoke', '.'], dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, expected);
      assert.doesNotMatch(r.stderr, /No resource of Type|bootstrap|empty-package/);
      assert.equal(r.stdout, '');
      assert.equal(existsSync(path.join(dir, 'ran')), false, 'nothing was started');
    });
  }

  void it('package refuses a broken config too (exit 2, no ZIP written)', async (t) => {
    const root = tempDir(t, 'fgtk-cfg-');
    const dir = writeFolder(path.join(root, 'fn'), { 'template.yml': template('      Timeout: 100000'), 'index.js': HANDLER });
    const r = await fgtk(['package', 'fn'], root);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /fn\/template\.yml:8:16: error: Timeout 100000 .*\[config-invalid\]/);
    assert.equal(existsSync(path.join(root, 'hello.zip')), false);
    assert.ok(existsSync(dir));
  });

  void it('a warning is shown and does not block (memory-size-unlisted)', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'fn'), { 'template.yml': template('      MemorySize: 192'), 'index.js': HANDLER });
    const r = await fgtk(['invoke', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^template\.yml:8:19: warning: MemorySize 192 MB is not one of the standard sizes.*\[memory-size-unlisted\]$/m);
    assert.match(r.stdout, /"ran":"hello"/);
  });

  void it('zh-cn: the refusal is in Simplified Chinese under a Chinese locale', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'fn'), { 'template.yml': template('      Timeout: 100000'), 'index.js': HANDLER });
    const r = await fgtk(['invoke', '.'], dir, { FGTK_LOCALE: '', LC_ALL: '', LANG: 'zh_CN.UTF-8' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^template\.yml:8:16: 错误: Timeout 100000 超出范围：请使用 3 到 900 秒。 \[config-invalid\]$/m);
  });
});

const TWO = twoFunctions();
const TWO_CODE = 'exports.orders = async () => "orders ran";\nexports.billing = async () => "billing ran";\n';

void describe('fgtk invoke / package --function NAME: a template with several functions', () => {
  void it('without --function: exit 2 and the names to choose from; nothing runs', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'api'), { 'template.yml': TWO, 'src/index.js': TWO_CODE });
    for (const cmd of ['invoke', 'package']) {
      const r = await fgtk([cmd, '.'], dir);
      assert.equal(r.code, 2, `${cmd}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`fgtk ${cmd}: .*template\\.yml declares 2 functions: orders, billing \\(billing-fn\\)\\. Choose one with --function NAME\\.`));
    }
    assert.equal(existsSync(path.join(path.dirname(dir), 'orders.zip')), false);
  });

  void it('--function picks one by logical ID or Name, for invoke and package; an unknown name lists the real ones', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'api'), { 'template.yml': TWO, 'src/index.js': TWO_CODE });
    const billing = await fgtk(['invoke', '.', '--function', 'billing-fn'], dir);
    assert.equal(billing.code, 0, billing.stderr);
    assert.equal(billing.stdout, 'billing ran\n');
    const orders = await fgtk(['invoke', '.', '--function', 'orders'], dir);
    assert.equal(orders.stdout, 'orders ran\n');
    const wrong = await fgtk(['invoke', '.', '--function', 'payments'], dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /has no function called "payments"\. It declares: orders, billing \(billing-fn\)\./);
    const pkg = await fgtk(['package', '.', '--function', 'billing', '--format', 'json'], dir);
    assert.equal(pkg.code, 0, pkg.stderr);
    assert.equal(path.basename((JSON.parse(pkg.stdout) as { zip: string }).zip), 'billing-fn.zip');
  });
});

void describe('fgtk deploy / test --function NAME: a template with several functions', () => {
  void it('deploy without --function (or with an unknown one) is a usage error naming the functions; nothing is packaged or sent', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'api'), { 'template.yml': TWO, 'src/index.js': TWO_CODE });
    const none = await fgtk(['deploy', '.'], dir);
    assert.equal(none.code, 2, none.stderr);
    assert.match(none.stderr, /declares 2 functions: orders, billing \(billing-fn\)\. Choose one with --function NAME\./);
    const wrong = await fgtk(['deploy', '.', '--function', 'payments'], dir);
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(wrong.stderr, /has no function called "payments"/);
  });

  void it('deploy refuses a broken template.yml before anything else, even with --force (config-invalid, exit 2)', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'fn'), { 'template.yml': template('      Timeout: 100000'), 'index.js': HANDLER });
    const r = await fgtk(['deploy', '.', '--force'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /template\.yml:\d+:\d+: error: .*\[config-invalid\]/);
  });

  void it('test --function runs only that function\'s events; an unknown name lists the functions', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'api'), { 'template.yml': TWO, 'src/index.js': TWO_CODE, 'events/one.json': '{}' });
    const all = await fgtk(['test', '.', '--json'], dir);
    assert.equal(all.code, 0, all.stderr);
    const only = await fgtk(['test', '.', '--function', 'billing-fn', '--json'], dir);
    assert.equal(only.code, 0, only.stderr);
    const names = (out: string) => [...out.matchAll(/"(orders|billing-fn)"/g)].map((m) => m[1]);
    assert.ok(names(all.stdout).includes('orders') && names(all.stdout).includes('billing-fn'), all.stdout);
    assert.deepEqual([...new Set(names(only.stdout))], ['billing-fn'], only.stdout);
    const wrong = await fgtk(['test', '.', '--function', 'payments'], dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /No function named payments here\. Functions: (orders, billing-fn|billing-fn, orders)\./);
  });
});

void describe('fgtk invoke: CodeUri ./src and CodeUri code.zip', () => {
  void it('CodeUri: ./src runs the handler from the code folder, given either folder', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'fn'), { 'template.yml': template('      CodeUri: ./src'), 'src/index.js': HANDLER });
    for (const target of ['.', 'src']) {
      const r = await fgtk(['invoke', target], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /"ran":"hello"/);
    }
  });

  void it('CodeUri: code.zip is unpacked safely and run (it used to crash with spawn ENOTDIR); the copy is removed', async (t) => {
    const dir = writeFolder(path.join(tempDir(t, 'fgtk-cfg-'), 'fn'), { 'template.yml': template('      CodeUri: code.zip') });
    buildZip(path.join(dir, 'code.zip'), { 'index.js': 'exports.handler = async () => process.env.RUNTIME_CODE_ROOT;\n' });
    const r = await fgtk(['invoke', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const root = r.stdout.trim();
    assert.match(path.basename(root), /^fgtk-pkg-/);
    assert.equal(existsSync(root), false, 'the unpacked copy is gone');
    const lint = await fgtk(['lint', '.'], dir);
    assert.equal(lint.code, 0, lint.stdout);
  });
});
