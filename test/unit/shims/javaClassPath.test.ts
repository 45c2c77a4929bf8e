// The Java shim's class path, handler errors, initializer failures, its compile cache and the
// function's offline build (builtin-runtimes.md §2; contract PKG-4, INV-7).
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { invokerFor, logText, makeFunction } from './harness';
import { compileJava, javaFunction, makeJar, ownUserData, sdkSources } from './javaHarness';

// The compiled shim goes to a user data folder of this file's own.
ownUserData();

void describe('Java shim: class path and handler errors', () => {
  const HELLO = `package demo.app;
import com.huawei.services.runtime.Context;
public class Hello {
    public String handle(String e, Context c) { return "hello " + demo.lib.Util.name(); }
    String hidden(String e, Context c) { return ""; }
    public String three(String e, Context c, int x) { return ""; }
    public String other(String e) { return ""; }
}`;
  const UTIL = 'package demo.lib;\npublic class Util { public static String name() { return "from lib"; } }\n';

  void test('PKG: the class path is every JAR at the root, every JAR in lib/, and the root as a classes folder', async (t) => {
    const app = await compileJava({ 'demo/app/Hello.java': HELLO, 'demo/lib/Util.java': UTIL, ...sdkSources('huawei') });
    for (const layout of ['root+lib', 'classes-folder']) {
      const spec = await makeFunction(t, {}, { runtime: 'Java11', handler: 'demo.app.Hello.handle' });
      if (layout === 'root+lib') {
        makeJar(app, path.join(spec.codeDir, 'app.jar'), ['com/', 'demo/lib/']);
        makeJar(app, path.join(spec.codeDir, 'lib', 'util.jar'), ['com/', 'demo/app/']);
      } else {
        cpSync(path.join(app, 'demo'), path.join(spec.codeDir, 'demo'), { recursive: true });
      }
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.outputText, 'hello from lib', `${layout}: ${logText(result)}`);
    }
  });

  const errors: [string, RegExp][] = [
    ['demo.app.Missing.handle', /handler demo\.app\.Missing\.handle not found: no class demo\.app\.Missing in .*app\.jar, .*\(classes folder\)/],
    ['demo.app.Hello.nope', /class demo\.app\.Hello has no method nope; its public methods: public String handle\(String, Context\), public String other\(String\), public String three\(String, Context, int\)/],
    ['demo.app.Hello.hidden', /demo\.app\.Hello\.hidden is not public: demo\.app\.Hello declares String hidden\(String, Context\); expected public R hidden\(Event event, Context context\)/],
    ['demo.app.Hello.three', /demo\.app\.Hello\.three has the wrong number of parameters: demo\.app\.Hello declares public String three\(String, Context, int\)/],
    ['demo.app.Hello.other', /demo\.app\.Hello\.other has the wrong number of parameters: demo\.app\.Hello declares public String other\(String\); expected public R other\(Event event, Context context\)/],
  ];
  for (const [handler, message] of errors) {
    void test(`PKG-4: handler ${handler.split('.').pop()}: a clear error naming the class and the signatures found`, async (t) => {
      const app = await compileJava({ 'demo/app/Hello.java': HELLO, 'demo/lib/Util.java': UTIL, ...sdkSources('huawei') });
      const spec = await makeFunction(t, {}, { runtime: 'Java8', handler });
      makeJar(app, path.join(spec.codeDir, 'app.jar'), ['com/']);
      const result = await invokerFor(t, spec).invoke('{}');
      assert.equal(result.status, 'error');
      assert.equal(result.error?.errorType, 'HandlerNotFound', result.outputText);
      assert.match(result.error?.errorMessage ?? '', message);
    });
  }

  void test('PKG-4: a handler not in package.Class.method form is a pre-flight error', async (t) => {
    const spec = await makeFunction(t, {}, { runtime: 'Java8', handler: 'handleRequest' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.error?.errorType, 'PreflightError');
    assert.match(result.error?.errorMessage ?? '', /not in the form package\.Class\.method/);
  });

  void test('INV-7: a failing initializer fails every invocation with its message', async (t) => {
    const classes = await compileJava({
      'demo/Init.java': `package demo;
import com.huawei.services.runtime.Context;
public class Init {
    public void init(Context c) { throw new RuntimeException("database unreachable"); }
    public void slow(Context c) throws Exception { Thread.sleep(30000); }
    public String handle(String e, Context c) { return "ok"; }
}`, ...sdkSources('huawei'),
    });
    const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Init.handle', initializer: 'demo.Init.init' });
    const invoker = invokerFor(t, spec);
    for (const attempt of [1, 2]) {
      const result = await invoker.invoke('{}');
      assert.equal(result.status, 'error', `attempt ${attempt}`);
      assert.equal(result.error?.errorMessage, 'Initializer demo.Init.init failed: database unreachable');
    }
    const slow = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Init.handle', initializer: 'demo.Init.slow', initializerTimeout: 1, timeout: 10 });
    const started = Date.now();
    const result = await invokerFor(t, slow).invoke('{}');
    assert.equal(result.error?.errorType, 'InitializerTimeout', result.outputText);
    assert.match(result.error?.errorMessage ?? '', /Initializer demo\.Init\.slow failed: timed out after 1 s/);
    assert.ok(Date.now() - started < 8000);
  });
});

