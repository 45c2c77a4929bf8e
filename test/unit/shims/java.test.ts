// The Java shim end to end: users' unchanged handler JARs, run by the real Invoker through the
// runtime API as `fgtk invoke` and F5 run them (builtin-runtimes.md §2; contract RT-*, INV-*).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cpuMillicores } from '../../../src/core/invoke';
import { forgetJavaShim, javaShim, javaShimHash } from '../../../src/core/shims/java';
import { invokerFor, logText, makeFunction, outputJson, SAMPLES_DIR, tempDir } from './harness';
import { compileJava, GSON_JAR, HUAWEI_STANDIN, makeJar, sdkSources } from './javaHarness';

// Every test compiles the shim into a user data folder of its own run, never the developer's.
const USER_DATA = path.join(os.tmpdir(), `fgtk-java-userdata-${process.pid}`);
before(() => {
  process.env.FGTK_USER_DATA = USER_DATA;
});
after(() => {
  rmSync(USER_DATA, { recursive: true, force: true });
});

const ECHO = (pkg: string) => `
package demo;

import ${pkg}.Context;
import ${pkg}.RuntimeLogger;
import java.util.LinkedHashMap;
import java.util.Map;

public class Echo {
    public Map<String, Object> handleRequest(String event, Context context) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("getRequestID", context.getRequestID());
        ctx.put("getRemainingTimeInMilliSeconds", context.getRemainingTimeInMilliSeconds());
        ctx.put("getAccessKey", context.getAccessKey());
        ctx.put("getSecretKey", context.getSecretKey());
        ctx.put("getSecurityAccessKey", context.getSecurityAccessKey());
        ctx.put("getSecuritySecretKey", context.getSecuritySecretKey());
        ctx.put("getSecurityToken", context.getSecurityToken());
        ctx.put("getToken", context.getToken());
        ctx.put("getFunctionName", context.getFunctionName());
        ctx.put("getRunningTimeInSeconds", context.getRunningTimeInSeconds());
        ctx.put("getVersion", context.getVersion());
        ctx.put("getMemorySize", context.getMemorySize());
        ctx.put("getCPUNumber", context.getCPUNumber());
        ctx.put("getPackage", context.getPackage());
        ctx.put("getProjectID", context.getProjectID());
        ctx.put("getAlias", context.getAlias());
        ctx.put("getUserData", context.getUserData("GREETING"));
        ctx.put("missingUserData", context.getUserData("NOPE") == null);
        RuntimeLogger log = context.getLogger();
        log.info("echo logged");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event);
        out.put("ctx", ctx);
        return out;
    }
}
`;

const CREDENTIALS = { accessKey: 'AK-test-1', secretKey: 'SK-test-2', authToken: 'token-3', securityToken: 'sts-4' };
const PROJECT = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+) INFO echo logged$/;


const samples = readdirSync(SAMPLES_DIR).filter((n) => n.endsWith('.json')).sort();

/** A function folder holding `jar` (at the root unless `jarPath` says otherwise). */
async function javaFunction(t: import('node:test').TestContext, classes: string, props: Parameters<typeof makeFunction>[2], layout: { jarPath?: string; exclude?: string[]; extraFiles?: Record<string, string> } = {}) {
  const spec = await makeFunction(t, layout.extraFiles ?? {}, props);
  makeJar(classes, path.join(spec.dir, layout.jarPath ?? 'function.jar'), layout.exclude ?? ['com/huawei/', 'com/opentelekomcloud/']);
  return spec;
}

