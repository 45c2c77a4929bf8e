// schemas/function-config.schema.json is what YAML/JSON editors validate template.yml with as you
// type: it must flag the same mistakes as checkConfig (the linter, fgtk invoke, F5), on whole
// templates with one or several functions. Validated here with ajv, as an editor's validator would.
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import schema from '../../../schemas/function-config.schema.json';
import { checkConfig, parseFunctionConfig, parseRuntime, runtimeSchemaPattern } from '../../../src/core/config';

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const template = (...functions: [string, string][]) => `HcCrmTemplateVersion: v2\nResources:\n${functions.map(([id, props]) => `  ${id}:\n    Type: HC::Serverless::Function\n    Properties:\n${props.split('\n').map((l) => `      ${l}`).join('\n')}\n`).join('')}`;
// ajv adds an "if" error beside the real one; editors show the real one.
const editorErrors = (text: string) => (validate(parse(text)) ? [] : validate.errors!.filter((e) => e.keyword !== 'if').map((e) => `${e.instancePath} ${e.keyword}`));
const configErrors = (text: string) => parseFunctionConfig(text, '/w/template.yml').flatMap((s) => checkConfig(s).errors);

void describe('the editor schema flags what checkConfig flags', () => {
  void it('PKG-4b: its Runtime pattern is runtimeSchemaPattern() (regenerate the schema when runtimes change)', () => {
    assert.equal(schema.definitions.functionProperties.properties.Runtime.pattern, runtimeSchemaPattern());
    const re = new RegExp(runtimeSchemaPattern());
    for (const v of ['Node.js18.15', 'nodejs18.15', 'NODEJS 18.15', 'python3.9', 'Python3', 'Custom', 'http', 'C#(.NET Core 3.1)', 'Go1.x', 'Nodejs18', 'Pyton3.9', 'Node.js19.1', 'Ruby3.2', '']) {
      assert.equal(re.test(v), parseRuntime(v) !== undefined, v);
    }
  });

  const good = template(['orders', 'Handler: index.orders\nRuntime: Node.js18.15\nCodeUri: ./src'], ['billing', 'Handler: index.billing\nRuntime: python3.9\nMemorySize: 256\nTimeout: 30']);
  void it('a valid template with two functions passes both', () => {
    assert.deepEqual(editorErrors(good), []);
    assert.deepEqual(configErrors(good), []);
  });

  const mistakes: [string, string, string][] = [
    ['ENV-5: Timeout 100000', 'Handler: index.handler\nRuntime: Node.js18.15\nTimeout: 100000', '/Resources/hello/Properties/Timeout maximum'],
    ['ENV-5: MemorySize 100', 'Handler: index.handler\nRuntime: Node.js18.15\nMemorySize: 100', '/Resources/hello/Properties/MemorySize minimum'],
    ['PKG-4b: Runtime Nodejs18', 'Handler: index.handler\nRuntime: Nodejs18', '/Resources/hello/Properties/Runtime pattern'],
    ['no Handler', 'Runtime: Node.js18.15', '/Resources/hello/Properties required'],
  ];
  for (const [what, props, expected] of mistakes) {
    void it(`${what}: flagged by the editor schema and by checkConfig`, () => {
      const text = template(['ok', 'Handler: index.handler\nRuntime: Custom'], ['hello', props]);
      assert.ok(editorErrors(text).includes(expected), JSON.stringify(editorErrors(text)));
      assert.equal(configErrors(text).length >= 1, true);
    });
  }

  void it('a template whose Resources is the function itself (no logical ID) is validated too', () => {
    const text = 'Resources:\n  Type: HC::Serverless::Function\n  Properties:\n    Handler: bootstrap\n    Runtime: Custom\n    Timeout: 0\n';
    assert.deepEqual(editorErrors(text), ['/Resources/Properties/Timeout minimum']);
    assert.equal(configErrors(text).length, 1);
  });
});
