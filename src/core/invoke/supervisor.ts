// The instance supervisor: the one owner of a session's running instance. It plans and starts it
// (cold start), records when it is ready, stops it (gracefully, then its whole process tree), tells
// a crash from a stop of our own, and announces a waiting debuggee. Nothing else writes to an Instance.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FunctionSpec } from '../config';
import { freePort } from '../process/ports';
import { t } from '../l10n';
import { isListening } from '../process/procfs';
import { DELIVERIES, type DeliveryMode } from './delivery';
import { buildEnvironment } from './environment';
import { InvokeErrors } from './errors';
import { shimNoticeText } from './functionCredentials';
import { describeExit, Instance } from './instance';
import { planLaunch } from './launch';
import type { Outcome } from './outcome';
import type { InvokerEvents, InvokerOptions, LogLine } from './types';

/** Warm invocations shorter than this use the interval samples; longer ones take one more at the end. */
const END_SAMPLE_AFTER_MS = 20;
/** How long a debuggee may take to listen on its debug port (DebugOptions.listenLimitMs). */
const DEBUGGER_LISTEN_LIMIT_MS = 30_000;

export interface SupervisorContext {
  spec: FunctionSpec;
  options: InvokerOptions;
  memoryMB: number;
  timeoutS: number;
  projectId: string;
}

/** What the supervisor tells its owner (the invoker). */
export interface SupervisorHooks {
  /** Our own lines: the plan's notes, why an instance ended. */
  log(level: LogLine['level'], text: string): void;
  /** A line the instance wrote. */
  output(stream: 'stdout' | 'stderr', text: string): void;
  emit<K extends 'instance-start' | 'instance-exit' | 'debug-listening'>(event: K, ...args: InvokerEvents[K]): void;
  /** Whether an invocation is outstanding (an exit is then a crash it reports). */
  busy(): boolean;
  /** The instance ended on its own. */
  crashed(): void;
  /** The measured memory went over the memory size (enforceMemory, INV-2). */
  overMemory(usedMB: number): void;
  /** A new instance is about to start: what belonged to the previous one must go. */
  newInstance(): void;
}

export class InstanceSupervisor {
  private instance: Instance | undefined;
  /** The most recent instance, even after it died: a crash report needs its last lines. */
  private latest: Instance | undefined;
  private exitReason = '';
  private instanceMode: DeliveryMode = 'runtime-api';
  private disposed = false;
  /** Set when the function's code or config changed: the running instance is replaced before the next event. */
  private staleReason: string | undefined;
  /** What the last prepare step (LaunchPlan.prepare) wrote: not code changes. */
  private preparedOutputs = new Set<string>();

  /** Lines a shim starts with this are notices to us, not the function's output. */
  private readonly noticePrefix = `fgtk-notice-${randomUUID()}`;

  constructor(private readonly ctx: SupervisorContext, private readonly hooks: SupervisorHooks) {}

  /** The running instance, if any. */
  get current(): Instance | undefined {
    return this.instance;
  }

  get lastStarted(): Instance | undefined {
    return this.latest;
  }

  /** The function's code or config changed (`file`): the running instance is stale. */
  markStale(file: string): void {
    if (!this.disposed && !this.preparedOutputs.has(file)) this.staleReason = file;
  }

  /** True for a file the last prepare step (build) wrote: a change to it is not a code change. */
  isPrepareOutput(file: string): boolean {
    return this.preparedOutputs.has(file);
  }

  /** Before an event: a stale instance is stopped, so the event goes to a fresh (rebuilt) one. */
  async restartIfStale(): Promise<void> {
    const stale = this.staleReason;
    this.staleReason = undefined;
    if (stale === undefined || !this.instance?.alive) return;
    this.hooks.log('info', t('code changed, restarting: {0}', stale));
    await this.stop(300, t('code changed ({0})', stale));
  }

