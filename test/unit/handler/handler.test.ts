// The handler finders read source with real parsers: comments, strings and docstrings are never
// code, and the linter and the CodeLens get the same answer from the same module.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finderFor, findHandlerIn, parseHandler } from '../../../src/core/handler/index';
import { lintFunction } from '../../../src/core/lint/index';
import { both, config } from '../lint/helpers';

const js = finderFor('node')!;
const py = finderFor('python')!;

void describe('JavaScript handler finder (acorn)', () => {
  void it('PKG-4: a commented-out exports.handler is not a handler', () => {
    assert.equal(js.find('// exports.handler = async () => 1;\nexports.main = async () => 1;\n', 'handler').presence, 'missing');
    assert.equal(js.find('/* module.exports.handler = x */\nexports.main = 1;\n', 'handler').presence, 'missing');
    assert.equal(js.find('const s = "exports.handler = 1";\nexports.main = 1;\n', 'handler').presence, 'missing');
  });

  void it('PKG-4: every export form a handler file uses is found, with its line', () => {
    const cases: [string, number][] = [
      ['exports.handler = async (event, context) => 1;\n', 0],
      ['\nmodule.exports.handler = function (e, c) {};\n', 1],
      ["exports['handler'] = () => 1;\n", 0],
      ['async function handler(e, c) {}\n\nmodule.exports = { handler };\n', 0],
      ['const other = 1;\nmodule.exports = {\n  handler: async () => 1,\n};\n', 2],
      ['export async function handler(event) { return 1; }\n', 0],
      ['const run = () => 1;\nexport { run as handler };\n', 0],
      ["Object.defineProperty(exports, 'handler', { value: () => 1 });\n", 0],
      ['#!/usr/bin/env node\nexports.handler = 1;\n', 1],
    ];
    for (const [source, line] of cases) assert.deepEqual(js.find(source, 'handler'), { presence: 'defined', line }, source);
  });

  void it('PKG-4: exports we cannot read are unsure, never missing', () => {
    assert.equal(js.find("module.exports = require('./impl');\n", 'handler').presence, 'unsure');
    assert.equal(js.find("export * from './impl.js';\n", 'handler').presence, 'unsure');
    assert.equal(js.find('exports[name] = 1;\n', 'handler').presence, 'unsure');
    assert.equal(js.find('this is not JavaScript {', 'handler').presence, 'unsure');
  });

  void it('(ours) imports: require and import, not in comments or strings, not optional ones in try', () => {
    const source = [
      "// const _ = require('lodash');",
      "const doc = \"require('moment')\";",
      "const axios = require('axios');",
      "const fp = require('ramda/src/map');",
      "const fs = require('node:fs');",
      "const local = require('./local');",
      "try { require('optional-dep'); } catch { /* fine without */ }",
      '',
    ].join('\n');
    assert.deepEqual(js.imports(source).sort(), ['axios', 'ramda']);
    assert.deepEqual(js.imports("import x from '@scope/pkg/sub';\nexport { y } from 'lib';\n").sort(), ['@scope/pkg', 'lib']);
  });
});

void describe('Python handler finder (@lezer/python)', () => {
  void it('(ours) an import inside a docstring, a string or a comment is not an import', () => {
    const source = '"""Example:\nimport requests\n"""\nimport json\n# import yaml\ns = "import redis"\n\ndef handler(event, context):\n    return 1\n';
    assert.deepEqual(py.imports(source), ['json']);
  });

  void it('(ours) imports: absolute top-level modules; relative, __future__, in-function and try-block imports left out', () => {
    const source = 'from __future__ import annotations\nimport os.path, numpy as np\nfrom requests.adapters import HTTPAdapter\nfrom . import sibling\nfrom .m import q\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n\ndef handler(e, c):\n    import boto3\n';
    assert.deepEqual(py.imports(source).sort(), ['numpy', 'os', 'requests']);
  });

  void it('PKG-4: def, async def, decorated def, assignment and import bind the handler; a docstring does not', () => {
    assert.deepEqual(py.find('import json\n\n\ndef handler(event, context):\n    pass\n', 'handler'), { presence: 'defined', line: 3 });
    assert.deepEqual(py.find('@wrap\n@other(1)\nasync def handler(e, c):\n    pass\n', 'handler'), { presence: 'defined', line: 2 });
    assert.equal(py.find('handler = make_handler()\n', 'handler').presence, 'defined');
    assert.equal(py.find('from impl import run as handler\n', 'handler').presence, 'defined');
    assert.equal(py.find('"""def handler(event, context):"""\ndef main(e, c):\n    pass\n', 'handler').presence, 'missing');
    assert.equal(py.find('class K:\n    def handler(self):\n        pass\n', 'handler').presence, 'missing');
    assert.equal(py.find('from impl import *\n', 'handler').presence, 'unsure');
  });
});

