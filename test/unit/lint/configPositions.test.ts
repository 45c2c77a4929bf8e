// config-invalid (PKG-4b, ENV-5): where each finding lands in the config text, nested keys included,
// and that the text handed to the linter (an editor's unsaved buffer) decides, not the file on disk.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { parseFunctionConfig, type SourceRange } from '../../../src/core/config';
import { lintFunction, type LintDiagnostic } from '../../../src/core/lint/index';
import { tempDir, writeFolder } from './helpers';

const HEAD = 'HcCrmTemplateVersion: v2\nResources:\n  hello:\n    Type: HC::Serverless::Function\n    Properties:\n';
const INDEX = { 'index.js': 'exports.handler = async () => 1;\n' };
/** Lines 5 and 6 of every config below. */
const HANDLER_RUNTIME = '      Handler: index.handler\n      Runtime: Node.js18.15\n';

const at = (line: number, from: number, to: number): SourceRange => ({ start: { line, character: from }, end: { line, character: to } });
const point = (line: number, character: number): SourceRange => at(line, character, character);

async function configFindings(t: TestContext, text: string): Promise<LintDiagnostic[]> {
  const dir = writeFolder(tempDir(t), { ...INDEX, 'template.yml': text });
  return (await lintFunction(dir)).filter((d) => d.rule === 'config-invalid');
}

void describe('config-invalid positions', () => {
  void it('ENV-5: an environment variable name the platform rejects is marked on its key', async (t) => {
    const ds = await configFindings(t, `${HEAD}${HANDLER_RUNTIME}      Environment:\n        Variables:\n          GOOD: 1\n          my-var: x\n`);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /"my-var" is not accepted/);
    assert.deepEqual(ds[0].range, at(10, 10, 16));
  });

  void it('ENV-5: a numeric variable name is found by its text', async (t) => {
    const ds = await configFindings(t, `${HEAD}${HANDLER_RUNTIME}      Environment:\n        Variables:\n          123: x\n`);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /"123"/);
    assert.deepEqual(ds[0].range, at(9, 10, 13));
  });

  void it('ENV-5: a variable whose value is a map points at the start of Variables', async (t) => {
    const ds = await configFindings(t, `${HEAD}${HANDLER_RUNTIME}      Environment:\n        Variables:\n          A: 1\n          X:\n            nested: 1\n`);
    const typeError = ds.find((d) => /Environment\.Variables\.X must be of type/.test(d.message));
    assert.ok(typeError, ds.map((d) => d.message).join(' | '));
    assert.deepEqual(typeError.range, point(9, 10));
  });

  void it('ENV-5: Variables given as a list points at the start of Environment', async (t) => {
    const ds = await configFindings(t, `${HEAD}${HANDLER_RUNTIME}      Environment:\n        Variables:\n          - A=1\n`);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /Environment\.Variables must be of type object,null, not list/);
    assert.deepEqual(ds[0].range, point(8, 8));
  });

  void it('a property without a kept position: a scalar is marked itself, a list points at the start of Properties', async (t) => {
    const scalar = await configFindings(t, `${HEAD}${HANDLER_RUNTIME}      Description: 5\n`);
    assert.deepEqual(scalar.map((d) => d.range), [at(7, 19, 20)]);
    const list = await configFindings(t, `${HEAD}${HANDLER_RUNTIME}      Description:\n        - a list\n`);
    assert.deepEqual(list.map((d) => d.range), [point(5, 6)]);
  });

  void it('PKG-4: a missing Handler points at the start of Properties', async (t) => {
    const ds = await configFindings(t, `${HEAD}      Runtime: Node.js18.15\n`);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /no Handler/);
    assert.deepEqual(ds[0].range, point(5, 6));
  });

  void it('the config text given to the linter decides the position, not the file on disk', async (t) => {
    const onDisk = `${HEAD}${HANDLER_RUNTIME}      Environment:\n        Variables:\n          bad-name: x\n`;
    const dir = writeFolder(tempDir(t), { ...INDEX, 'template.yml': onDisk });
    // The editor's buffer: two variables typed above the bad one, not saved yet.
    const unsaved = `${HEAD}${HANDLER_RUNTIME}      Environment:\n        Variables:\n          A: 1\n          B: 2\n          bad-name: x\n`;
    const [spec] = parseFunctionConfig(unsaved, path.join(dir, 'template.yml'));
    const ds = (await lintFunction(dir, {}, { spec })).filter((d) => d.rule === 'config-invalid');
    assert.equal(ds.length, 1);
    assert.deepEqual(ds[0].range, at(11, 10, 18));
  });
});
