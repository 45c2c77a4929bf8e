// The one config check (core/config/checkConfig.ts), the function key and the choice among a
// template's several functions, and the config folder / code folder split (CodeUri ./src, code.zip).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  checkConfig, formatConfigFinding, FunctionChoiceError, listEvents, loadFunctions, loadFunctionsAt, parseFunctionConfig,
  parseFunctionRef, resolveFunctionRef, selectFunction, suggestRuntimes, type FunctionSpec,
} from '../../../src/core/config';
import { preflight } from '../../../src/core/invoke';
import { lintFunction } from '../../../src/core/lint/index';
import { openFunctionCode } from '../../../src/core/package/openPackage';
import { packageFunction } from '../../../src/core/package';
import { buildZip, tempDir, writeFolder } from '../lint/helpers';
import { rawZip } from '../lint/rawZip';
import { oneFunction as template, twoFunctions } from './templates';

const HANDLER = 'exports.handler = async (event) => ({ got: event });\n';
const parse = (text: string, file = '/w/fn/template.yml') => parseFunctionConfig(text, file);
const only = (specs: FunctionSpec[]) => {
  assert.equal(specs.length, 1, `one function, got ${specs.length}`);
  return specs[0];
};

void describe('checkConfig: the mistakes users make in template.yml', () => {
  void it('ENV-5: Timeout 100000 is an error on its line, rule config-invalid', () => {
    const spec = only(parse(template('      Timeout: 100000')));
    const { errors } = checkConfig(spec);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].rule, 'config-invalid');
    assert.equal(errors[0].range?.start.line, 7);
    assert.match(errors[0].message, /Timeout 100000 is out of range/);
    assert.equal(formatConfigFinding(errors[0], '/w'), 'fn/template.yml:8:16: error: Timeout 100000 is out of range: use 3 to 900 seconds. [config-invalid]');
  });

  void it('a duplicated key is an error (YAML forbids it) at the second one', () => {
    const spec = only(parse(template('      MemorySize: 256\n      MemorySize: 512')));
    const { errors } = checkConfig(spec);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].message, /"MemorySize" is given twice/);
    assert.equal(errors[0].range?.start.line, 8);
  });

  void it('a key indented one column too far is a YAML syntax error with the parser\'s line and column, and nothing else is reported', async (t) => {
    const text = template('       MemorySize: 256\n      Timeout: 3');
    const spec = only(parse(text));
    assert.equal(spec.unreadable, true);
    const { errors } = checkConfig(spec);
    assert.ok(errors.length >= 1);
    assert.ok(errors.every((e) => /^YAML syntax error at line \d+, column \d+/.test(e.message)), JSON.stringify(errors));
    assert.equal(errors[0].range?.start.line, 6);
    // The linter reports the syntax error, not the follow-ons of a config it could not read.
    const dir = writeFolder(path.join(tempDir(t), 'fn'), { 'template.yml': text, 'index.js': HANDLER });
    const rules = new Set((await lintFunction(dir)).map((d) => d.rule));
    assert.deepEqual([...rules], ['config-invalid']);
  });

  void it('an unclosed [ is reported as the syntax error at its line, not as "no function", empty-package or bootstrap-missing', async (t) => {
    const text = template('      Environment:\n        Variables: [a, b\n      Timeout: 3');
    const dir = writeFolder(path.join(tempDir(t), 'fn'), { 'template.yml': text });
    const [spec] = await loadFunctions(dir);
    const { errors } = checkConfig(spec);
    assert.ok(errors.length > 0);
    assert.ok(errors.every((e) => e.message.startsWith('YAML syntax error')), JSON.stringify(errors));
    assert.ok(!errors.some((e) => /No resource/.test(e.message)));
    const ds = await lintFunction(dir);
    assert.deepEqual([...new Set(ds.map((d) => d.rule))], ['config-invalid'], JSON.stringify(ds.map((d) => `${d.rule}: ${d.message}`)));
  });

  void it('PKG-4b: an unknown Runtime gets the nearest valid names and is never run as a custom runtime', async (t) => {
    assert.deepEqual(suggestRuntimes('Nodejs18'), ['Node.js18.15']);
    assert.deepEqual(suggestRuntimes('Pyton3.9'), ['Python3.9']);
    assert.deepEqual(suggestRuntimes('Ruby3.2'), []);
    const text = template('').replace('Runtime: Node.js18.15', 'Runtime: Nodejs18');
    const spec = only(parse(text));
    const { errors } = checkConfig(spec);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /Runtime "Nodejs18" is not a FunctionGraph runtime: did you mean Node\.js18\.15\?/);
    // Even a caller that skips the check (and a folder with a bootstrap) does not start it as custom.
    const dir = writeFolder(path.join(tempDir(t), 'fn'), { 'template.yml': text, bootstrap: { content: '#!/bin/sh\necho hi\n', mode: 0o755 } });
    const checks = await preflight(only(await loadFunctions(dir)));
    assert.ok(checks.errors.some((e) => /did you mean Node\.js18\.15/.test(e)), JSON.stringify(checks));
  });

  void it('warnings do not block: an unlisted MemorySize is a warning (memory-size-unlisted), not an error', () => {
    const { errors, warnings } = checkConfig(only(parse(template('      MemorySize: 192'))));
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings.map((w) => w.rule), ['memory-size-unlisted']);
  });

  void it('the linter\'s config-invalid diagnostics are checkConfig\'s findings (one module)', async (t) => {
    const dir = writeFolder(path.join(tempDir(t), 'fn'), { 'template.yml': template('      Timeout: 100000\n      MemorySize: 100'), 'index.js': HANDLER });
    const [spec] = await loadFunctions(dir);
    const fromLint = (await lintFunction(dir)).filter((d) => d.rule === 'config-invalid').map((d) => [d.message, d.range?.start.line]);
    assert.deepEqual(fromLint, checkConfig(spec).errors.map((e) => [e.message, e.range?.start.line]));
    assert.equal(fromLint.length, 2);
  });
});