  /** How the current (or last) instance takes events. */
  get mode(): DeliveryMode {
    return this.instanceMode;
  }

  /** A mode that is found out while the instance starts (`detect`) settles here. */
  settleMode(mode: DeliveryMode): void {
    this.instanceMode = mode;
  }

  markReady(inst: Instance, at: number): void {
    inst.markReady(at);
  }

  /** Until ready (first GET, or port 8000): the function's timeout plus its initializer's. Unbounded under a debugger. */
  get initTimeoutMs(): number {
    const { options, spec, timeoutS } = this.ctx;
    if (options.debug) return Infinity;
    return (timeoutS + (spec.initializer ? spec.initializerTimeoutS ?? timeoutS : 0)) * 1000;
  }

  /** Starts a new instance given the runtime API's address; returns an outcome only when it could not start. */
  async start(runtimeApiAddr: string): Promise<Outcome | undefined> {
    const { spec, options, memoryMB } = this.ctx;
    const reason = this.exitReason || t('first invocation');
    const debugPort = options.debug ? (options.debug.port || (await freePort())) : undefined;
    const plan = await planLaunch(spec, options, { checkPort: false, debugPort });
    for (const n of plan.notes) this.hooks.log('info', n);
    for (const w of plan.warnings) this.hooks.log('warn', w);
    if (plan.errors.length > 0 || !plan.launch) {
      for (const e of plan.errors) this.hooks.log('error', e);
      return { kind: 'start-failed', errorType: InvokeErrors.preflight, message: plan.errors.join('\n') || t('Nothing to launch.') };
    }
    if (plan.prepare) {
      // Before every cold start: after a code change the build comes first (usually done already
      // by prepareFunction ahead of pre-flight, then it only finds the outputs up to date).
      this.preparedOutputs = new Set(plan.prepare.outputs);
      const prepared = await plan.prepare.run((line) => this.hooks.log('info', line));
      if (prepared.error !== undefined) {
        this.hooks.log('error', prepared.error);
        return { kind: 'start-failed', errorType: 'BuildFailed', message: prepared.error };
      }
      if (prepared.changed && prepared.note) this.hooks.log('info', prepared.note);
    }
    let mode = plan.mode;
    const before = await DELIVERIES[mode].beforeStart?.();
    if (before && 'message' in before) {
      this.hooks.log('error', before.message);
      return { kind: 'start-failed', errorType: before.errorType, message: before.message };
    }
    if (before) {
      this.hooks.log('info', before.note);
      mode = before.mode;
    }
    this.instanceMode = mode;
    this.hooks.newInstance();
    const tmpDir = await Instance.makeTmpDir();
    const env = buildEnvironment({
      spec,
      memoryMB,
      timeoutS: this.ctx.timeoutS,
      runtimeApiAddr,
      extensionApiAddr: runtimeApiAddr,
      projectId: this.ctx.projectId,
      extraEnv: options.env,
      tmpDir,
    });
    Object.assign(env, plan.launch.env);
    // The shims write lines starting with this per-supervisor prefix to tell us things (an empty credential read).
    if (plan.launch.reportsNotices) env.FGTK_NOTICE_PREFIX = this.noticePrefix;
    const enforce = Boolean(options.enforceMemory);
    let inst: Instance;
    try {
      inst = await Instance.start(plan.launch, spec.codeDir, env, tmpDir, {
        onLine: (stream, text) => {
          if (!text.startsWith(this.noticePrefix)) return this.hooks.output(stream, text);
          const warning = shimNoticeText(text.slice(this.noticePrefix.length));
          if (warning) this.hooks.log('warn', warning);
        },
        onExit: (exit) => this.onExit(inst, exit),
        onMemorySample: enforce ? (sumKB) => {
          if (sumKB > memoryMB * 1024 && this.instance === inst) this.hooks.overMemory(Math.ceil(sumKB / 1024));
        } : undefined,
      }, enforce ? 20 : 100);
    } catch (err) {
      await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
      const message = t('Could not start {0}: {1}', plan.launch.command, err instanceof Error ? err.message : String(err));
      this.hooks.log('error', message);
      return { kind: 'start-failed', errorType: InvokeErrors.startFailed, message };
    }
    if (this.disposed) {
      // dispose() ran while we were starting: this instance must not outlive the session.
      await inst.stop(0);
      return { kind: 'disposed' };
    }
    this.instance = inst;
    this.latest = inst;
    this.exitReason = '';
    this.hooks.emit('instance-start', { pid: inst.pid, command: plan.launch.command, args: plan.launch.args, coldStartReason: reason });
    // Xdebug (PHP) connects out to a debugger that already listens on the port: nothing to announce.
    if (options.debug && debugPort && options.debug.kind !== 'php') void this.announceDebugger(inst, debugPort);
    return undefined;
  }

