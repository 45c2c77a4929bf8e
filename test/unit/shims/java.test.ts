// The Java shim end to end: users' unchanged handler JARs, run by the real Invoker through the
// runtime API as `fgtk invoke` and F5 run them (builtin-runtimes.md §2; contract RT-*, INV-*).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertEchoedContext, CREDENTIALS, invokerFor, logText, outputJson, PROJECT, SAMPLES_DIR } from './harness';
import { compileJava, GSON_JAR, javaFunction, ownUserData, sdkSources } from './javaHarness';

// The compiled shim goes to a user data folder of this file's own.
ownUserData();

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

const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+) INFO echo logged$/;

const samples = readdirSync(SAMPLES_DIR).filter((n) => n.endsWith('.json')).sort();

void describe('Java shim: Context, events, results', () => {
  for (const [label, pkg, sdk] of [
    ['Huawei com.huawei.services.runtime (stand-in)', 'com.huawei.services.runtime', 'huawei'],
    ['OpenTelekomCloud com.opentelekomcloud.services.runtime', 'com.opentelekomcloud.services.runtime', 'otc'],
  ] as const) {
    for (const bundled of [false, true]) {
      void test(`RT-1/RT-2/INV-6: ${label}, SDK ${bundled ? 'inside the JAR' : 'left out (provided scope: the shim supplies the interface)'}: every real sample reaches a String handler raw, every Context method answers`, async (t) => {
        const classes = await compileJava({ 'demo/Echo.java': ECHO(pkg), ...sdkSources(sdk) });
        const spec = await javaFunction(t, classes, { runtime: 'Java8', handler: 'demo.Echo.handleRequest', timeout: 7, memory: 512, env: { GREETING: 'hello from the config' } }, { exclude: bundled ? [] : ['com/'] });
        const invoker = invokerFor(t, spec, { credentials: CREDENTIALS, projectId: PROJECT });
        for (const name of bundled || sdk === 'otc' ? samples.slice(0, 3) : samples) {
          const raw = readFileSync(path.join(SAMPLES_DIR, name));
          const result = await invoker.invoke(raw);
          assert.equal(result.status, 'ok', `${name}: ${result.outputText}\n${logText(result)}`);
          const { event, ctx } = outputJson(result) as { event: string; ctx: Record<string, unknown> };
          assert.equal(event, raw.toString('utf8'), `${name}: a String parameter gets the event's text unchanged`);
          assertEchoedContext(ctx, result, name);
          const logged = result.logs.map((l) => LOG_LINE.exec(l.text)).find(Boolean);
          assert.ok(logged, `the logger wrote "<UTC time> <request ID> INFO echo logged"; logs:\n${logText(result)}`);
          assert.equal(logged[1], result.requestId);
        }
      });
    }
  }

  void test('RT-2: without credentials the key getters answer empty strings; the OTC-only methods answer local values', async (t) => {
    const classes = await compileJava({
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
    const classes = await compileJava({
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
    const classes = await compileJava({
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
    mkdirSync(path.join(spec.codeDir, 'lib'));
    cpSync(GSON_JAR!, path.join(spec.codeDir, 'lib', 'gson.jar'));
    const result = await invokerFor(t, spec).invoke('{"name":"fg"}');
    assert.equal(result.status, 'ok', `${result.outputText}\n${logText(result)}`);
    assert.equal(result.outputText, '{"name":"fg!","missing":null,"html":"<b>"}', 'Gson as the platform configures it: nulls kept, no HTML escaping');
  });

});

