import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findFunctions, listEvents, loadFunction, parseFunctionConfig, parseRuntime } from '../../../src/core/config';

const HUAWEI_TEMPLATE = `HcCrmTemplateVersion: v2
Resources:
  hello:
    Type: HC::Serverless::Function
    Properties:
      Name: hello-fn
      Handler: src/index.handler
      Runtime: nodejs18.15
      MemorySize: 256
      Timeout: 30
      InitializerHandler: src/index.initializer
      InitializerTimeout: 5
      Environment:
        Variables:
          GREETING: 你好
          COUNT: 3
`;

let root: string;
before(async () => { root = await mkdtemp(path.join(tmpdir(), 'fgtk-config-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

describe('function config (Huawei plugin format)', () => {
  test('reads every property the emulator needs, with the runtime normalised (PKG-4b)', () => {
    const [spec] = parseFunctionConfig(HUAWEI_TEMPLATE, '/w/hello/template.yml');
    assert.equal(spec.name, 'hello-fn');
    assert.equal(spec.logicalId, 'hello');
    assert.equal(spec.handler, 'src/index.handler');
    assert.equal(spec.runtime, 'nodejs18.15');
    assert.equal(spec.runtimeName, 'Node.js18.15');
    assert.equal(spec.family, 'nodejs');
    assert.equal(spec.memoryMB, 256);
    assert.equal(spec.timeoutS, 30);
    assert.equal(spec.initializer, 'src/index.initializer');
    assert.equal(spec.initializerTimeoutS, 5);
    assert.deepEqual(spec.env, { GREETING: '你好', COUNT: '3' });
    assert.equal(spec.codeDir, '/w/hello');
    assert.deepEqual(spec.problems, []);
  });

  test('keeps the source position of Handler and Runtime for diagnostics', () => {
    const [spec] = parseFunctionConfig(HUAWEI_TEMPLATE, '/w/t.yml');
    assert.deepEqual(spec.positions.Handler, { start: { line: 6, character: 15 }, end: { line: 6, character: 32 } });
    assert.equal(spec.positions.Runtime?.start.line, 7);
    assert.equal(spec.positions.MemorySize?.start.line, 8);
  });

  test('accepts a template without the logical-ID level under Resources', () => {
    const text = 'Resources:\n  Type: HC::Serverless::Function\n  Properties:\n    Handler: bootstrap\n    Runtime: Custom\n';
    const [spec] = parseFunctionConfig(text, '/w/fn/function.yaml');
    assert.equal(spec.family, 'custom');
    assert.equal(spec.name, 'fn');
    assert.equal(spec.logicalId, undefined);
  });

  test('ENV-4: omitted properties take the platform defaults', () => {
    const text = 'Resources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Runtime: Python3.9\n      Handler: index.handler\n';
    const [spec] = parseFunctionConfig(text, '/w/f/template.yml');
    assert.equal(spec.memoryMB, 128);
    assert.equal(spec.timeoutS, 3);
    assert.equal(spec.version, 'latest');
    assert.equal(spec.packageName, 'default');
  });

  test('a YAML syntax error is a problem with a position, not an exception', () => {
    const text = 'Resources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Handler: [unclosed\n';
    const specs = parseFunctionConfig(text, '/w/f/template.yml');
    const problems = specs.length ? specs[0].problems : [];
    assert.ok(specs.length === 0 || problems.some((p) => /YAML syntax error/.test(p.message) && p.range));
  });

  test('an unknown runtime is kept as written with family "unknown"', () => {
    const text = 'Resources:\n  f:\n    Type: HC::Serverless::Function\n    Properties:\n      Runtime: Ruby3.2\n      Handler: x\n';
    const [spec] = parseFunctionConfig(text, '/w/f/template.yml');
    assert.equal(spec.runtime, 'Ruby3.2');
    assert.equal(spec.family, 'unknown');
  });
});

describe('runtime names (PKG-4b)', () => {
  for (const [typed, expected] of [
    ['Node.js20.15', 'Node.js20.15'], ['nodejs14.18', 'Node.js14.18'], ['NODE.JS 16.17', 'Node.js16.17'],
    ['python3.12', 'Python3.12'], ['Python2.7', 'Python2.7'], ['custom', 'Custom'], ['HTTP', 'http'],
    ['go1.x', 'Go1.x'], ['java17', 'Java17'], ['C#(.NET Core 3.1)', 'C#(.NET Core 3.1)'], ['php7.3', 'PHP7.3'],
  ] as const) {
    test(`"${typed}" is ${expected}`, () => assert.equal(parseRuntime(typed)?.name, expected));
  }
  test('an unknown version is not guessed', () => assert.equal(parseRuntime('Node.js99.1'), undefined));
});

describe('finding functions in a workspace', () => {
  test('a config under any *.yml name, a bare bootstrap folder, and nothing in node_modules', async () => {
    const ws = path.join(root, 'ws');
    await mkdir(path.join(ws, 'a', 'events'), { recursive: true });
    await writeFile(path.join(ws, 'a', 'serverless.yml'), HUAWEI_TEMPLATE);
    await writeFile(path.join(ws, 'a', 'events', 'b.json'), '{}');
    await writeFile(path.join(ws, 'a', 'events', 'a.json'), '{}');
    await writeFile(path.join(ws, 'a', 'events', 'notes.txt'), 'x');
    await mkdir(path.join(ws, 'group', 'b'), { recursive: true });
    await writeFile(path.join(ws, 'group', 'b', 'bootstrap'), '#!/bin/sh\n', { mode: 0o755 });
    await mkdir(path.join(ws, 'node_modules', 'c'), { recursive: true });
    await writeFile(path.join(ws, 'node_modules', 'c', 'bootstrap'), '#!/bin/sh\n');
    await mkdir(path.join(ws, 'docs'), { recursive: true });
    await writeFile(path.join(ws, 'docs', 'mkdocs.yml'), 'site_name: x\n');

    const found = await findFunctions(ws);
    assert.deepEqual(found.map((f) => path.relative(ws, f.configDir)), ['a', path.join('group', 'b')]);
    assert.equal(found[0].name, 'hello-fn');
    assert.equal(found[1].family, 'custom');
    assert.equal(found[1].timeoutS, 3);
    assert.deepEqual((await listEvents(found[0])).map((e) => path.basename(e)), ['a.json', 'b.json']);
  });

  test('template.yml wins over other configs in the same folder', async () => {
    const dir = path.join(root, 'two');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'other.yaml'), HUAWEI_TEMPLATE.replace('hello-fn', 'other'));
    await writeFile(path.join(dir, 'template.yml'), HUAWEI_TEMPLATE.replace('hello-fn', 'main'));
    assert.equal((await loadFunction(dir))?.name, 'main');
  });

  test('a folder that is not a function gives undefined', async () => {
    assert.equal(await loadFunction(path.join(root, 'missing')), undefined);
  });
});
