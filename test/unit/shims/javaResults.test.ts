// The Java shim's results: String as is, void and null empty, JSON otherwise; exceptions as error
// JSON with the user's frames; the JVM dying; events that do not fit; one handler object per instance.
import assert from 'node:assert/strict';

import { describe, test } from 'node:test';
import { invokerFor, logText, outputJson } from './harness';
import { compileJava, javaFunction, ownUserData, sdkSources } from './javaHarness';

// The compiled shim goes to a user data folder of this file's own.
ownUserData();

void describe('Java shim: results, errors, instance', () => {
  const RESULTS = `package demo;
import com.huawei.services.runtime.Context;
import java.util.*;
public class Results {
    public String text(String e, Context c) { return "plain text, not JSON"; }
    public void nothing(String e, Context c) { c.getLogger().info("ran"); }
    public Object nil(Object e, Context c) { return null; }
    public List<Object> list(Map<String, Object> e, Context c) { return Arrays.asList(e.get("n"), "函数", 1.5, true, null); }
    public int number(Integer e, Context c) { return e * 2; }
    public String fails(String e, Context c) { throw new IllegalStateException("handler exploded"); }
    public String nested(String e, Context c) { helper(); return ""; }
    private void helper() { throw new UnsupportedOperationException(); }
    public String dies(String e, Context c) { Runtime.getRuntime().halt(3); return ""; }
    public String ping(String e, Context c) { return "pong"; }
}`;

  const results: [string, string, string, (out: string) => void][] = [
    ['text', '{}', 'RT-3: a returned String is passed as is', (o) => assert.equal(o, 'plain text, not JSON')],
    ['nothing', '{}', 'RT-3: a void handler answers an empty body', (o) => assert.equal(o, '')],
    ['nil', '{}', 'RT-3: null answers an empty body', (o) => assert.equal(o, '')],
    ['list', '{"n": 3}', 'RT-3: other results are JSON', (o) => assert.deepEqual(JSON.parse(o), [3, '函数', 1.5, true, null])],
    ['number', '21', 'RT-1/RT-3: a boxed number event and a primitive result', (o) => assert.equal(o, '42')],
  ];
  for (const [method, event, title, check] of results) {
    void test(title, async (t) => {
      const classes = await compileJava({ 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
      const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: `demo.Results.${method}` });
      const result = await invokerFor(t, spec).invoke(event);
      assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
      check(result.outputText);
    });
  }

  void test('RT-3/INV-3: an exception becomes {errorMessage, errorType: its class, stackTrace} with the user\'s frames only', async (t) => {
    const classes = await compileJava({ 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
    for (const [method, type, message] of [['fails', 'java.lang.IllegalStateException', 'handler exploded'], ['nested', 'java.lang.UnsupportedOperationException', 'java.lang.UnsupportedOperationException']]) {
      const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: `demo.Results.${method}` });
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error', result.outputText);
      const body = outputJson(result) as { errorType: string; errorMessage: string; stackTrace: string[] };
      assert.equal(body.errorType, type);
      assert.equal(body.errorMessage, message);
      assert.ok(body.stackTrace.some((l) => l.includes('demo.Results.' + (method === 'nested' ? 'helper' : method) + '(Results.java:')), body.stackTrace.join('\n'));
      assert.ok(!body.stackTrace.some((l) => /fgtk\.|reflect/.test(l)), `no shim or reflection frames:\n${body.stackTrace.join('\n')}`);
    }
  });

  void test('INV-1: the JVM dying during an invocation is a crash; the next invocation gets a fresh JVM', async (t) => {
    const classes = await compileJava({ 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
    const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Results.dies' });
    const invoker = invokerFor(t, spec);
    const first = await invoker.invoke('{}');
    assert.equal(first.status, 'crashed', first.outputText);
    assert.match(first.error?.errorMessage ?? '', /exited with code 3/);
    const second = await invoker.invoke('{}');
    assert.equal(second.status, 'crashed');
    assert.equal(second.coldStart, true);
  });

  void test('RT-1: an event that does not fit the parameter type fails clearly, naming the type', async (t) => {
    const classes = await compileJava({ 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
    const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Results.number' });
    const result = await invokerFor(t, spec).invoke('{"not": "a number"}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'InvalidEvent');
    assert.match(result.error?.errorMessage ?? '', /could not be mapped to java\.lang\.Integer .*demo\.Results\.number.*expected java\.lang\.Integer but the JSON has an object/);
  });

  void test('the handler class is created once per instance and reused on the warm JVM; the initializer runs once, on that same object', async (t) => {
    const classes = await compileJava({
      'demo/Counter.java': `package demo;
import com.huawei.services.runtime.Context;
public class Counter {
    static int created;
    int inits, calls;
    public Counter() { created++; }
    public void init(Context c) { inits++; }
    public String handle(String e, Context c) { return created + "/" + inits + "/" + (++calls); }
}`, ...sdkSources('huawei'),
    });
    const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Counter.handle', initializer: 'demo.Counter.init' });
    const invoker = invokerFor(t, spec);
    const outputs = [];
    for (let i = 0; i < 3; i++) outputs.push((await invoker.invoke('{}')).outputText);
    assert.deepEqual(outputs, ['1/1/1', '1/1/2', '1/1/3']);
  });
});
