// Every rule fires on the mistake it names and stays quiet on a good package, in a folder and in a ZIP.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFunction, type LintDiagnostic } from '../../../src/core/lint/index';
import { both, buildZip, config, tempDir, writeFolder, type Files } from './helpers';

const NODE_CFG = config({ Handler: 'index.handler', Runtime: 'Node.js18.15', MemorySize: 256, Timeout: 30 });
const PY_CFG = config({ Handler: 'index.handler', Runtime: 'Python3.9' });
const CUSTOM_CFG = config({ Handler: 'bootstrap', Runtime: 'Custom' });
const GO_CFG = config({ Handler: 'hello.Handler', Runtime: 'Go1.x' });
const BOOT = { content: '#!/bin/sh\nset -e\nexec node "$RUNTIME_CODE_ROOT/server.js"\n', mode: 0o755 };
const ELF_X64 = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(10), Buffer.from([0x3e, 0]), Buffer.alloc(44)]);
const ELF_ARM = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(10), Buffer.from([0xb7, 0]), Buffer.alloc(44)]);
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(60)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]);

const GOOD: Record<string, Files> = {
  nodejs: {
    'template.yml': NODE_CFG,
    'index.js': "const axios = require('axios');\nconst fs = require('node:fs');\nexports.handler = async (event, context) => ({ ok: true });\n",
    'node_modules/axios/package.json': '{"name":"axios"}',
    'node_modules/axios/build/Release/addon.node': ELF_X64,
  },
  python: {
    'template.yml': PY_CFG,
    // Imports the package carries (a package, a wheel's folder, a root extension module), the standard
    // library's, and an optional one in a try block: nothing is missing (dependency-missing).
    'index.py': 'import json, os.path\nimport numpy as np\nfrom helpers import util\nimport _cffi_backend\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n\ndef handler(event, context):\n    return json.dumps(event)\n',
    'helpers/__init__.py': '',
    '_cffi_backend.cpython-39-x86_64-linux-gnu.so': ELF_X64,
    'numpy/core/_multiarray.cpython-39-x86_64-linux-gnu.so': ELF_X64,
    'numpy-1.26.dist-info/WHEEL': 'Wheel-Version: 1.0\nTag: cp39-cp39-manylinux_2_17_x86_64\n',
  },
  custom: { 'template.yml': CUSTOM_CFG, bootstrap: BOOT, 'server.js': 'console.log(1)\n' },
  go: { 'template.yml': GO_CFG, 'hello.so': ELF_X64 },
  // The product docs' one-line HTTP bootstrap: right for the platform, so nothing to say (PKG-3).
  docsOneLiner: { 'template.yml': CUSTOM_CFG, bootstrap: { content: '/opt/function/runtime/nodejs12.13/rtsp/nodejs/bin/node $RUNTIME_CODE_ROOT/index.js\n', mode: 0o755 }, 'index.js': '' },
};

async function lintBoth(t: import('node:test').TestContext, files: Files) {
  const { folder, zip } = both(t, files);
  return { folder: await lintFunction(folder), zip: await lintFunction(zip) };
}
const rules = (ds: LintDiagnostic[]) => ds.map((d) => d.rule);

void describe('good packages are quiet (folder and ZIP)', () => {
  for (const [name, files] of Object.entries(GOOD)) {
    void it(`PKG-*: a good ${name} package gets no diagnostics`, async (t) => {
      const { folder, zip } = await lintBoth(t, files);
      assert.deepEqual(folder, []);
      assert.deepEqual(zip, []);
    });
  }
});

interface Case {
  rule: string;
  title: string;
  files: Files;
  in?: 'folder' | 'zip' | 'both';
  severity?: string;
  message?: RegExp;
}