const TWO = twoFunctions('      Timeout: 100000\n');

void describe('several functions in one template', () => {
  void it('each is its own function, keyed <config folder>#<logical ID>', () => {
    const specs = parse(TWO, '/w/api/template.yml');
    assert.deepEqual(specs.map((s) => s.key), ['/w/api#orders', '/w/api#billing']);
    assert.deepEqual(specs.map((s) => [s.configDir, s.codeDir]), [['/w/api', '/w/api/src'], ['/w/api', '/w/api/src']]);
    assert.deepEqual(parseFunctionRef('/w/api#billing'), { dir: '/w/api', name: 'billing' });
    assert.deepEqual(parseFunctionRef('/w/a#b/c'), { dir: '/w/a#b/c' });
  });

  void it('no choice where a folder holds several: a clear error listing them; a choice by logical ID or Name', () => {
    const specs = parse(TWO, '/w/api/template.yml');
    assert.throws(() => selectFunction(specs, undefined, 'api/template.yml', 'Pass --function NAME.'), (err: unknown) => {
      assert.ok(err instanceof FunctionChoiceError);
      assert.equal(err.message, 'api/template.yml declares 2 functions: orders, billing (billing-fn). Pass --function NAME.');
      assert.deepEqual(err.names, ['orders', 'billing']);
      return true;
    });
    assert.equal(selectFunction(specs, 'billing-fn', 'x', '').logicalId, 'billing');
    assert.equal(selectFunction(specs, 'orders', 'x', '').logicalId, 'orders');
    assert.throws(() => selectFunction(specs, 'payments', 'x', ''), /x has no function called "payments". It declares: orders, billing \(billing-fn\)/);
  });

  void it('each function\'s config errors are its own (billing\'s Timeout is not orders\' problem)', () => {
    const [orders, billing] = parse(TWO, '/w/api/template.yml');
    assert.deepEqual(checkConfig(orders).errors, []);
    assert.equal(checkConfig(billing).errors[0]?.range?.start.line, 15);
  });

  void it('two functions sharing one code folder: the linter checks each one\'s handler, not the other\'s', async (t) => {
    const dir = path.join(tempDir(t), 'api');
    writeFolder(dir, { 'template.yml': TWO.replace('      Timeout: 100000\n', '').replace('index.billing', 'billing.handler'), 'src/index.js': 'exports.orders = async () => 1;\n' });
    const [orders, billing] = await loadFunctions(dir);
    const forOrders = await lintFunction(dir, {}, { spec: orders });
    const forBilling = await lintFunction(dir, {}, { spec: billing });
    assert.deepEqual(forOrders.filter((d) => d.severity === 'error'), [], JSON.stringify(forOrders));
    const missing = forBilling.filter((d) => d.rule.startsWith('handler'));
    assert.ok(missing.length >= 1, JSON.stringify(forBilling));
    assert.ok(missing.every((d) => d.range?.start.line === 12), 'on billing\'s Handler line');
  });

  void it('two functions sharing one code folder: the packager names each ZIP after its function', async (t) => {
    const dir = path.join(tempDir(t), 'api');
    writeFolder(dir, { 'template.yml': TWO.replace('      Timeout: 100000\n', ''), 'src/index.js': 'exports.orders = async () => 1;\nexports.billing = async () => 2;\n' });
    const [orders, billing] = await loadFunctions(dir);
    const a = await packageFunction(orders.codeDir, undefined, { spec: orders });
    const b = await packageFunction(billing.codeDir, undefined, { spec: billing });
    assert.deepEqual([path.basename(a.zipPath), path.basename(b.zipPath)], ['orders.zip', 'billing-fn.zip']);
    assert.deepEqual(a.entries.map((e) => e.name), ['index.js']);
  });

  void it('resolveFunctionRef takes folder#name, the code folder, and refuses a bare folder of several', async (t) => {
    const dir = path.join(tempDir(t), 'api');
    writeFolder(dir, { 'template.yml': TWO, 'src/index.js': HANDLER });
    assert.equal((await resolveFunctionRef(`${dir}#billing`, { how: '' }))?.name, 'billing-fn');
    await assert.rejects(resolveFunctionRef(path.join(dir, 'src'), { how: 'Choose.' }), /declares 2 functions: orders, billing \(billing-fn\)\. Choose\./);
    assert.equal((await resolveFunctionRef(path.join(dir, 'src'), { how: '', name: 'orders' }))?.key, `${dir}#orders`);
  });
});

