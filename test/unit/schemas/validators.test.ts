// The bundles validate template.yml and expectation files with validators precompiled at build time
// (src/core/schemas/precompile.mjs); tests and the source run ajv's compile. Both must answer alike.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ValidateFunction } from 'ajv';
import * as esbuild from 'esbuild';
import { precompiledValidatorsPlugin } from '../../../src/core/schemas/precompile.mjs';
import * as compiledAtRunTime from '../../../src/core/schemas/validators';

type Validators = typeof compiledAtRunTime;

/** validators.ts as the bundles hold it: built through the plugin, then loaded as CommonJS. */
async function precompiled(): Promise<Validators> {
  const out = await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../../../src/core/schemas/validators.ts')],
    bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', plugins: [precompiledValidatorsPlugin],
  });
  const module = { exports: {} as Validators };
  new Function('module', 'exports', 'require', out.outputFiles[0]!.text)(module, module.exports, require);
  return module.exports;
}

const PROPERTIES: unknown[] = [
  { Handler: 'index.handler', Runtime: 'Node.js20.15' },
  { Handler: 'index.handler', Runtime: 'Python3.9', MemorySize: 256, Timeout: 30, Environment: { Variables: { A: '1' } } },
  { Handler: 'index.handler', Runtime: 'Node.js20.15', Timeout: 100000 }, // out of range
  { Handler: 'index.handler', Runtime: 'Nodejs18', MemorySize: 100 }, // unknown runtime, memory not a step
  { Runtime: 'Go1.x' }, // no Handler
  { Handler: 3, Runtime: 'Java17', Environment: { Variables: { A: 1 } } },
  { Handler: 'h', Runtime: 'Custom', InitializerHandler: 'i.init', InitializerTimeout: 0, Description: 'x'.repeat(600) },
  'not an object',
];
const EXPECTATIONS: unknown[] = [
  {}, { status: 'ok', output: { a: 1 } }, { status: 'done' }, { output: 'text', extra: true }, [],
];

/** What a user is shown of a validation: where, which rule, the message. */
function verdict(validate: ValidateFunction, value: unknown) {
  const valid = validate(value);
  return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message ?? ''} ${JSON.stringify(e.params)}`) };
}

void test('the precompiled validators in the bundles answer exactly as ajv compiling the schemas does (template.yml properties, expectation files)', async () => {
  const built = await precompiled();
  assert.deepEqual(built.VALIDATOR_REFS, compiledAtRunTime.VALIDATOR_REFS);
  for (const value of PROPERTIES) {
    const expected = verdict(compiledAtRunTime.functionPropertiesValidator(), value);
    assert.deepEqual(verdict(built.functionPropertiesValidator(), value), expected, JSON.stringify(value));
  }
  for (const value of EXPECTATIONS) {
    assert.deepEqual(verdict(built.expectationValidator(), value), verdict(compiledAtRunTime.expectationValidator(), value), JSON.stringify(value));
  }
  // The cases above exercise both answers (a test of identical "valid" verdicts only would prove little).
  assert.equal(compiledAtRunTime.functionPropertiesValidator()(PROPERTIES[0]), true);
  assert.equal(compiledAtRunTime.functionPropertiesValidator()(PROPERTIES[2]), false);
});
