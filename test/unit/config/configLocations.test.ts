// FunctionSpec.locate: positions of nested values in the text the spec was parsed from, for
// diagnostics on keys the spec does not keep a position for (Environment.Variables.X...).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFunctionConfig, type SourceRange } from '../../../src/core/config';

const at = (line: number, from: number, to: number): SourceRange => ({ start: { line, character: from }, end: { line, character: to } });

const TEMPLATE = `HcCrmTemplateVersion: v2
Resources:
  other:
    Type: HC::Serverless::Function
    Properties:
      Handler: other.handler
  hello:
    Type: HC::Serverless::Function
    Properties:
      Handler: index.handler
      Environment:
        Variables:
          GREETING: hi
          123: numeric
          EMPTY:
      Layers:
        - first
        - second
`;

describe('FunctionSpec.locate', () => {
  const [other, hello] = parseFunctionConfig(TEMPLATE, '/w/template.yml');

  test('finds a nested value and its key, in its own resource', () => {
    assert.deepEqual(hello.locate?.(['Properties', 'Environment', 'Variables', 'GREETING']), { range: at(12, 20, 22), keyRange: at(12, 10, 18), scalar: true });
    assert.deepEqual(hello.locate?.(['Properties', 'Handler'])?.range, at(9, 15, 28));
    assert.deepEqual(other.locate?.(['Properties', 'Handler'])?.range, at(5, 15, 28));
  });

  test('maps and lists are not scalars; list items are found by index', () => {
    const vars = hello.locate?.(['Properties', 'Environment', 'Variables']);
    assert.equal(vars?.scalar, false);
    assert.deepEqual(vars?.range?.start, { line: 12, character: 10 });
    assert.deepEqual(vars?.keyRange, at(11, 8, 17));
    assert.deepEqual(hello.locate?.(['Properties', 'Layers', 1]), { range: at(17, 10, 16), keyRange: undefined, scalar: true });
    assert.deepEqual(hello.locate?.(['Properties', 'Layers', '0'])?.range, at(16, 10, 15));
  });

  test('a numeric key is found by its text; an empty value is an empty scalar after its key', () => {
    assert.deepEqual(hello.locate?.(['Properties', 'Environment', 'Variables', '123'])?.keyRange, at(13, 10, 13));
    assert.deepEqual(hello.locate?.(['Properties', 'Environment', 'Variables', 'EMPTY']), { range: at(14, 16, 16), keyRange: at(14, 10, 15), scalar: true });
  });

  test('the empty path is the resource, named by its logical ID', () => {
    assert.deepEqual(hello.locate?.([])?.keyRange, at(6, 2, 7));
  });

  test('a path the text does not have is undefined', () => {
    assert.equal(hello.locate?.(['Properties', 'Environment', 'Variables', 'MISSING']), undefined);
    assert.equal(hello.locate?.(['Properties', 'Handler', 'x']), undefined);
    assert.equal(hello.locate?.(['Properties', 'Layers', 2]), undefined);
    assert.equal(hello.locate?.(['Properties', 'Layers', '']), undefined);
  });

  test('works without the logical-ID level and for a resource at the root', () => {
    const [flat] = parseFunctionConfig('Resources:\n  Type: HC::Serverless::Function\n  Properties:\n    Handler: bootstrap\n', '/w/t.yml');
    assert.deepEqual(flat.locate?.(['Properties', 'Handler'])?.range, at(3, 13, 22));
    const [root] = parseFunctionConfig('Type: HC::Serverless::Function\nProperties:\n  Handler: bootstrap\n', '/w/t.yml');
    assert.deepEqual(root.locate?.(['Properties', 'Handler'])?.range, at(2, 11, 20));
  });
});