void describe('the config folder and the code folder (CodeUri)', () => {
  void it('CodeUri: ./src — the config folder identifies the function (events beside it), the code folder runs', async (t) => {
    const dir = path.join(tempDir(t), 'fn');
    writeFolder(dir, { 'template.yml': template('      CodeUri: ./src'), 'src/index.js': HANDLER, 'events/a.json': '{}' });
    const [spec] = await loadFunctions(dir);
    assert.deepEqual([spec.configDir, spec.codeDir, spec.key], [dir, path.join(dir, 'src'), dir]);
    assert.deepEqual(await listEvents(spec), [path.join(dir, 'events', 'a.json')]);
    // Either folder finds it.
    assert.equal((await loadFunctionsAt(path.join(dir, 'src')))[0]?.key, dir);
    assert.deepEqual((await lintFunction(dir)).filter((d) => d.severity === 'error'), []);
  });

  void it('CodeUri: code.zip — linted as the ZIP, run from a safely unpacked private copy that is removed afterwards', async (t) => {
    const dir = path.join(tempDir(t), 'fn');
    writeFolder(dir, { 'template.yml': template('      CodeUri: code.zip') });
    buildZip(path.join(dir, 'code.zip'), { 'index.js': HANDLER });
    const [spec] = await loadFunctions(dir);
    assert.equal(spec.codeDir, path.join(dir, 'code.zip'));
    assert.deepEqual((await lintFunction(dir)).filter((d) => d.severity === 'error'), []);
    // A private parent for the unpacked copy: other tests count the fgtk-pkg-* folders in the OS temp folder.
    const code = await openFunctionCode(spec, { tmpRoot: tempDir(t) });
    assert.notEqual(code.spec.codeDir, spec.codeDir);
    assert.equal(code.spec.key, dir);
    assert.equal(readFileSync(path.join(code.spec.codeDir, 'index.js'), 'utf8'), HANDLER);
    await code.dispose();
    assert.equal(existsSync(code.spec.codeDir), false);
  });

  void it('PKG-8: a code.zip with an entry that would land outside is refused, nothing unpacked', async (t) => {
    const dir = path.join(tempDir(t), 'fn');
    writeFolder(dir, { 'template.yml': template('      CodeUri: code.zip') });
    writeFileSync(path.join(dir, 'code.zip'), rawZip([{ name: 'index.js', data: Buffer.from(HANDLER) }, { name: '../evil.js', data: Buffer.from('x') }]));
    const [spec] = await loadFunctions(dir);
    await assert.rejects(openFunctionCode(spec), /unsafe/);
  });
});
