// Never an orphan, even when our own process is SIGKILLed: the watchdog (one /bin/sh per host
// process) kills the instances' process groups when the host's pipe reaches EOF. Real processes
// throughout; every pid is tracked precisely (never killed by name).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { Invoker } from '../../../src/core/invoke';
import { watchdogList, watchdogPid, watchdogStarted } from '../../../src/core/process';
import { alive, eventually, fixture, pgidOf, REPO, tempFunction } from '../invoke/helpers';

const HOST = path.join(__dirname, 'watchdogHost.ts');

/** A bootstrap that leaves a grandchild (`sleep 300 &`), records its pid, then waits on the runtime API. */
const GRANDCHILD_BOOTSTRAP = `#!/bin/sh
sleep 300 &
echo $! > grandchild.tmp && mv grandchild.tmp grandchild.pid
curl -sS -o /dev/null "http://$RUNTIME_API_ADDR/v1/runtime/invocation/request"
wait
`;

/** A bootstrap that leaves a double-forked daemon (reparented, a session of its own), then waits on the runtime API. */
const DAEMON_BOOTSTRAP = `#!/bin/sh
( setsid sleep 300 >/dev/null 2>&1 & echo $! > daemon.tmp && mv daemon.tmp daemon.pid )
curl -sS -o /dev/null "http://$RUNTIME_API_ADDR/v1/runtime/invocation/request"
sleep 300
`;

interface Host {
  child: ChildProcess;
  /** Resolves with the value of `key` once the host printed it. */
  value: (key: string, ms?: number) => Promise<string>;
  closed: Promise<number | null>;
}

/** Starts watchdogHost.ts in its own process group; kills what it leaves if the test fails. */
function startHost(t: TestContext, dir: string, mode: 'hang' | 'normal'): Host {
  const child = spawn(process.execPath, ['--import', 'tsx', HOST, dir, mode], { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const values = new Map<string, string>();
  let text = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    text += d.toString();
    let nl: number;
    while ((nl = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, nl);
      text = text.slice(nl + 1);
      const sp = line.indexOf(' ');
      values.set(line.slice(0, sp), line.slice(sp + 1));
    }
  });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const instance = Number(values.get('instance'));
    if (instance > 0 && pgidOf(instance) === instance) killQuietly(-instance);
    const watchdog = Number(values.get('watchdog'));
    if (watchdog > 0 && alive(watchdog)) killQuietly(watchdog);
  });
  const value = async (key: string, ms = 20_000): Promise<string> => {
    const ok = await eventually(() => values.has(key) || values.has('error'), ms);
    if (values.has('error')) throw new Error(`host failed: ${values.get('error')}\n${stderr}`);
    if (!ok) throw new Error(`the host did not report "${key}" within ${ms} ms; stderr:\n${stderr}`);
    return values.get(key)!;
  };
  return { child, value, closed };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

async function grandchildOf(t: TestContext, dir: string): Promise<number> {
  const file = path.join(dir, 'grandchild.pid');
  assert.equal(await eventually(() => existsSync(file), 20_000), true, 'the bootstrap started its grandchild');
  const pid = Number(readFileSync(file, 'utf8').trim());
  t.after(() => { if (alive(pid)) killQuietly(pid); });
  assert.equal(alive(pid), true, `grandchild ${pid} runs`);
  return pid;
}

