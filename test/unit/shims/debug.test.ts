// The shims under a debugger (the launcher option the debug adapter uses): the Node.js shim waits
// under --inspect (the shim itself waits for the debugger), the Python shim under debugpy, and a missing debugpy is a clear error.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveInterpreter } from '../../../src/core/invoke';
import { nodeShimCommand } from '../../../src/core/invoke/launch/node';
import { pythonShimCommand } from '../../../src/core/invoke/launch/python';
import { freePort } from '../../../src/core/process/ports';
import { tempDir } from './harness';

function start(t: import('node:test').TestContext, command: string, args: string[]): { child: ChildProcess; output: () => string } {
  let output = '';
  // Its own process group, killed as one after the test.
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUNTIME_API_ADDR: '127.0.0.1:9' } });
  child.stdout?.on('data', (d) => { output += d; });
  child.stderr?.on('data', (d) => { output += d; });
  t.after(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return { child, output: () => output };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});

void test('debugging: the Node.js shim starts under --inspect on the given port and waits for a debugger', async (t) => {
  const node = await resolveInterpreter('Node.js18.15');
  assert.ok(node);
  const port = await freePort();
  const launch = nodeShimCommand(node, { kind: 'node', port });
  assert.deepEqual(launch.args.slice(0, 1), [`--inspect=127.0.0.1:${port}`]);
  assert.equal(launch.env.FGTK_STOP_ON_ENTRY, undefined, 'no stopOnEntry unless asked');
  assert.equal(nodeShimCommand(node, { kind: 'node', port, stopOnEntry: true }).env.FGTK_STOP_ON_ENTRY, '1');
  const { output } = start(t, launch.command, launch.args);
  await waitFor('the inspector', () => output().includes(`Debugger listening on ws://127.0.0.1:${port}/`));
});

void test('debugging: the Python shim starts under debugpy, listening on the port with its adapter in the same process', async (t) => {
  // Debian's python3-debugpy (installed by .ci/run) belongs to /usr/bin/python3, which may not be first on PATH.
  const python = await resolveInterpreter('Python3.9', existsSync('/usr/bin/python3') ? { paths: { python: '/usr/bin/python3' } } : undefined);
  assert.ok(python);
  const port = await freePort();
  let launch;
  try {
    launch = pythonShimCommand(python, { kind: 'python', port });
  } catch (err) {
    // debugpy is installed by .ci/run (python3-debugpy) for Debian's python3; another python may lack it.
    t.skip(`debugpy is not importable by ${python.path}: ${(err as Error).message}`);
    return;
  }
  assert.deepEqual(launch.args.slice(-2), [`${port}`, launch.args.at(-1)]);
  assert.equal(path.basename(launch.args.at(-1) ?? ''), 'runtime.py');
  start(t, launch.command, launch.args);
  await waitFor(`debugpy on port ${port}`, () => accepts(port));
});

void test('debugging: a Python without debugpy gets a clear error naming the interpreter and how to install it', async (t) => {
  const real = await resolveInterpreter('Python3.9');
  assert.ok(real);
  // The same interpreter in isolated mode without site-packages: it cannot import debugpy.
  const bare = path.join(tempDir(t), 'python-without-debugpy');
  writeFileSync(bare, `#!/bin/sh\nexec ${real.path} -I -S "$@"\n`, { mode: 0o755 });
  assert.throws(
    () => pythonShimCommand({ ...real, path: bare }, { kind: 'python', port: 5678 }),
    (err: Error) => err.message.includes(`${bare} cannot import`) && /pip install debugpy/.test(err.message) && /python3-debugpy/.test(err.message),
  );
});
