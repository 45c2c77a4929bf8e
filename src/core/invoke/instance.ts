// One running instance of a function: its process group, its output split into lines, its memory
// sampler and its private temp folder. The supervisor (supervisor.ts) starts and stops it and says
// when it is ready; the invoker decides what the lines and the exit mean.
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemorySampler } from '../process/memorySampler';
import { killPid, startGroup, type GroupExit, type ProcessGroup } from '../process/processGroup';
import { commandLineOf, processesWithEnv } from '../process/procfs';
import { unwatchMarker, watchMarker } from '../process/watchdog';
import { LineSplitter } from './lineSplitter';
import type { LaunchCommand } from './types';
import { t } from '../l10n';

export interface InstanceHooks {
  onLine: (stream: 'stdout' | 'stderr', text: string) => void;
  onExit: (exit: GroupExit) => void;
  onMemorySample?: (sumKB: number) => void;
}

const LAST_LINES = 20;
const DEBUGPY_ADAPTER = /\bdebugpy[/\\]adapter\b/;

export class Instance {
  /** performance.now() just before the spawn. */
  readonly spawnedAt: number;
  private ready: number | undefined;
  private exited: GroupExit | undefined;
  private stopped = false;
  readonly lastLines: string[] = [];
  readonly sampler: MemorySampler;
  private readonly out: LineSplitter;
  private readonly err: LineSplitter;

  private constructor(readonly group: ProcessGroup, readonly launch: LaunchCommand, readonly tmpDir: string, spawnedAt: number, hooks: InstanceHooks, sampleEveryMs: number) {
    this.spawnedAt = spawnedAt;
    const line = (stream: 'stdout' | 'stderr') => (text: string) => {
      this.lastLines.push(text);
      if (this.lastLines.length > LAST_LINES) this.lastLines.shift();
      hooks.onLine(stream, text);
    };
    this.out = new LineSplitter(line('stdout'));
    this.err = new LineSplitter(line('stderr'));
    group.stdout.on('data', (c: Buffer) => this.out.push(c));
    group.stderr.on('data', (c: Buffer) => this.err.push(c));
    this.sampler = new MemorySampler(group.pid, sampleEveryMs, hooks.onMemorySample);
    this.sampler.start();
    void group.exited.then(async (exit) => {
      // Let the pipes drain so the last words of a crash are in the log.
      await Promise.all([streamEnd(group.stdout), streamEnd(group.stderr)]);
      this.out.flush();
      this.err.flush();
      this.exited = exit;
      this.sampler.stop();
      hooks.onExit(exit);
    });
  }

  static async start(launch: LaunchCommand, cwd: string, env: Record<string, string>, tmpDir: string, hooks: InstanceHooks, sampleEveryMs: number): Promise<Instance> {
    const spawnedAt = performance.now();
    const group = await startGroup(launch.command, launch.args, { cwd, env });
    // Should we die before stop(), the watchdog ends what carries this instance's TMPDIR.
    watchMarker(`TMPDIR=${tmpDir}`);
    return new Instance(group, launch, tmpDir, spawnedAt, hooks, sampleEveryMs);
  }

  /** Synchronous: one mkdir in the temp folder costs microseconds, a thread-pool round trip more, on every cold start. */
  static makeTmpDir(): string {
    return mkdtempSync(path.join(os.tmpdir(), 'fgtk-instance-'));
  }

  get pid(): number {
    return this.group.pid;
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** How it ended, once it did. */
  get exit(): GroupExit | undefined {
    return this.exited;
  }

  /** performance.now() of the first GET of the runtime API or the first accepted connection on port 8000. */
  get readyAt(): number | undefined {
    return this.ready;
  }

  /** Readiness as its delivery mode sees it; the first signal counts. */
  markReady(at: number): void {
    this.ready ??= at;
  }

  /** Set once we stop it ourselves (timeout, dispose, memory): its exit is no crash. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Emits partial lines (output without a final newline) so they belong to the invocation that wrote them. */
  flushPartialLines(): void {
    if (this.out.hasPartial) this.out.flush();
    if (this.err.hasPartial) this.err.flush();
  }

  /**
   * Kills the whole process group (graceful first when `graceMs` > 0), then every process still
   * carrying the instance's TMPDIR (one that left the group after the leader died, or a
   * double-forked daemon), and removes the temp folder.
   */
  async stop(graceMs: number): Promise<GroupExit> {
    this.stopped = true;
    this.sampler.stop();
    const exit = await this.group.stop(graceMs);
    for (const pid of await processesWithEnv(`TMPDIR=${this.tmpDir}`)) {
      // debugpy's adapter (started in a session of its own) ends with its client's session, which our
      // debug session ends; killing it here would cut the IDE's connection mid-session.
      if (!DEBUGPY_ADAPTER.test(await commandLineOf(pid))) killPid(pid);
    }
    unwatchMarker(`TMPDIR=${this.tmpDir}`);
    await fs.rm(this.tmpDir, { recursive: true, force: true }).catch(() => undefined);
    return exit;
  }
}

/** `exited with code 3`, `was killed by signal SIGKILL`: how an instance ended, for messages. */
export function describeExit(exit: { code: number | null; signal: string | null }): string {
  if (exit.signal) return t('was killed by signal {0}', exit.signal);
  return exit.code === null ? t('exited with an unknown code') : t('exited with code {0}', exit.code);
}

function streamEnd(stream: NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean }): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 200); // a grandchild may hold the pipe open; do not wait for it
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    stream.once('end', done);
    stream.once('close', done);
  });
}