  /**
   * After an answer: output written just before it may still be in the pipe, and a long or cold
   * invocation takes one more memory sample so its peak is not missed.
   */
  async settleAfterAnswer(inst: Instance | undefined, cold: boolean, durationMs: number): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    inst?.flushPartialLines();
    if (inst?.alive && (cold || durationMs >= END_SAMPLE_AFTER_MS || inst.sampler.sampleCount === 0)) await inst.sampler.sample();
  }

  /** Stops the instance and its whole process tree; `reason` is the next cold start's. */
  async stop(graceMs: number, reason: string): Promise<void> {
    const inst = this.instance;
    if (!inst) return;
    this.instance = undefined;
    this.exitReason = reason;
    await inst.stop(graceMs);
  }

  /** No instance starts after this; the running one stops. */
  async dispose(graceMs: number): Promise<void> {
    this.disposed = true;
    await this.stop(graceMs, t('the session was stopped'));
  }

  private onExit(inst: Instance, exit: { code: number | null; signal: string | null }): void {
    const expected = inst.stopping;
    if (this.instance === inst) this.instance = undefined;
    if (!expected) {
      const how = describeExit(exit);
      const busy = this.hooks.busy();
      this.exitReason = t('the previous instance {0}', how);
      this.hooks.log(busy ? 'error' : 'warn', busy
        ? t('The instance (pid {0}) {1}.', inst.pid, how)
        : t('The instance (pid {0}) {1} while idle; the next invocation starts a fresh one.', inst.pid, how));
      // Reap the rest of the group and the temp folder.
      void inst.stop(0);
    }
    this.hooks.emit('instance-exit', { pid: inst.pid, code: exit.code, signal: exit.signal, expected });
    if (!expected && this.instance === undefined) this.hooks.crashed();
  }

  private async announceDebugger(inst: Instance, port: number): Promise<void> {
    const debug = this.ctx.options.debug!;
    const limitMs = debug.listenLimitMs ?? DEBUGGER_LISTEN_LIMIT_MS;
    const giveUpAt = Date.now() + limitMs;
    // Wait for the debuggee's listening socket without connecting to it (a connection could be taken for the debugger).
    while (inst.alive && this.instance === inst) {
      if (await isListening(port)) {
        this.hooks.emit('debug-listening', { kind: debug.kind, host: '127.0.0.1', port });
        return;
      }
      if (inst.readyAt !== undefined) return; // a bootstrap that runs without its debugger: nothing to wait for
      if (Date.now() >= giveUpAt) {
        // Under a debugger the init timeout is off: without this the session would wait forever, saying nothing.
        this.hooks.log('error', t('No debugger started listening on 127.0.0.1:{0} within {1} s, and the function did not ask for an event either: the instance is stopped. Check that the runtime starts under its debugger (the Debug Console shows its output above), or run without debugging.', port, Math.round(limitMs / 1000)));
        await this.stop(0, t('no debugger started listening'));
        if (this.hooks.busy()) this.hooks.crashed();
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
