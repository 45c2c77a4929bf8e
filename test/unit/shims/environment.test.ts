// ENV-1: a handler sees the platform's environment, not ours. The emulator's own variables (the
// notice prefix its shims report with, stopOnEntry) are read by the shims and gone before user code runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invokerFor, makeFunction, outputJson } from './harness';
import { compileJava, javaFunction, ownUserData, sdkSources } from './javaHarness';

ownUserData(); // the Java shim compiles into a user data folder of this file's own

const CASES: { runtime: string; handler?: string; files: Record<string, string> }[] = [
  { runtime: 'Node.js20.15', files: { 'index.js': 'exports.handler = async () => Object.keys(process.env);\n' } },
  { runtime: 'Python3.9', files: { 'index.py': 'import os\n\ndef handler(event, context):\n    return list(os.environ)\n' } },
  { runtime: 'Custom', handler: 'bootstrap', files: { bootstrap: [
    '#!/bin/sh',
    'set -e',
    'API="http://$RUNTIME_API_ADDR/v1/runtime/invocation"',
    'while true; do',
    '  ID=$(curl -sSi "$API/request" | tr -d "\\r" | sed -n "s/^[Xx]-[Cc]ff-[Rr]equest-[Ii]d: //p")',
    '  NAMES=$(env | cut -d= -f1 | sed \'s/.*/"&"/\' | paste -sd, -)',
    '  curl -sS -X POST "$API/response/$ID" -d "[$NAMES]" >/dev/null',
    'done',
    '',
  ].join('\n') } },
];

for (const c of CASES) {
  void test(`ENV-1 ${c.runtime}: the function's environment holds no FGTK_ variable of the emulator's`, async (t) => {
    const spec = await makeFunction(t, c.files, { runtime: c.runtime, handler: c.handler ?? 'index.handler', env: { MY_SETTING: 'x' } });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.status, 'ok', JSON.stringify(result.error));
    const names = outputJson(result) as string[];
    assert.ok(names.includes('RUNTIME_API_ADDR') && names.includes('MY_SETTING'), names.join(' '));
    assert.deepEqual(names.filter((n) => n.startsWith('FGTK_')), []);
  });
}

void test('ENV-1 Java17: the function\'s environment holds no FGTK_ variable (the shim\'s settings are system properties)', async (t) => {
  const classes = await compileJava({
    'demo/Env.java': [
      'package demo;',
      'public class Env {',
      '  public String handler(String event, com.huawei.services.runtime.Context context) {',
      '    StringBuilder out = new StringBuilder("[");',
      '    for (String name : System.getenv().keySet()) out.append(out.length() > 1 ? "," : "").append("\\"").append(name).append("\\"");',
      '    return out.append("]").toString();',
      '  }',
      '}',
    ].join('\n'),
    ...sdkSources('huawei'),
  });
  const spec = await javaFunction(t, classes, { runtime: 'Java17', handler: 'demo.Env.handler', timeout: 30, env: { MY_SETTING: 'x' } });
  const result = await invokerFor(t, spec).invoke('"hi"');
  assert.equal(result.status, 'ok', JSON.stringify(result.error));
  const names = JSON.parse(result.outputText) as string[];
  assert.ok(names.includes('RUNTIME_API_ADDR') && names.includes('MY_SETTING'), names.join(' '));
  assert.deepEqual(names.filter((n) => n.startsWith('FGTK_')), []);
});
