// Breakpoints in a Java handler over real DAP: the adapter starts the shim's JVM under JDWP and asks
// its client for a `java` child session. Here the client has no Java Debugger extension, as VS Code
// without it: the Debug Console names the extension and the port, and a JDWP debugger attached by
// hand (the JDK's jdb) stops in the handler; the timeout is off while it holds the JVM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { scaffold } from '../../src/core/templates';
import { JDB_THREAD_RACE } from '../unit/shims/javaHarness';
import { launch, startAdapter, withTimeout } from './helpers';

void describe('Java handler under JDWP (child session)', () => {
  let root: string;
  let dir: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'fgtk-dap-java-'));
    process.env.FGTK_USER_DATA = path.join(root, 'user-data');
    dir = (await scaffold({ runtime: 'java8', template: 'blank', name: 'javafn', folder: root, timeoutS: 3 })).dir;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  void test('startChild asks for a java session; stopOnEntry says it does not apply; without the Java Debugger the console says what to install and where jdb attaches; jdb stops in the handler past the 3 s timeout', async (t) => {
    const h = await startAdapter();
    try {
      const childEvent = h.dc.waitForEvent('functiongraph.startChild', 60_000);
      await launch(h, { type: 'functiongraph', request: 'launch', name: 'java', function: dir, stopOnEntry: true, __fgtk: { childSessions: true } });
      const child = (await withTimeout(childEvent, 60_000, 'the functiongraph.startChild event')).body as { kind: string; host: string; port: number; functionName: string };
      assert.equal(child.kind, 'java');
      assert.equal(child.host, '127.0.0.1');
      assert.equal(child.functionName, 'javafn');

      await h.waitForOutput(/stopOnEntry does not apply to Java handlers: .* Set a breakpoint on the first line of your handler instead\./);
      // What the extension answers when vscjava.vscode-java-debug is not installed.
      await h.dc.customRequest('childAttached', { attachByHand: 'vscjava.vscode-java-debug' });
      await h.waitForOutput(/"Debugger for Java" extension \(vscjava\.vscode-java-debug\)/);
      await h.waitForOutput(new RegExp(`attach any JDWP debugger there \\(for example: jdb -attach 127\\.0\\.0\\.1:${child.port}\\)`));

      const jdb = spawn('jdb', ['-attach', `127.0.0.1:${child.port}`], { stdio: ['pipe', 'pipe', 'pipe'] });
      t.after(() => { if (jdb.exitCode === null) jdb.kill('SIGKILL'); });
      let out = '';
      const onOutput = (resolve: () => void) => (d: Buffer) => {
        out += d.toString();
        // jdb (OpenJDK 17) may die of its own race while printing the stop (a breakpoint hit on a
        // thread it has not registered yet): the VM did stop at the breakpoint, only jdb cannot say so.
        if (/Breakpoint hit: .*com\.example\.fg\.Handler\.handleRequest/.test(out) || JDB_THREAD_RACE.test(out)) resolve();
      };
      const hit = new Promise<void>((resolve) => {
        jdb.stdout.on('data', onOutput(resolve));
        jdb.stderr.on('data', onOutput(resolve));
      });
      jdb.stdin.write('stop in com.example.fg.Handler.handleRequest\nresume\n');
      await withTimeout(hit, 60_000, 'jdb stopping in the handler').catch((err: Error) => { throw new Error(`${err.message}; jdb printed:\n${out}`); });
      await new Promise((r) => setTimeout(r, 4000)); // longer than the function's 3 s timeout
      // Then detach: a JDWP debugger leaving resumes the VM and drops its requests, whatever state
      // jdb's own event thread is in (after its race, nothing would answer the next class-prepare stop).
      jdb.stdin.write('resume\nexit\n');
      // After its race jdb may hang on exit with the VM suspended at the breakpoint it can no longer
      // report; its process going away closes the JDWP connection all the same, which resumes the VM.
      const exited = new Promise((r) => (jdb.exitCode !== null ? r(undefined) : jdb.once('exit', r)));
      await withTimeout(exited, 5_000, 'jdb exiting').catch(() => jdb.kill('SIGKILL'));
      await h.waitForOutput(/^REPORT RequestId:/, 60_000).catch((err: Error) => { throw new Error(`${err.message}\njdb printed:\n${out}`); });
      const text = h.text();
      assert.match(text, /Hello from FunctionGraph!/);
      assert.doesNotMatch(text, /ERROR \(timeout\)/);
      assert.doesNotMatch(text, /Listening for transport dt_socket/, 'the JVM\'s JDWP banner is not shown as the function\'s output');
    } finally {
      await h.close();
    }
  });
});
