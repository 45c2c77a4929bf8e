// The Java shim's cost (issue 12): its one-time compile with javac; cold start of a hello handler
// through the shim (spawn to result) against a bare `java -cp <jar> Main` that prints and exits;
// warm invocations against a Java bootstrap doing the same runtime-API calls with HttpURLConnection,
// the two measured side by side in interleaved rounds (shims.bench.ts's method).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveInterpreter } from '../src/core/invoke';
import { findJavac, forgetJavaShim, javaShim } from '../src/core/java/shim';
import type { Figure } from './run';
import { coldStart, load, median, spawnWall, warmSideBySide, writeFunction } from './shims.bench';

const COLD_STARTS = 10;
const COMPILES = 3;

const HELLO = `package bench;
import com.huawei.services.runtime.Context;
import java.util.Collections;
import java.util.Map;
public class Hello {
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Collections.<String, Object>singletonMap("hello", event.get("name"));
    }
}
`;
const MAIN = 'public class Main { public static void main(String[] a) { System.out.println("hello"); } }\n';
// A hand-written Java custom runtime as users write them (HttpURLConnection keeps the connection
// alive by itself): what the shim does, minus the Context, the class loading and the error handling.
const RAW_BOOTSTRAP = `import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
public class RawBootstrap {
    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0;) out.write(buf, 0, n);
        in.close();
        return out.toByteArray();
    }
    public static void main(String[] args) throws Exception {
        String base = "http://" + System.getenv("RUNTIME_API_ADDR") + "/v1/runtime/invocation/";
        while (true) {
            HttpURLConnection get = (HttpURLConnection) new URL(base + "request").openConnection();
            String id = get.getHeaderField("X-Cff-Request-Id");
            String event = new String(read(get.getInputStream()), StandardCharsets.UTF_8);
            int at = event.indexOf("\\"name\\":\\"") + 8;
            String name = event.substring(at, event.indexOf('"', at));
            byte[] body = ("{\\"hello\\":\\"" + name + "\\"}").getBytes(StandardCharsets.UTF_8);
            HttpURLConnection post = (HttpURLConnection) new URL(base + "response/" + id).openConnection();
            post.setRequestMethod("POST");
            post.setDoOutput(true);
            post.setFixedLengthStreamingMode(body.length);
            OutputStream out = post.getOutputStream();
            out.write(body);
            out.close();
            read(post.getInputStream());
        }
    }
}
`;

export default async function bench(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-java-bench-'));
  const savedUserData = process.env.FGTK_USER_DATA;
  try {
    const java = (await resolveInterpreter('Java17'))?.path;
    const javac = java && (await findJavac(java));
    if (!java || !javac) return [{ name: 'Java benchmarks skipped: no JDK (javac) on this machine', value: 0, unit: '' }];

    // The shim's one-time compile, each time into an empty user data folder.
    const compiles: number[] = [];
    for (let i = 0; i < COMPILES; i++) {
      process.env.FGTK_USER_DATA = path.join(root, `user-data-${i}`);
      forgetJavaShim();
      compiles.push((await javaShim(javac)).compiledMs ?? NaN);
    }
    const shim = await javaShim(javac);

    // One JAR with the handler, the bare Main and the raw bootstrap, compiled against the shim's SDK copy.
    const src = path.join(root, 'src');
    for (const [file, text] of Object.entries({ 'bench/Hello.java': HELLO, 'Main.java': MAIN, 'RawBootstrap.java': RAW_BOOTSTRAP })) {
      mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
      writeFileSync(path.join(src, file), text);
    }
    const classes = path.join(root, 'classes');
    execFileSync(javac, ['--release', '8', '-Xlint:-options', '-cp', shim.sdk, '-d', classes, ...['bench/Hello.java', 'Main.java', 'RawBootstrap.java'].map((f) => path.join(src, f))]);
    const jar = path.join(root, 'bench.jar');
    execFileSync(path.join(path.dirname(javac), 'jar'), ['cf', jar, '-C', classes, 'bench', '-C', classes, 'Main.class', '-C', classes, 'RawBootstrap.class']);

    mkdirSync(path.join(root, 'shim-java'));
    const shimFn = await load(writeFunction(root, 'shim-java', {}, 'Java17', 'bench.Hello.handle'));
    copyFileSync(jar, path.join(shimFn.codeDir, 'bench.jar'));
    const rawFn = await load(writeFunction(root, 'raw-java', {
      // The same JVM options as the shim's launch, so that the figures compare the programs.
      bootstrap: `exec ${java} -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -cp ${jar} RawBootstrap\n`,
    }, 'Custom', 'bootstrap'));

    await coldStart(shimFn); // resolve the interpreter and load the spawn library once
    const bare: number[] = [];
    const cold: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      bare.push(await spawnWall(java, ['-cp', jar, 'Main']));
      const c = await coldStart(shimFn);
      cold.push(c.spawnToResult);
      wall.push(c.wall);
    }
    const warm = await warmSideBySide(shimFn, rawFn);
    const us = (ms: number) => ms * 1000;
    return [
      { name: 'Java shim one-time compile (javac --release 8, first use on a machine)', value: median(compiles), unit: 'ms' },
      { name: 'Java cold start, hello handler via shim (spawn to result)', value: median(cold), unit: 'ms', baseline: { name: 'bare java -cp <jar> Main', value: median(bare) }, ratio: median(cold) / median(bare), goal: '<= 1.5x bare spawn' },
      { name: 'Java cold start via shim, whole invoke() call (incl. pre-flight)', value: median(wall), unit: 'ms', baseline: { name: 'bare java -cp <jar> Main', value: median(bare) }, ratio: median(wall) / median(bare) },
      { name: 'Java warm invocation via shim p50 (median of interleaved rounds)', value: us(median(warm.a)), unit: 'us', baseline: { name: 'Java bootstrap on HttpURLConnection p50', value: us(median(warm.b)) }, ratio: median(warm.ratios), goal: '<= 1.2x raw bootstrap' },
      { name: 'Java warm shim/raw ratio, worst round', value: Math.max(...warm.ratios), unit: 'x' },
    ];
  } finally {
    if (savedUserData === undefined) delete process.env.FGTK_USER_DATA;
    else process.env.FGTK_USER_DATA = savedUserData;
    rmSync(root, { recursive: true, force: true });
  }
}