void describe('handler strings and the CodeLens', () => {
  void it('PKG-4: a dotted Python handler (pkg.mod.handler) is found in pkg/mod.py, as the CodeLens asks', () => {
    const source = 'def handler(event, context):\n    return 1\n';
    assert.deepEqual(findHandlerIn('python', 'pkg.mod.handler', 'pkg/mod.py', source), { presence: 'defined', line: 0 });
    assert.equal(findHandlerIn('python', 'pkg.mod.handler', 'pkg.mod.py', source), undefined);
    assert.equal(findHandlerIn('python', 'index.handler', 'other.py', source), undefined);
  });

  void it('PKG-4: Python handlers are [folder/]module.function, like Node.js', () => {
    assert.deepEqual(parseHandler('python', 'src/index.handler').target?.files, ['src/index.py', 'src/index/__init__.py']);
    assert.deepEqual(parseHandler('python', 'src/pkg.mod.handler').target?.files, ['src/pkg/mod.py', 'src/pkg/mod/__init__.py']);
    assert.equal(parseHandler('python', '../index.handler').formatError, true);
    assert.equal(parseHandler('python', 'src/my-mod.handler').formatError, true);
    assert.deepEqual(findHandlerIn('nodejs', 'src/app.handler', 'src/app.js', 'exports.handler = 1;\n'), { presence: 'defined', line: 0 });
  });
});

void describe('the linter on these parsers (folder and ZIP)', () => {
  const NODE_CFG = config({ Handler: 'index.handler', Runtime: 'Node.js18.15' });
  const rulesOf = async (t: import('node:test').TestContext, files: Record<string, string>) => {
    const { folder, zip } = both(t, files);
    return [await lintFunction(folder), await lintFunction(zip)].map((ds) => ds.map((d) => d.rule));
  };

  void it('PKG-4: a commented-out exports.handler gets handler-not-found', async (t) => {
    for (const rules of await rulesOf(t, { 'template.yml': NODE_CFG, 'index.js': '// exports.handler = async () => 1;\nexports.main = async () => 1;\n' })) {
      assert.ok(rules.includes('handler-not-found'), JSON.stringify(rules));
    }
  });

  void it('(ours) a commented require does not raise dependency-missing', async (t) => {
    for (const rules of await rulesOf(t, { 'template.yml': NODE_CFG, 'index.js': "// const _ = require('lodash');\nexports.handler = async () => 1;\n" })) {
      assert.deepEqual(rules, []);
    }
  });

  void it('(ours) an import in a Python docstring does not raise dependency-missing', async (t) => {
    const files = { 'template.yml': config({ Handler: 'index.handler', Runtime: 'Python3.9' }), 'index.py': '"""Usage:\n\nimport yaml\n"""\nimport json\n\ndef handler(event, context):\n    return json.dumps(event)\n' };
    for (const rules of await rulesOf(t, files)) assert.deepEqual(rules, []);
  });

  void it('PKG-4: a Python handler in a subfolder (src/index.handler) is accepted', async (t) => {
    const files = { 'template.yml': config({ Handler: 'src/index.handler', Runtime: 'Python3.9' }), 'src/index.py': 'def handler(event, context):\n    return 1\n' };
    for (const rules of await rulesOf(t, files)) assert.deepEqual(rules, []);
  });
});