const CASES: Case[] = [
  { rule: 'entry-not-at-root', title: 'PKG-1: everything in one top-level folder', files: { 'template.yml': NODE_CFG, 'app/index.js': 'exports.handler = async () => 1;\n', 'app/lib.js': '' }, message: /one top-level folder "app\/"/ },
  { rule: 'entry-not-at-root', title: 'PKG-1: handler file in a subfolder suggests the prefixed handler', files: { 'template.yml': NODE_CFG, 'src/index.js': 'exports.handler = async () => 1;\n', 'README.md': '' }, message: /src\/index\.handler/ },
  { rule: 'entry-not-at-root', title: 'PKG-1: bootstrap inside one top-level folder', files: { 'template.yml': CUSTOM_CFG, 'app/bootstrap': BOOT }, message: /bootstrap is not at the root/ },
  { rule: 'bootstrap-missing', title: 'PKG-2: custom runtime without bootstrap', files: { 'template.yml': CUSTOM_CFG, 'main.sh': 'echo\n' } },
  { rule: 'bootstrap-missing', title: 'PKG-2: bootstrap.sh is not bootstrap', files: { 'template.yml': CUSTOM_CFG, 'bootstrap.sh': BOOT }, message: /bootstrap\.sh/ },
  { rule: 'bootstrap-is-directory', title: 'PKG-2: bootstrap is a folder', files: { 'template.yml': CUSTOM_CFG, 'bootstrap/run.sh': 'x' } },
  { rule: 'bootstrap-not-executable', title: 'PKG-2: bootstrap without the executable bit', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: BOOT.content, mode: 0o644 } } },
  { rule: 'bootstrap-not-executable', title: 'PKG-2: ZIP made on Windows has no Unix mode', in: 'zip', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: BOOT.content, windows: true } }, message: /made on Windows/ },
  { rule: 'bootstrap-crlf', title: 'PKG-3: bootstrap with CRLF line endings', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: '#!/bin/sh\r\necho hi\r\n', mode: 0o755 } } },
  { rule: 'bootstrap-platform-path', title: 'PKG-3: bootstrap hard-codes /opt/function/code', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: '#!/bin/sh\ncd /opt/function/code && ./app\n', mode: 0o755 } }, severity: 'info', message: /fgtk invoke runs it with the function folder in its place/ },
  { rule: 'bootstrap-not-executable', title: 'PKG-2 (HTTP functions): a non-executable bootstrap is only a warning', files: { 'template.yml': config({ Handler: 'bootstrap', Runtime: 'http' }), bootstrap: { content: '/opt/function/runtime/nodejs20.15/rtsp/nodejs/bin/node $RUNTIME_CODE_ROOT/index.js\n', mode: 0o644 }, 'index.js': '' }, severity: 'warning', message: /HTTP functions run anyway/ },
  { rule: 'bootstrap-platform-path', title: 'PKG-3: bootstrap calls a runtime folder the platform does not have', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: '/opt/function/runtime/nodejs19.1/rtsp/nodejs/bin/node $RUNTIME_CODE_ROOT/index.js\n', mode: 0o755 } }, severity: 'warning', message: /no runtime folder "nodejs19\.1".*nodejs18\.15/ },
  { rule: 'bootstrap-platform-path', title: 'PKG-3: bootstrap calls an interpreter that is not where the docs put it', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: '/opt/function/runtime/python3.9/bin/python3 -u $RUNTIME_CODE_ROOT/index.py\n', mode: 0o755 } }, severity: 'warning', message: /\/opt\/function\/runtime\/python3\.9\/rtsp\/python\/bin\/python3/ },
  { rule: 'bootstrap-platform-path', title: 'PKG-3: bootstrap calls a Windows program', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: '#!/bin/sh\nC:\\tools\\app.exe\n', mode: 0o755 } }, severity: 'error' },
  { rule: 'handler-not-found', title: 'PKG-4: handler file missing', files: { 'template.yml': NODE_CFG, 'main.js': 'module.exports = 1;\n' }, message: /index\.js/ },
  { rule: 'handler-not-found', title: 'PKG-4: file exists, export missing (Node.js)', files: { 'template.yml': NODE_CFG, 'index.js': 'exports.main = async () => 1;\n' }, message: /index\.main/ },
  { rule: 'handler-not-found', title: 'PKG-4: file exists, function missing (Python)', files: { 'template.yml': PY_CFG, 'index.py': 'def main(event, context):\n    return 1\n' }, message: /def handler|index\.main/ },
  { rule: 'handler-not-found', title: 'PKG-4: another root file defines the handler', files: { 'template.yml': NODE_CFG, 'app.js': 'exports.handler = async () => 1;\n' }, message: /app\.handler/ },
  { rule: 'handler-format', title: 'PKG-4: Python handler with a hyphen in the module name', files: { 'template.yml': config({ Handler: 'my-index.handler', Runtime: 'Python3.9' }), 'index.py': '' } },
  { rule: 'handler-format', title: 'PKG-4: C# handler not Assembly::Namespace.Class::Method', files: { 'template.yml': config({ Handler: 'Handler', Runtime: 'C#(.NET Core 3.1)' }), 'x.dll': PE } },
  { rule: 'handler-file-extension', title: 'PKG-4: handler names index.js.handler', files: { 'template.yml': config({ Handler: 'index.js.handler', Runtime: 'Node.js18.15' }), 'index.js': 'exports.handler=1' }, message: /index\.handler/ },
  { rule: 'go-plugin-name-mismatch', title: 'PKG-4: Go plugin .so named differently', files: { 'template.yml': GO_CFG, 'plugin.so': ELF_X64 }, message: /hello\.so/ },
  { rule: 'python-stdlib-shadow', title: 'PKG-5: json.py shadows the standard library', files: { 'template.yml': PY_CFG, 'index.py': 'def handler(e, c):\n  pass\n', 'json.py': '' }, severity: 'error' },
  { rule: 'python-stdlib-shadow', title: 'PKG-5: a package named like a stdlib module', files: { 'template.yml': PY_CFG, 'index.py': 'def handler(e, c):\n  pass\n', 'calendar/__init__.py': '' }, severity: 'warning' },
  { rule: 'native-module-wrong-platform', title: 'PKG-7: macOS .node addon', files: { ...GOOD.nodejs, 'node_modules/axios/build/Release/addon.node': MACHO }, message: /macOS/ },
  { rule: 'native-module-wrong-platform', title: 'PKG-7: arm64 Linux .so', files: { ...GOOD.nodejs, 'node_modules/axios/lib.so': ELF_ARM }, message: /ARM64/ },
  { rule: 'native-module-wrong-platform', title: 'PKG-7: Windows .pyd', files: { ...GOOD.python, 'pkg/_speed.pyd': PE } },
  { rule: 'native-module-wrong-platform', title: 'PKG-7: wheel for macOS', files: { ...GOOD.python, 'numpy-1.26.dist-info/WHEEL': 'Tag: cp39-cp39-macosx_11_0_arm64\n' }, message: /macosx_11_0_arm64/ },
  { rule: 'native-module-wrong-platform', title: 'PKG-7: extension built for another CPython', files: { ...GOOD.python, 'numpy/core/_multiarray.cpython-39-x86_64-linux-gnu.so': ELF_X64, 'x/_y.cpython-311-x86_64-linux-gnu.so': ELF_X64 }, message: /CPython 3\.11/ },
  { rule: 'native-module-wrong-platform', title: 'PKG-7: bootstrap is a macOS binary', files: { 'template.yml': CUSTOM_CFG, bootstrap: { content: MACHO, mode: 0o755 } } },
  { rule: 'config-invalid', title: 'ENV-5: memory size not offered', in: 'folder', files: { ...GOOD.nodejs, 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15', MemorySize: 100 }) }, message: /MemorySize 100/ },
  { rule: 'config-invalid', title: 'ENV-5: timeout over 900', in: 'folder', files: { ...GOOD.nodejs, 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15', Timeout: 901 }) }, message: /Timeout 901/ },
  { rule: 'config-invalid', title: 'PKG-4b: unknown runtime name', in: 'folder', files: { ...GOOD.nodejs, 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js99' }) }, message: /Node\.js99/ },
  { rule: 'config-invalid', title: 'PKG-4: handler missing', in: 'folder', files: { ...GOOD.nodejs, 'template.yml': config({ Runtime: 'Node.js18.15' }) }, message: /no Handler/ },
  { rule: 'memory-size-unlisted', title: 'ENV-5: a size only newer regions offer', in: 'folder', files: { ...GOOD.nodejs, 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15', MemorySize: 8192 }) }, severity: 'warning' },
  { rule: 'dependency-missing', title: '(ours) handler requires a package node_modules lacks', files: { 'template.yml': NODE_CFG, 'index.js': "const x = require('left-pad');\nexports.handler = async () => x;\n" }, message: /left-pad/, severity: 'warning' },
  { rule: 'dependency-missing', title: '(ours) Node.js 20.15 bundles express but not koa', files: { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js20.15' }), 'index.js': "const express = require('express');\nconst obs = require('esdk-obs-nodejs');\nconst koa = require('koa');\nexports.handler = async () => 1;\n" }, message: /requires "koa"/, severity: 'warning' },
  { rule: 'dependency-missing', title: '(ours) Python handler imports a module neither the standard library nor the package has', files: { 'template.yml': PY_CFG, 'index.py': 'import json\nfrom flask.json import jsonify\n\ndef handler(event, context):\n    return 1\n' }, message: /imports "flask".*No module named flask/, severity: 'warning' },
  { rule: 'dependency-missing', title: '(ours) Python 3.10 bundles requests, obs and huaweicloudsdkcore but not boto3', files: { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Python3.10' }), 'index.py': 'import requests, yaml, dateutil\nfrom obs import ObsClient\nfrom huaweicloudsdkcore.auth.credentials import BasicCredentials\nimport boto3\n\ndef handler(event, context):\n    return 1\n' }, message: /imports "boto3"/, severity: 'warning' },
  { rule: 'empty-package', title: 'PKG-1: no files', files: { 'template.yml': NODE_CFG, 'empty/': '' } },
  { rule: 'symlink-entry', title: 'PKG-8: a symbolic link entry', in: 'zip', files: { ...GOOD.custom, 'link': { symlink: '/etc/passwd' } } },
];

void describe('each rule fires', () => {
  for (const c of CASES) {
    void it(`${c.title} → ${c.rule}`, async (t) => {
      const { folder, zip } = await lintBoth(t, c.files);
      const shapes = c.in === 'folder' ? { folder } : c.in === 'zip' ? { zip } : { folder, zip };
      for (const [shape, ds] of Object.entries(shapes) as [string, LintDiagnostic[]][]) {
        const hits = ds.filter((d) => d.rule === c.rule);
        assert.ok(hits.length > 0, `${shape}: expected ${c.rule}, got ${JSON.stringify(rules(ds))}`);
        if (c.severity) assert.ok(hits.some((h) => h.severity === c.severity), `${shape}: severity ${c.severity}, got ${hits.map((h) => h.severity)}`);
        if (c.message) assert.ok(hits.some((h) => c.message!.test(h.message)), `${shape}: message ${c.message} not in ${hits.map((h) => h.message).join(' | ')}`);
        assert.ok(hits.every((h) => h.contract && h.message.length > 20));
      }
    });
  }
});

void describe('positions, anchors and fixes', () => {
  void it('PKG-4: handler-not-found lands on the Handler line of template.yml with a replace fix', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': NODE_CFG, 'index.js': 'exports.main = async () => 1;\n' });
    const [d] = (await lintFunction(dir)).filter((x) => x.rule === 'handler-not-found');
    assert.equal(d.file, path.join(dir, 'template.yml'));
    assert.equal(d.range?.start.line, 5);
    assert.deepEqual(d.fix?.[0], { kind: 'replace-text', title: 'Set Handler to index.main', file: d.file, range: d.range, newText: 'index.main' });
  });

  void it('ENV-5: config-invalid points at the exact YAML value', async (t) => {
    const dir = writeFolder(tempDir(t), { ...GOOD.nodejs, 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js18.15', Timeout: 1000 }) });
    const [d] = (await lintFunction(dir)).filter((x) => x.rule === 'config-invalid');
    assert.deepEqual(d.range, { start: { line: 7, character: 15 }, end: { line: 7, character: 19 } });
  });

  void it('PKG-2/3: bootstrap fixes are chmod and CRLF→LF on the bootstrap file', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': CUSTOM_CFG, bootstrap: { content: '#!/bin/sh\r\necho\r\n', mode: 0o644 } });
    const ds = await lintFunction(dir);
    const file = path.join(dir, 'bootstrap');
    assert.equal(ds.find((d) => d.rule === 'bootstrap-not-executable')?.fix?.[0].kind, 'make-executable');
    const crlf = ds.find((d) => d.rule === 'bootstrap-crlf');
    assert.equal(crlf?.file, file);
    assert.equal(crlf?.fix?.[0].kind, 'crlf-to-lf');
  });

  void it('PKG-4: go-plugin-name-mismatch offers the rename and the handler change', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': GO_CFG, 'plugin.so': ELF_X64 });
    const d = (await lintFunction(dir)).find((x) => x.rule === 'go-plugin-name-mismatch');
    assert.deepEqual(d?.fix?.map((f) => f.kind), ['rename-file', 'replace-text']);
    assert.equal(d?.fix?.[0].kind === 'rename-file' && path.basename(d.fix[0].to), 'hello.so');
  });

  void it('PKG-5: the stdlib list follows the configured Python version', async (t) => {
    const files = (v: string) => ({ 'template.yml': config({ Handler: 'index.handler', Runtime: `Python${v}` }), 'index.py': 'def handler(e, c):\n  pass\n', 'tomllib.py': '', 'imp.py': '' });
    const at39 = await lintFunction(writeFolder(tempDir(t), files('3.9')));
    const at312 = await lintFunction(writeFolder(tempDir(t), files('3.12')));
    const shadowed = (ds: LintDiagnostic[]) => ds.filter((d) => d.rule === 'python-stdlib-shadow').map((d) => path.basename(d.file)).sort();
    assert.deepEqual(shadowed(at39), ['imp.py']); // tomllib is new in 3.11
    assert.deepEqual(shadowed(at312), ['tomllib.py']); // imp was removed in 3.12
  });

  void it('settings: a rule set to off is silenced, a severity override applies', async (t) => {
    const dir = writeFolder(tempDir(t), { 'template.yml': PY_CFG, 'index.py': 'def handler(e, c):\n  pass\n', 'json.py': '' });
    assert.deepEqual(await lintFunction(dir, { rules: { 'python-stdlib-shadow': 'off' } }), []);
    const [d] = await lintFunction(dir, { rules: { 'python-stdlib-shadow': 'info' } });
    assert.equal(d.severity, 'info');
  });

  void it('PKG-6: size limits are settings (package-too-large, unzipped-too-large)', async (t) => {
    const root = tempDir(t);
    const big = Buffer.alloc(2 * 1024 * 1024, 1);
    const zip = buildZip(path.join(root, 'big.zip'), { bootstrap: BOOT, 'data.bin': randomBytes(1_500_000), 'zeros.bin': big });
    const ds = await lintFunction(zip, { maxZipSizeMB: 1, maxObsZipSizeMB: 100, maxUnzippedSizeMB: 3 });
    assert.equal(ds.find((d) => d.rule === 'package-too-large')?.severity, 'warning');
    assert.equal(ds.find((d) => d.rule === 'unzipped-too-large')?.severity, 'error');
    assert.equal((await lintFunction(zip, { maxZipSizeMB: 1, maxObsZipSizeMB: 1 })).find((d) => d.rule === 'package-too-large')?.severity, 'error');
    assert.deepEqual((await lintFunction(zip)).filter((d) => /too-large/.test(d.rule)), []);
  });

  void it('(ours) a ZIP with no config says only the package was checked', async (t) => {
    const zip = buildZip(path.join(tempDir(t), 'x.zip'), { 'index.js': 'exports.handler=1' });
    assert.deepEqual(rules(await lintFunction(zip)), ['runtime-unknown']);
  });
});

void describe('bundled modules (data from the runtimes\' published lists)', () => {
  void it('(ours) dependency-missing names only what the runtime does not bundle', async (t) => {
    const node = await lintBoth(t, { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Node.js20.15' }), 'index.js': "require('express'); require('esdk-obs-nodejs'); require('lodash'); require('koa');\nexports.handler = async () => 1;\n" });
    const py = await lintBoth(t, { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Python3.10' }), 'index.py': 'import requests, yaml\nfrom obs import ObsClient\nimport huaweicloudsdkcore\nimport boto3\n\ndef handler(event, context):\n    return 1\n' });
    for (const ds of [node.folder, node.zip]) assert.deepEqual(ds.map((d) => [d.rule, d.severity, /"(\w+)"/.exec(d.message)?.[1]]), [['dependency-missing', 'warning', 'koa']]);
    for (const ds of [py.folder, py.zip]) assert.deepEqual(ds.map((d) => [d.rule, d.severity, /"(\w+)"/.exec(d.message)?.[1]]), [['dependency-missing', 'warning', 'boto3']]);
  });
});