void describe('Java shim: Context, events, results', () => {
  for (const [label, pkg, sdk] of [
    ['Huawei com.huawei.services.runtime (stand-in)', 'com.huawei.services.runtime', 'huawei'],
    ['OpenTelekomCloud com.opentelekomcloud.services.runtime', 'com.opentelekomcloud.services.runtime', 'otc'],
  ] as const) {
    for (const bundled of [false, true]) {
      void test(`RT-1/RT-2/INV-6: ${label}, SDK ${bundled ? 'inside the JAR' : 'left out (provided scope: the shim supplies the interface)'}: every real sample reaches a String handler raw, every Context method answers`, async (t) => {
        const classes = await compileJava(t, { 'demo/Echo.java': ECHO(pkg), ...sdkSources(sdk) });
        const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Echo.handleRequest', timeout: 7, memory: 512, env: { GREETING: 'hello from the config' } }, { exclude: bundled ? [] : ['com/'] });
        const invoker = invokerFor(t, spec, { credentials: CREDENTIALS, projectId: PROJECT });
        for (const name of bundled ? samples.slice(0, 3) : samples) {
          const raw = readFileSync(path.join(SAMPLES_DIR, name));
          const result = await invoker.invoke(raw);
          assert.equal(result.status, 'ok', `${name}: ${result.outputText}\n${logText(result)}`);
          const { event, ctx } = outputJson(result) as { event: string; ctx: Record<string, unknown> };
          assert.equal(event, raw.toString('utf8'), `${name}: a String parameter gets the event's text unchanged`);
          assert.equal(ctx.getRequestID, result.requestId);
          const remaining = ctx.getRemainingTimeInMilliSeconds as number;
          assert.ok(remaining > 0 && remaining <= 7000, `remaining time counts down from the 7 s timeout, got ${remaining}`);
          assert.deepEqual({ ...ctx, getRequestID: undefined, getRemainingTimeInMilliSeconds: undefined }, {
            getRequestID: undefined,
            getRemainingTimeInMilliSeconds: undefined,
            getAccessKey: CREDENTIALS.accessKey,
            getSecretKey: CREDENTIALS.secretKey,
            getSecurityAccessKey: CREDENTIALS.accessKey,
            getSecuritySecretKey: CREDENTIALS.secretKey,
            getSecurityToken: CREDENTIALS.securityToken,
            getToken: CREDENTIALS.authToken,
            getFunctionName: 'echo-fn',
            getRunningTimeInSeconds: 7,
            getVersion: 'latest',
            getMemorySize: 512,
            getCPUNumber: cpuMillicores(512),
            getPackage: 'default',
            getProjectID: PROJECT,
            getAlias: '',
            getUserData: 'hello from the config',
            missingUserData: true,
          }, name);
          const logged = result.logs.map((l) => LOG_LINE.exec(l.text)).find(Boolean);
          assert.ok(logged, `the logger wrote "<UTC time> <request ID> INFO echo logged"; logs:\n${logText(result)}`);
          assert.equal(logged[1], result.requestId);
        }
      });
    }
  }

  void test('RT-2: without credentials the key getters answer empty strings; the OTC-only methods answer local values', async (t) => {
    const classes = await compileJava(t, {
      'demo/Otc.java': `package demo;
import com.opentelekomcloud.services.runtime.Context;
public class Otc {
    public String handle(String e, Context c) {
        c.setState("kept");
        return c.getAccessKey() + "|" + c.getSecurityToken() + "|" + c.getInstanceID().length() + "|" + c.getInvokeID().equals(c.getRequestID()) + "|" + c.getState() + "|" + c.getWorkflowID() + "|" + c.getInvokeProperty();
    }
}`, ...sdkSources('otc'),
    });
    const spec = await javaFunction(t, classes, { runtime: 'Java17', handler: 'demo.Otc.handle' });
    const result = await invokerFor(t, spec).invoke('{}');
    assert.equal(result.outputText, '||36|true|kept||', logText(result));
  });

  void test('RT-1: POJO events are mapped by the shim\'s own mapper (no Gson on the class path): fields, @SerializedName, boxed numbers, lists, maps, arrays, nested objects, enums', async (t) => {
    const classes = await compileJava(t, {
      'demo/Pojo.java': `package demo;
import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.util.*;
public class Pojo {
    public enum Color { RED, @SerializedName("verde") GREEN }
    public static class Item { public String name; int qty; }
    public static class Order {
        @SerializedName(value = "order_id", alternate = {"orderId"}) private String id;
        private Integer count;
        private long big;
        private double price;
        private boolean paid;
        private Boolean gift;
        private List<Item> items;
        private Map<String, Integer> stock;
        private int[] codes;
        private String[] tags;
        private Color color;
        private Color other;
        private Item main;
        private Object raw;
        private transient String skipped = "kept";
    }
    public Order handle(Order o, Context c) {
        o.skipped = null;
        return o;
    }
}`, ...sdkSources('huawei'),
    }, [GSON_JAR ?? '']);
    const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Pojo.handle' });
    const event = {
      orderId: 'A-1', count: 3, big: 12345678901234, price: 9.5, paid: true, gift: null,
      items: [{ name: 'pen', qty: 2 }], stock: { pen: 7 }, codes: [1, 2], tags: ['x'], color: 'verde', other: 'RED',
      main: { name: 'book', qty: 1 }, raw: { any: [1, 'two'] }, skipped: 'ignored', unknown: 1,
    };
    const result = await invokerFor(t, spec).invoke(JSON.stringify(event));
    assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
    assert.deepEqual(outputJson(result), {
      order_id: 'A-1', count: 3, big: 12345678901234, price: 9.5, paid: true, gift: null,
      items: [{ name: 'pen', qty: 2 }], stock: { pen: 7 }, codes: [1, 2], tags: ['x'], color: 'verde', other: 'RED',
      main: { name: 'book', qty: 1 }, raw: { any: [1, 'two'] },
    });
  });

  void test('RT-1/RT-3: with Gson on the class path (lib/), events and results go through Gson (JsonObject parameter)', { skip: !GSON_JAR && 'needs libgoogle-gson-java' }, async (t) => {
    const classes = await compileJava(t, {
      'demo/WithGson.java': `package demo;
import com.google.gson.JsonObject;
import com.huawei.services.runtime.Context;
public class WithGson {
    public JsonObject handle(JsonObject event, Context c) {
        JsonObject out = new JsonObject();
        out.addProperty("name", event.get("name").getAsString() + "!");
        out.add("missing", null);
        out.addProperty("html", "<b>");
        return out;
    }
}`, ...sdkSources('huawei'),
    }, [GSON_JAR!]);
    const spec = await javaFunction(t, classes, { runtime: 'Java11', handler: 'demo.WithGson.handle' });
    mkdirSync(path.join(spec.dir, 'lib'));
    cpSync(GSON_JAR!, path.join(spec.dir, 'lib', 'gson.jar'));
    const result = await invokerFor(t, spec).invoke('{"name":"fg"}');
    assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
    assert.equal(result.outputText, '{"name":"fg!","missing":null,"html":"<b>"}', 'Gson as the platform configures it: nulls kept, no HTML escaping');
  });

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
      const classes = await compileJava(t, { 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
      const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: `demo.Results.${method}` });
      const result = await invokerFor(t, spec).invoke(event);
      assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
      check(result.outputText);
    });
  }

  void test('RT-3/INV-3: an exception becomes {errorMessage, errorType: its class, stackTrace} with the user\'s frames only', async (t) => {
    const classes = await compileJava(t, { 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
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
    const classes = await compileJava(t, { 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
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
    const classes = await compileJava(t, { 'demo/Results.java': RESULTS, ...sdkSources('huawei') });
    const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Results.number' });
    const result = await invokerFor(t, spec).invoke('{"not": "a number"}');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.errorType, 'InvalidEvent');
    assert.match(result.error?.errorMessage ?? '', /could not be mapped to java\.lang\.Integer .*demo\.Results\.number.*expected java\.lang\.Integer but the JSON has an object/);
  });

  void test('the handler class is created once per instance and reused on the warm JVM; the initializer runs once, on that same object', async (t) => {
    const classes = await compileJava(t, {
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
    const app = await compileJava(t, { 'demo/app/Hello.java': HELLO, 'demo/lib/Util.java': UTIL, ...sdkSources('huawei') });
    for (const layout of ['root+lib', 'classes-folder']) {
      const spec = await makeFunction(t, {}, { runtime: 'Java11', handler: 'demo.app.Hello.handle' });
      if (layout === 'root+lib') {
        makeJar(app, path.join(spec.dir, 'app.jar'), ['com/', 'demo/lib/']);
        makeJar(app, path.join(spec.dir, 'lib', 'util.jar'), ['com/', 'demo/app/']);
      } else {
        cpSync(path.join(app, 'demo'), path.join(spec.dir, 'demo'), { recursive: true });
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
      const app = await compileJava(t, { 'demo/app/Hello.java': HELLO, 'demo/lib/Util.java': UTIL, ...sdkSources('huawei') });
      const spec = await makeFunction(t, {}, { runtime: 'Java8', handler });
      makeJar(app, path.join(spec.dir, 'app.jar'), ['com/']);
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
    const classes = await compileJava(t, {
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

void describe('Java shim: compiled once per machine', () => {
  void test('compiled into the user data folder on first use, reused after, compiled again when its sources change', async (t) => {
    const javac = execFileSync('sh', ['-c', 'command -v javac']).toString().trim();
    const sources = path.join(tempDir(t), 'java');
    cpSync(path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'shims', 'files', 'java'), sources, { recursive: true });
    // Sources no other test compiled yet (the hash names the compiled folder).
    writeFileSync(path.join(sources, 'fgtk', 'Json.java'), readFileSync(path.join(sources, 'fgtk', 'Json.java'), 'utf8') + `\n// ${process.hrtime.bigint()}\n`);
    const first = await javaShim(javac, sources);
    assert.ok(first.compiledMs! > 0, 'the first use compiles');
    assert.ok(first.classes.startsWith(USER_DATA), `compiled into the user data folder (${first.classes})`);
    const classFile = path.join(first.classes, 'fgtk', 'Shim.class');
    const major = readFileSync(classFile).readUInt16BE(6);
    assert.equal(major, 52, 'javac --release 8: class files run on Java 8 and up');
    const mtime = statSync(classFile).mtimeMs;
    assert.equal((await javaShim(javac, sources)).compiledMs, undefined, 'this process compiles it once');
    forgetJavaShim(); // as a new process (the CLI after the extension) would
    const again = await javaShim(javac, sources);
    assert.equal(again.compiledMs, undefined);
    assert.equal(again.classes, first.classes);
    assert.equal(statSync(classFile).mtimeMs, mtime, 'reused, not compiled again');
    const oldHash = await javaShimHash(sources);
    writeFileSync(path.join(sources, 'fgtk', 'Shim.java'), readFileSync(path.join(sources, 'fgtk', 'Shim.java'), 'utf8') + '\n// changed\n');
    const changed = await javaShim(javac, sources);
    assert.notEqual(await javaShimHash(sources), oldHash);
    assert.ok(changed.compiledMs! > 0, 'changed sources compile again');
    assert.notEqual(changed.classes, first.classes);
  });

  void test('the Huawei stand-in and the shim\'s own Huawei interfaces have exactly the documented Context methods (RT-2)', () => {
    const contract = readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'docs', 'functiongraph-contract.md'), 'utf8');
    const rt2 = /\*\*RT-2\*\*([^\n]*)/.exec(contract)![1];
    const documented = [...rt2.matchAll(/`(\w+)\(/g)].map((m) => m[1]).sort();
    for (const file of [path.join(HUAWEI_STANDIN, 'com/huawei/services/runtime/Context.java'), path.resolve(__dirname, '..', '..', '..', 'src/core/shims/files/java/sdk/com/huawei/services/runtime/Context.java')]) {
      const declared = [...readFileSync(file, 'utf8').matchAll(/^\s+\w+ (\w+)\(/gm)].map((m) => m[1]).sort();
      assert.deepEqual(declared, documented, file);
    }
  });
});

void describe('Java build: sources newer than the JAR', () => {
  void test('fgtk invoke / F5 rebuild function.jar when a source changed, and a compile error is a build error with file, line and column', async (t) => {
    const { scaffold } = await import('../../../src/core/templates');
    const { loadFunction } = await import('../../../src/core/config');
    const created = await scaffold({ runtime: 'java17', template: 'blank', name: 'rebuilt', folder: tempDir(t) });
    const spec = (await loadFunction(created.dir))!;
    const source = path.join(created.dir, 'src/main/java/com/example/fg/Handler.java');
    const jar = path.join(created.dir, 'function.jar');
    const builtAt = statSync(jar).mtimeMs;

    const first = await invokerFor(t, spec).invoke('{}');
    assert.equal(first.status, 'ok', first.outputText);
    assert.equal(statSync(jar).mtimeMs, builtAt, 'an up-to-date JAR is not rebuilt');
    assert.ok(!first.logs.some((l) => /Built function\.jar/.test(l.text)));

    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(source, readFileSync(source, 'utf8').replace('Hello from FunctionGraph!', 'Hello from the rebuilt JAR'));
    const second = await invokerFor(t, spec).invoke('{}');
    assert.equal(second.status, 'ok', `${second.outputText}\n${logText(second)}`);
    assert.equal((outputJson(second) as { message: string }).message, 'Hello from the rebuilt JAR');
    assert.ok(second.logs.some((l) => /Built function\.jar from src\/main\/java with javac --release 17/.test(l.text)), logText(second));

    writeFileSync(source, readFileSync(source, 'utf8').replace('result.put("event", event);', 'result.put("event", event);\n        undefinedCall();\n        int count = "many";'));
    const broken = await invokerFor(t, spec).invoke('{}');
    assert.equal(broken.status, 'error');
    assert.equal(broken.error?.errorType, 'PreflightError');
    const lines = broken.error!.errorMessage.split('\n');
    assert.match(lines[0], /The Java build failed \(2 error\(s\)\)/);
    assert.deepEqual(lines.slice(1), [
      `${source}:20:9: error: cannot find symbol; symbol:   method undefinedCall(); location: class Handler`,
      `${source}:21:21: error: incompatible types: String cannot be converted to int`,
    ]);
  });
});
