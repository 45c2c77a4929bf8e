// The Java shim end to end: users' unchanged handler JARs, run by the real Invoker through the
// runtime API as `fgtk invoke` and F5 run them (builtin-runtimes.md §2; contract RT-*, INV-*).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, cpSync, writeFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cpuMillicores } from '../../../src/core/invoke';
import { javaShim, javaShimHash } from '../../../src/core/shims/java';
import { invokerFor, logText, makeFunction, outputJson, SAMPLES_DIR, tempDir } from './harness';
import { compileJava, GSON_JAR, HUAWEI_STANDIN, makeJar, sdkSources } from './javaHarness';

// Every test compiles the shim into a user data folder of its own run, never the developer's.
const USER_DATA = path.join(os.tmpdir(), `fgtk-java-userdata-${process.pid}`);
before(() => {
  process.env.FGTK_USER_DATA = USER_DATA;
});
after(() => {
  require('node:fs').rmSync(USER_DATA, { recursive: true, force: true });
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

void describe('Java shim: Context and events', () => {
  void test('smoke', async (t) => {
    const classes = await compileJava(t, { 'demo/Echo.java': ECHO('com.huawei.services.runtime') }, [HUAWEI_STANDIN]);
    const spec = await makeFunction(t, {}, { runtime: 'Java11', handler: 'demo.Echo.handleRequest', timeout: 7, memory: 512, env: { GREETING: 'hi' } });
    makeJar(classes, path.join(spec.dir, 'echo.jar'));
    const invoker = invokerFor(t, spec, { credentials: CREDENTIALS, projectId: PROJECT });
    const result = await invoker.invoke('{"a":1}');
    console.log(result.status, result.outputText, logText(result));
  });
});
