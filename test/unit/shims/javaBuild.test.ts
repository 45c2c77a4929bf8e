// The Java shim compiled once per machine and reused, and the function's offline build when its
// sources are newer than its JAR (builtin-runtimes.md §2).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { forgetJavaShim, javaShim, javaShimHash } from '../../../src/core/java/shim';
import { invokerFor, logText, outputJson, tempDir } from './harness';
import { HUAWEI_STANDIN, ownUserData } from './javaHarness';

// The compiled shim goes to a user data folder of this file's own.
const USER_DATA = ownUserData();

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
