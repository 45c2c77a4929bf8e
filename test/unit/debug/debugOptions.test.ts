// Which debugger F5 starts a function under (src/debug/debugOptions.ts): one per runtime, only for a
// client that can attach it (child sessions), never under "Run Without Debugging".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FunctionSpec } from '../../../src/core/config';
import { attachesDebugger, debugOptionsFor } from '../../../src/debug/debugOptions';

const spec = (family: FunctionSpec['family']) => ({ family }) as FunctionSpec;
const withChildren = { __fgtk: { childSessions: true } };

void test('each handler runtime gets its debugger, with stopOnEntry where the runtime can stop on entry (Java cannot)', () => {
  const args = { ...withChildren, stopOnEntry: true };
  assert.deepEqual(debugOptionsFor(spec('nodejs'), args), { kind: 'node', port: 0, stopOnEntry: true });
  assert.deepEqual(debugOptionsFor(spec('python'), args), { kind: 'python', port: 0, stopOnEntry: true });
  assert.deepEqual(debugOptionsFor(spec('go'), args), { kind: 'go', port: 0, stopOnEntry: true });
  assert.deepEqual(debugOptionsFor(spec('java'), args), { kind: 'java', port: 0 });
});

void test('nothing under Run Without Debugging, nor for a client without child sessions (the handler would wait for ever)', () => {
  assert.equal(debugOptionsFor(spec('nodejs'), { ...withChildren, noDebug: true }), undefined);
  assert.equal(debugOptionsFor(spec('nodejs'), {}), undefined);
  assert.equal(debugOptionsFor(spec('unknown'), withChildren), undefined);
});

void test('a custom bootstrap debugs on its own debugPort only; PHP keeps the port its child session listens on', () => {
  assert.deepEqual(debugOptionsFor(spec('custom'), { debugPort: 9229 }), { kind: 'custom', port: 9229 });
  assert.equal(debugOptionsFor(spec('http'), withChildren), undefined);
  const php = { kind: 'php' as const, port: 9003 };
  assert.equal(debugOptionsFor(spec('php'), withChildren, php), php);
  assert.equal(debugOptionsFor(spec('php'), withChildren), undefined);
  assert.equal(attachesDebugger(php), true);
  assert.equal(attachesDebugger({ kind: 'custom', port: 9229 }), false);
  assert.equal(attachesDebugger(undefined), false);
});
