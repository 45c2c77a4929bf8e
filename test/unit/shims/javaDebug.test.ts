// Breakpoints in Java handlers: the shim's JVM listens for JDWP on a loopback port and waits
// (suspend=y) until a debugger attaches. Proven with a real JDWP client, the JDK's own jdb, stopping
// at a breakpoint in a handler; the function timeout is paused while it is stopped, as the debug
// adapter pauses it for a child session's "stopped" event.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { invokerFor, logText, makeFunction } from './harness';
import { compileJava, JDB_THREAD_RACE, makeJar, ownUserData, sdkSources } from './javaHarness';

// The compiled shim goes to a user data folder of this file's own.
ownUserData();

const SLOW = `package demo;

import com.huawei.services.runtime.Context;

public class Slow {
    public String handle(String event, Context context) {
        String greeting = "hello " + event;
        return greeting;
    }
}
`;

/** jdb driven through its stdin; `until` waits for text in its output. */
function jdb(t: import('node:test').TestContext, port: number) {
  const child = spawn('jdb', ['-attach', `127.0.0.1:${port}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let output = '';
  const waiters: { re: RegExp; resolve: () => void; fail: () => void }[] = [];
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const w of [...waiters]) if (w.re.test(output)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
    // jdb's event thread is dead after its thread race: nothing more will come, fail now.
    if (JDB_THREAD_RACE.test(output)) for (const w of waiters.splice(0)) w.fail();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    send: (line: string) => child.stdin.write(`${line}\n`),
    until: (re: RegExp, ms = 60_000) => new Promise<void>((resolve, reject) => {
      if (re.test(output)) { resolve(); return; }
      const fail = () => { clearTimeout(timer); reject(new Error(`jdb never printed ${re}; it printed:\n${output}`)); };
      const timer = setTimeout(fail, ms);
      waiters.push({ re, resolve: () => { clearTimeout(timer); resolve(); }, fail });
    }),
    get output() { return output; },
  };
}

void describe('Java shim under JDWP', () => {
  void test('jdb attaches to the waiting JVM, stops at a breakpoint in the handler and reads its variables; the timeout is paused while stopped', async (t) => {
    const classes = await compileJava({ 'demo/Slow.java': SLOW, ...sdkSources('huawei') });
    // One retry, only for jdb's own crash (its output says so); any other failure fails at once.
    for (let attempt = 1; ; attempt++) {
      try {
        await breakInHandler(t, classes);
        return;
      } catch (err) {
        if (attempt >= 2 || !JDB_THREAD_RACE.test((err as Error).message)) throw err;
        t.diagnostic(`jdb crashed on its thread race; trying again: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  });
});

async function breakInHandler(t: import('node:test').TestContext, classes: string): Promise<void> {
  const spec = await makeFunction(t, {}, { runtime: 'Java8', handler: 'demo.Slow.handle', timeout: 3 });
  makeJar(classes, path.join(spec.codeDir, 'slow.jar'), ['com/']);
  const invoker = invokerFor(t, spec, { debug: { kind: 'java', port: 0 } });
  const listening = new Promise<number>((resolve) => invoker.on('debug-listening', (info) => {
    assert.equal(info.host, '127.0.0.1', 'JDWP listens on loopback only');
    resolve(info.port);
  }));
  const result = invoker.invoke('"world"');
  const debuggerClient = jdb(t, await listening);
  await debuggerClient.until(/Initializing jdb|>/);
  debuggerClient.send('stop at demo.Slow:8');
  await debuggerClient.until(/Deferring breakpoint demo\.Slow:8|Set breakpoint demo\.Slow:8/);
  debuggerClient.send('resume');
  await debuggerClient.until(/Breakpoint hit: .*demo\.Slow\.handle\(\), line=8/);
  // As the debug adapter does on a "stopped" event: the time at the breakpoint is not the function's.
  invoker.pauseTimeout();
  debuggerClient.send('print greeting');
  await debuggerClient.until(/greeting = "hello "world""/);
  await new Promise((r) => setTimeout(r, 4000)); // longer than the 3 s timeout
  invoker.resumeTimeout();
  debuggerClient.send('cont');
  const r = await result;
  assert.equal(r.status, 'ok', `${r.outputText}\n${logText(r)}\njdb:\n${debuggerClient.output}`);
  assert.equal(r.outputText, 'hello "world"');
}
