// fgtk lint / fgtk package as users and CI run them (the built dist/cli.js).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildZip, config, tempDir, writeFolder } from './helpers';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const run = (args: string[], cwd: string) => promisify(execFile)('node', [CLI, ...args], { cwd }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
);

void describe('fgtk lint', () => {
  void it('PKG-2: --format json has the documented shape and exits 1 on an error', async (t) => {
    const root = tempDir(t);
    writeFolder(path.join(root, 'fn'), { 'template.yml': config({ Handler: 'bootstrap', Runtime: 'Custom' }), bootstrap: { content: '#!/bin/sh\necho\n', mode: 0o644 } });
    const r = await run(['lint', 'fn', '--format', 'json'], root);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] };
    assert.deepEqual(out.diagnostics, [{ rule: 'bootstrap-not-executable', severity: 'error', message: out.diagnostics[0].message, file: 'fn/bootstrap', line: 1, column: 1 }]);
  });

  void it('PKG-4: --format sarif is SARIF 2.1.0 with rules and a region on the Handler line', async (t) => {
    const root = tempDir(t);
    writeFolder(path.join(root, 'fn'), { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15' }), 'main.js': '' });
    const r = await run(['lint', '--format', 'sarif'], root);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'handler-not-found');
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'handler-not-found');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'fn/template.yml', uriBaseId: '%SRCROOT%' });
    assert.equal(result.locations[0].physicalLocation.region.startLine, 6);
  });

  void it('a clean ZIP exits 0 in text format; --runtime/--handler check a bare ZIP; no function exits 2', async (t) => {
    const root = tempDir(t);
    buildZip(path.join(root, 'ok.zip'), { 'index.py': 'def handler(event, context):\n    return 1\n' });
    const clean = await run(['lint', 'ok.zip', '--runtime', 'Python3.9', '--handler', 'index.handler'], root);
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /0 errors, 0 warnings/);
    const wrong = await run(['lint', 'ok.zip', '--runtime', 'Python3.9', '--handler', 'index.main'], root);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /handler-not-found/);
    const none = await run(['lint', '.'], tempDir(t));
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No function found/);
  });
});

void describe('fgtk package', () => {
  void it('PKG-1: writes the ZIP, lists what went in with sizes, exits 0 when the ZIP is clean', async (t) => {
    const root = tempDir(t);
    writeFolder(path.join(root, 'fn'), { 'template.yml': config({ Handler: 'bootstrap', Runtime: 'Custom' }), bootstrap: { content: '#!/bin/sh\necho\n', mode: 0o755 }, '.git/HEAD': 'x' });
    const r = await run(['package', 'fn', '-o', 'out/fn.zip'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /15 B\s+bootstrap/);
    assert.match(r.stdout, /Wrote out\/fn\.zip: 2 files/);
    const lint = await run(['lint', 'out/fn.zip', '--format', 'json'], root);
    assert.equal(lint.code, 0, lint.stdout);
  });

  void it('PKG-4: a Python handler in a subfolder (src/index.handler) packages with exit 0', async (t) => {
    const root = tempDir(t);
    writeFolder(path.join(root, 'fn'), { 'template.yml': config({ Handler: 'src/index.handler', Runtime: 'Python3.9' }), 'src/index.py': 'def handler(event, context):\n    return 1\n' });
    const r = await run(['package', 'fn', '-o', 'out/fn.zip'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Wrote out\/fn\.zip/);
  });
});
