// Debug launch option used by the debug adapter: the Node.js shim under --inspect on a free port.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import { describe, it } from 'node:test';
import { Invoker } from '../../../src/core/invoke';
import { alive, canImportDebugpy, eventually, liveGroupMembers, PYTHON_WITH_DEBUGPY, tempFunction } from './helpers';


/** Pids whose command line contains every one of `parts` (debugpy's adapter names our unique port). */
function processesWith(parts: string[]): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      return parts.every((p) => cmd.includes(p)) && alive(pid);
    } catch {
      return false;
    }
  });
}

void describe('debug launch', () => {
  void it('debug node: the shim waits under the inspector and announces host and port', async () => {
    const fn = await tempFunction({
      'index.js': 'exports.handler = async (event) => event;\n',
      'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  d:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: d\n      Handler: index.handler\n      Runtime: Node.js20.15\n',
    });
    const inv = new Invoker(await fn.spec(), { debug: { kind: 'node' } });
    try {
      const listening = new Promise<{ kind: string; host: string; port: number }>((resolve) => inv.on('debug-listening', resolve));
      let pid = 0;
      inv.on('instance-start', (i) => { pid = i.pid; });
      const result = inv.invoke('{}'); // stays pending: the shim waits for a debugger
      const info = await listening;
      assert.equal(info.kind, 'node');
      assert.equal(info.host, '127.0.0.1');
      assert.equal(info.port > 0, true);
      // The inspector answers its HTTP discovery endpoint on that port.
      const targets = await new Promise<string>((resolve, reject) => {
        http.get({ host: info.host, port: info.port, path: '/json/list' }, (res) => {
          let body = '';
          res.on('data', (c) => { body += c; });
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      assert.match(targets, /webSocketDebuggerUrl/);
      await inv.dispose();
      assert.equal((await result).error?.errorType, 'Disposed');
      assert.equal(await eventually(() => liveGroupMembers(pid).length === 0), true);
    } finally {
      await inv.dispose();
      await fn.cleanup();
    }
  });

  void it('a debuggee that never listens (and never asks for an event) is given up with a message, not waited on forever', async () => {
    // Under a debugger the init timeout is off; before, the session then waited silently for ever.
    const fn = await tempFunction({ bootstrap: '#!/bin/sh\nexec sleep 600\n' });
    const inv = new Invoker(await fn.spec(), { debug: { kind: 'custom', port: 0, listenLimitMs: 1500 } });
    try {
      const logs: string[] = [];
      inv.on('log', (l) => logs.push(l.text));
      let pid = 0;
      inv.on('instance-start', (i) => { pid = i.pid; });
      const result = await inv.invoke('{}');
      assert.equal(result.status, 'crashed', JSON.stringify(result.error));
      assert.ok(logs.some((l) => /No debugger started listening on 127\.0\.0\.1:\d+ within 2 s/.test(l)), logs.join('\n'));
      assert.equal(await eventually(() => liveGroupMembers(pid).length === 0), true, 'the instance is stopped');
    } finally {
      await inv.dispose();
      await fn.cleanup();
    }
  });

  void it('debug python: without interpreter settings, the shim waits under debugpy from a Python that has it; dispose leaves nothing', { skip: PYTHON_WITH_DEBUGPY ? false : 'no local python3 can import debugpy (apt-get install python3-debugpy)' }, async (t) => {
    const fn = await tempFunction({
      'index.py': 'def handler(event, context):\n    return event\n',
      'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  p:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: p\n      Handler: index.handler\n      Runtime: Python3.9\n',
    });
    const inv = new Invoker(await fn.spec(), { debug: { kind: 'python' } });
    const stray: number[] = [];
    t.after(async () => {
      await inv.dispose();
      for (const pid of stray) if (alive(pid)) process.kill(pid, 'SIGKILL');
      await fn.cleanup();
    });
    const notes: string[] = [];
    inv.on('log', (l) => { if (l.stream === 'emulator') notes.push(l.text); });
    let started = { pid: 0, command: '' };
    inv.on('instance-start', (i) => { started = i; });
    const listening = new Promise<{ kind: string; host: string; port: number }>((resolve) => inv.on('debug-listening', resolve));
    const result = inv.invoke('{}'); // stays pending: debugpy.wait_for_client() waits for a debugger
    const info = await listening;
    assert.equal(info.kind, 'python');
    assert.equal(canImportDebugpy(started.command), true, `${started.command} can import debugpy`);
    const runtimeNote = notes.find((n) => n.startsWith('Runtime Python3.9 → '));
    assert.ok(runtimeNote?.includes(` → ${started.command} `), notes.join('\n'));
    // Every process serving the debug port belongs to the instance: `-m debugpy --listen` would start its
    // adapter as a daemon in a session of its own, left waiting for ever when the debuggee dies early.
    const serving = processesWith(['debugpy', `${info.port}`]);
    stray.push(...serving.filter((pid) => !liveGroupMembers(started.pid).includes(pid)));
    assert.deepEqual(stray, [], 'no debugpy process outside the instance\'s process group');
    assert.equal(serving.length > 0, true, 'the debuggee serves the announced port');
    await inv.dispose();
    assert.equal((await result).error?.errorType, 'Disposed');
    assert.equal(await eventually(() => liveGroupMembers(started.pid).length === 0), true);
    assert.deepEqual(processesWith(['debugpy', `${info.port}`]), [], 'nothing is left serving the port');
  });
});