void describe('watchdog: no orphan when the host dies without cleaning up', () => {
  for (const how of ['SIGKILL to the host', 'SIGINT to the host\'s process group (Ctrl+C)'] as const) {
    void it(`${how}: the bootstrap and its grandchild are killed, then the watchdog exits`, async (t) => {
      const fn = await tempFunction({ bootstrap: GRANDCHILD_BOOTSTRAP, 'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  w:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: w\n      Handler: bootstrap\n      Runtime: Custom\n      Timeout: 120\n' });
      t.after(() => fn.cleanup());
      const host = startHost(t, fn.dir, 'hang');
      const instance = Number(await host.value('instance'));
      const watchdog = Number(await host.value('watchdog'));
      const listed = JSON.parse(await host.value('listed')) as number[];
      const grandchild = await grandchildOf(t, fn.dir);
      assert.equal(instance > 0 && watchdog > 0, true, `instance ${instance}, watchdog ${watchdog}`);
      assert.deepEqual(listed, [instance], 'the watchdog holds exactly the live instance group');
      assert.equal(pgidOf(grandchild), instance, 'the grandchild is in the instance group');
      assert.equal(pgidOf(watchdog), watchdog, 'the watchdog leads its own process group');
      assert.notEqual(pgidOf(watchdog), pgidOf(host.child.pid!), 'the watchdog is not in the host\'s group');

      if (how === 'SIGKILL to the host') process.kill(host.child.pid!, 'SIGKILL');
      else process.kill(-host.child.pid!, 'SIGINT');
      await host.closed;
      assert.equal(await eventually(() => !alive(instance) && !alive(grandchild), 5000), true,
        `bootstrap ${instance} ${alive(instance) ? 'survived' : 'died'}, grandchild ${grandchild} ${alive(grandchild) ? 'survived' : 'died'}`);
      assert.equal(await eventually(() => !alive(watchdog), 5000), true, 'the watchdog exits after the host is gone');
    });
  }

  void it('SIGKILL to the host: a daemon the instance double-forked (out of the group and its parent chain) is killed too, by its TMPDIR', async (t) => {
    const fn = await tempFunction({ bootstrap: DAEMON_BOOTSTRAP, 'template.yml': 'HcCrmTemplateVersion: v2\nResources:\n  d:\n    Type: HC::Serverless::Function\n    Properties:\n      Name: d\n      Handler: bootstrap\n      Runtime: Custom\n      Timeout: 120\n' });
    t.after(() => fn.cleanup());
    const host = startHost(t, fn.dir, 'hang');
    const instance = Number(await host.value('instance'));
    await host.value('listed');
    const file = path.join(fn.dir, 'daemon.pid');
    assert.equal(await eventually(() => existsSync(file), 20_000), true, 'the bootstrap started its daemon');
    const daemon = Number(readFileSync(file, 'utf8').trim());
    t.after(() => { if (alive(daemon)) killQuietly(daemon); });
    assert.equal(alive(daemon), true);
    // The pid is written as the background job starts, before it has run setsid: wait for that.
    assert.equal(await eventually(() => { const g = pgidOf(daemon); return g !== undefined && g !== instance; }, 5000), true, 'the daemon left the instance group');
    process.kill(host.child.pid!, 'SIGKILL');
    await host.closed;
    assert.equal(await eventually(() => !alive(daemon), 5000), true, `daemon ${daemon} survived the host`);
  });

  void it('normal exit: dispose() leaves no watchdog entries, the host ends on its own and the watchdog exits with it', async (t) => {
    const host = startHost(t, (await fixture('bash-echo')).codeDir, 'normal');
    const instance = Number(await host.value('instance'));
    const watchdog = Number(await host.value('watchdog'));
    assert.equal(await host.value('status'), 'ok');
    assert.deepEqual(JSON.parse(await host.value('listed')), [instance]);
    assert.deepEqual(JSON.parse(await host.value('listed-after-dispose')), [], 'a disposed group is removed from the watchdog');
    // No process.exit() in the host: an unref'd watchdog lets it end when its work is done.
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([host.closed, new Promise<string>((r) => { timer = setTimeout(() => r('still running'), 15_000); })]);
    clearTimeout(timer);
    assert.equal(code, 0, 'the host ended by itself');
    assert.equal(await eventually(() => !alive(watchdog), 5000), true, 'the watchdog saw EOF and exited');
    assert.equal(alive(instance), false);
  });
});

void describe('watchdog in this process', () => {
  void it('lists a live instance, restarts if killed, and is empty after dispose()', async (t) => {
    const inv = new Invoker(await fixture('bash-echo'));
    t.after(() => inv.dispose());
    let pid = 0;
    inv.on('instance-start', (i) => { pid = i.pid; });
    const r = await inv.invoke('{"a":1}');
    assert.equal(r.status, 'ok', r.outputText);
    const first = await watchdogStarted();
    assert.ok(first, 'a watchdog runs once an instance started');
    assert.deepEqual(await watchdogList(), [pid]);

    // Someone kills the watchdog: a new one takes over the live groups.
    process.kill(first, 'SIGKILL');
    assert.equal(await eventually(() => (watchdogPid() ?? first) !== first, 5000), true, 'a new watchdog started');
    const second = watchdogPid()!;
    t.after(() => { if (alive(second) && watchdogPid() !== second) killQuietly(second); });
    assert.deepEqual(await watchdogList(), [pid]);

    await inv.dispose();
    assert.deepEqual(await watchdogList(), [], 'no entry outlives its group');
  });
});
