// The one place that starts instance processes. Each runs as the leader of its own process group
// (detached), so that a stop, a timeout, Ctrl+C or our own exit kills the whole tree — including
// grandchildren such as a `sleep` or `curl` started by a shell bootstrap — with one kill(-pgid).
// The watchdog (watchdog.ts) covers the one case no handler of ours can: our own SIGKILL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { t } from '../l10n';
import { escapedDescendants } from './procfs';
import { unwatchGroup, watchGroup } from './watchdog';

export interface GroupOptions {
  cwd: string;
  /** The complete environment; nothing is inherited implicitly. */
  env: Record<string, string>;
}

export interface GroupExit {
  code: number | null;
  signal: string | null;
}

export interface ProcessGroup {
  /** Leader pid, which is also the process group id. */
  readonly pid: number;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves when the leader has exited (the group may still hold other processes until killed). */
  readonly exited: Promise<GroupExit>;
  readonly hasExited: boolean;
  /** Sends `signal` to every process of the group. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM to the group, SIGKILL after `graceMs` if the leader is still there; always ends with a group SIGKILL. */
  stop(graceMs?: number): Promise<GroupExit>;
}

const live = new Set<number>();
/** How long a leader's exit waits for its pipes before it counts as settled. */
const PIPE_DRAIN_MS = 250;
let exitHookInstalled = false;

/** On our own exit (normal, process.exit, or an uncaught error) no group survives us. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllGroupsSync);
}

/** Kills every live group now (synchronous: safe in `exit` handlers and signal handlers). */
export function killAllGroupsSync(): void {
  for (const pgid of live) {
    killGroup(pgid, 'SIGKILL');
    // Killed here; the watchdog, which sees EOF as soon as we are gone, must not kill the number again.
    unwatchGroup(pgid);
  }
  live.clear();
}

function forget(pgid: number): void {
  live.delete(pgid);
  unwatchGroup(pgid);
}

/** kill(-pgid): ESRCH (already gone) is not an error. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone already
  }
}

/** SIGKILL to one process; ESRCH (already gone) is not an error. */
export function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** Number of process groups started here that have not been stopped yet (for tests and diagnostics). */
export function liveGroupCount(): number {
  return live.size;
}

/**
 * Node's own spawn, not execa: this needs a pid, two pipes and the exit and close events, and execa's
 * promise machinery around them cost about 0.8 ms of every cold start (measured), for nothing used here.
 */
export async function startGroup(command: string, args: string[], options: GroupOptions): Promise<ProcessGroup> {
  installExitHook();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env, // the complete environment: nothing of ours is inherited
    detached: true, // setsid(): the child leads a new process group
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const pid = child.pid;
  if (pid === undefined) {
    // Not started (no such file, not executable, a missing cwd): the error event says why.
    const err = await new Promise<Error>((resolve) => child.once('error', resolve));
    // Node names the command for a missing working folder too ("spawn X ENOENT"): say which it was.
    const where = existsSync(options.cwd) ? '' : ` ${t('(the working folder {0} does not exist)', options.cwd)}`;
    throw new Error(`${err.message || command}${where}`);
  }
  child.on('error', () => undefined); // a later error (a failed kill) changes nothing: we kill the group ourselves
  live.add(pid);
  watchGroup(pid);
  let hasExited = false;
  // 'close' comes once the pipes close too, which keeps the last lines of output. A process outside
  // the group that inherited them (debugpy's adapter) could hold them open forever, so the leader's
  // own exit settles it too, after a short grace for the pipes to drain.
  const leaderExit = new Promise<GroupExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const pipesClosed = new Promise<GroupExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const exited: Promise<GroupExit> = Promise.race([
    pipesClosed,
    leaderExit.then((e) => new Promise<GroupExit>((resolve) => setTimeout(() => resolve(e), PIPE_DRAIN_MS).unref())),
  ]).then((e) => {
    hasExited = true;
    return e;
  });
  const group: ProcessGroup = {
    pid,
    stdout: child.stdout!,
    stderr: child.stderr!,
    exited,
    get hasExited() { return hasExited; },
    signal: (sig) => killGroup(pid, sig),
    stop: async (graceMs = 300) => {
      const escaped = await escapedDescendants(pid);
      if (!hasExited) {
        killGroup(pid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
        if (graceMs > 0) {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
          await Promise.race([exited, late]);
          clearTimeout(timer);
        }
      }
      // The leader may be gone while its children (a shell's `sleep`) live on in the group.
      killGroup(pid, 'SIGKILL');
      for (const p of escaped) killPid(p);
      const result = await exited;
      forget(pid);
      return result;
    },
  };
  // A leader that exits on its own may leave members behind; they die with it.
  void exited.then(() => {
    if (live.has(pid)) {
      killGroup(pid, 'SIGKILL');
      forget(pid);
    }
  });
  return group;
}
