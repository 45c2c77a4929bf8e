// The invoke engine (architecture.md: one engine for the CLI, the debug adapter and the tree).
// Invocations run one at a time in FIFO order against one instance (API-6); the first one starts it
// (cold start), a timed-out, crashed or over-memory instance is replaced on the next invocation.
// The instance's life is the supervisor's, the way an event reaches it its delivery mode's
// (delivery/), and the result's wording result.ts's: here is the queue and what each outcome means.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FunctionSpec } from '../config';
import { MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD, RuntimeApiServer } from '../emulator/runtimeApiServer';
import { formatBytes } from '../format';
import { loadExeca } from '../process/execa';
import { Deadline } from './deadline';
import { credentialsFromEnvironment } from './functionCredentials';
import { loggerLevel } from './logLevel';
import { DELIVERIES, type Delivery, type DeliveryMode, type DeliverySession } from './delivery';
import type { Instance } from './instance';
import { InvokeErrors } from './errors';
import { Invocation } from './invocation';
import type { Outcome } from './outcome';
import { buildResult, durationOf, failureResult } from './result';
import { InstanceSupervisor } from './supervisor';
import type { IInvoker, InvocationResult, InvocationStatus, InvokerEvents, InvokerOptions, LogLine } from './types';
import { t } from '../l10n';

export const DEFAULT_PROJECT_ID = '0123456789abcdef0123456789abcdef';

interface Job {
  body: Buffer;
  resolve: (r: InvocationResult) => void;
}

export class Invoker extends EventEmitter implements IInvoker {
  private readonly queue: Job[] = [];
  private pumping = false;
  private server: RuntimeApiServer | undefined;
  private serverReady: Promise<RuntimeApiServer> | undefined;
  private readonly deliveries = new Map<DeliveryMode, Delivery>();
  private readonly supervisor: InstanceSupervisor;
  private current: Invocation | undefined;
  private readonly deadline = new Deadline();
  private disposed = false;
  private readonly memoryMB: number;
  private readonly timeoutS: number;
  private readonly projectId: string;
  private readonly region: string;

  constructor(readonly spec: FunctionSpec, private readonly options: InvokerOptions = {}) {
    super();
    this.memoryMB = options.memoryMB ?? spec.memoryMB;
    this.timeoutS = options.timeoutS ?? spec.timeoutS;
    this.projectId = options.projectId ?? DEFAULT_PROJECT_ID;
    this.region = options.region ?? 'local';
    this.supervisor = new InstanceSupervisor(
      { spec, options, memoryMB: this.memoryMB, timeoutS: this.timeoutS, projectId: this.projectId },
      {
        log: (level, text) => this.emulatorLog(level, text),
        output: (stream, text) => {
          const requestId = this.deliveredRequestId();
          this.addLog({ time: new Date(), stream, level: loggerLevel(text, requestId) ?? 'info', text, requestId });
        },
        emit: (event, ...args) => this.emit(event, ...args),
        busy: () => this.current !== undefined,
        crashed: () => this.current?.finish({ kind: 'exit' }),
        overMemory: (usedMB) => this.current?.finish({ kind: 'memory', usedMB }),
        newInstance: () => {
          this.server?.resetInstance();
          for (const d of this.deliveries.values()) d.reset();
        },
      },
    );
    void loadExeca(); // the interpreter probes of a first cold start (runCapture) should not pay for loading it
  }

  override on<K extends keyof InvokerEvents>(event: K, listener: (...args: InvokerEvents[K]) => void): this {
    return super.on(event, listener as (...args: unknown[]) => void);
  }

  invoke(event: Buffer | string): Promise<InvocationResult> {
    const body = typeof event === 'string' ? Buffer.from(event, 'utf8') : event;
    return new Promise<InvocationResult>((resolve) => {
      if (this.disposed) {
        resolve(this.failure(randomUUID(), [], 'error', InvokeErrors.disposed, t('The invoke session was stopped before this invocation ran.')));
        return;
      }
      this.queue.push({ body, resolve });
      if (!this.pumping) void this.pump();
    });
  }

  pauseTimeout(): void {
    this.deadline.pause();
  }

  resumeTimeout(): void {
    this.deadline.resume();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.current?.finish({ kind: 'disposed' });
    for (const job of this.queue.splice(0)) job.resolve(this.failure(randomUUID(), [], 'error', InvokeErrors.disposed, t('The invoke session was stopped before this invocation ran.')));
    await this.supervisor.dispose(300);
    this.deadline.dispose();
    for (const d of this.deliveries.values()) d.dispose();
    if (this.serverReady) {
      const server = await this.serverReady.catch(() => undefined);
      if (server) {
        server.extensions.dispose();
        await server.close();
      }
    }
  }

  /**
   * The function's code or config changed (`file`): the instance that runs now is stale. The next
   * event goes to a fresh one (rebuilt first when the runtime compiles), never to old code.
   */
  restartBeforeNextEvent(file: string): void {
    this.supervisor.markStale(file);
  }

  /** True for a file the last prepare step (build) wrote: a change to it is not a code change. */
  isPrepareOutput(file: string): boolean {
    return this.supervisor.isPrepareOutput(file);
  }

  /** The runtime API address (`host:port`), once the first invocation started the server. */
  get runtimeApiAddress(): string | undefined {
    return this.server?.address;
  }

  /** Pid of the running instance's process group leader, if one runs. */
  get instancePid(): number | undefined {
    const inst = this.supervisor.current;
    return inst?.alive ? inst.pid : undefined;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.disposed) {
        const job = this.queue.shift()!;
        let result: InvocationResult;
        try {
          result = await this.runOne(job.body);
        } catch (err) {
          result = this.failure(randomUUID(), [], 'error', InvokeErrors.emulator, t('The emulator failed: {0}', err instanceof Error ? err.message : String(err)));
        }
        this.emit('result', result);
        job.resolve(result);
      }
    } finally {
      this.pumping = false;
    }
  }

  private ensureServer(): Promise<RuntimeApiServer> {
    this.serverReady ??= (async () => {
      const server = new RuntimeApiServer({
        // API-2: as configured, else from the environment (HUAWEICLOUD_SDK_*); `{}` sends none.
        credentials: this.options.credentials ?? credentialsFromEnvironment(),
        functionName: this.spec.name,
        functionVersion: this.spec.version,
        log: (level, text) => this.emulatorLog(level, text),
      });
      await server.listen();
      this.server = server;
      return server;
    })();
    return this.serverReady;
  }

  /** The delivery mode `mode` of this session, created when first needed. */
  private deliveryFor(mode: DeliveryMode, server: RuntimeApiServer): Delivery {
    let d = this.deliveries.get(mode);
    if (!d) {
      d = DELIVERIES[mode].create(this.session(server));
      this.deliveries.set(mode, d);
    }
    return d;
  }

  private session(server: RuntimeApiServer): DeliverySession {
    const { supervisor } = this;
    return {
      spec: this.spec,
      memoryMB: this.memoryMB,
      timeoutS: this.timeoutS,
      projectId: this.projectId,
      region: this.region,
      credentials: this.options.credentials,
      server,
      get initTimeoutMs() {
        return supervisor.initTimeoutMs;
      },
      markReady: (inst, at) => supervisor.markReady(inst, at),
      get mode() {
        return supervisor.mode;
      },
      settleMode: (mode) => supervisor.settleMode(mode),
      delivery: (mode) => this.deliveryFor(mode, server),
      log: (level, text) => this.emulatorLog(level, text),
    };
  }

  /** The request a line belongs to: the one the instance has taken, if any. */
  private deliveredRequestId(): string | undefined {
    return this.current?.deliveredAt !== undefined ? this.current.requestId : undefined;
  }

  private emulatorLog(level: LogLine['level'], text: string): void {
    this.addLog({ time: new Date(), stream: 'emulator', level, text, requestId: this.deliveredRequestId() });
  }

  private addLog(line: LogLine): void {
    this.current?.keep(line);
    this.emit('log', line);
  }

  private async runOne(body: Buffer): Promise<InvocationResult> {
    const requestId = randomUUID(); // API-2: UUIDs never contain ':'
    const invokeType = this.options.invokeType ?? 'sync';
    const limit = invokeType === 'async' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
    if (body.length > limit) {
      return this.failure(requestId, [], 'error', InvokeErrors.requestTooLarge, invokeType === 'async'
        ? t('The event is {0}; FunctionGraph accepts at most {1} for an asynchronous request (INV-5). Make the event smaller, or pass large data through OBS.', formatBytes(body.length), formatBytes(limit))
        : t('The event is {0}; FunctionGraph accepts at most {1} for a synchronous request (INV-5). Make the event smaller, or pass large data through OBS.', formatBytes(body.length), formatBytes(limit)));
    }
    // The runtime API server listens while a cold start plans its instance: only the instance's
    // environment needs its address (see attempt). Its failure is the invocation's, below.
    const serverReady = this.ensureServer();
    serverReady.catch(() => undefined);
    const cur = new Invocation(requestId, body, invokeType, this.deadline, this.timeoutS * 1000, (inv) => this.current === inv);
    this.current = cur;
    try {
      let { outcome, cold, inst } = await this.attempt(serverReady, cur);
      const server = await serverReady;
      if (outcome.kind === 'exit' && !cold && cur.deliveredAt === undefined && !this.disposed) {
        const delivery = this.deliveryFor(this.supervisor.mode, server);
        if (delivery.redeliverAfterIdleExit) {
          // A warm instance that ended after its previous answer (a one-shot bootstrap) never took
          // this event: as on the platform, a fresh instance gets it.
          delivery.withdraw(requestId);
          this.deadline.clear();
          this.emulatorLog('info', t('The instance ended after its previous invocation, before taking this one; a fresh instance gets it.'));
          ({ outcome, cold, inst } = await this.attempt(serverReady, cur));
        }
      }
      this.deadline.clear();
      const result = await this.finishInvocation(outcome, cur, server, cold, inst ?? (cold ? this.supervisor.lastStarted : undefined));
      result.coldStart = cold;
      return result;
    } finally {
      this.deadline.clear();
      this.current = undefined;
    }
  }

  /** Delivers the event once: to the warm instance, or to a new one (cold start). */
  private async attempt(serverReady: Promise<RuntimeApiServer>, cur: Invocation): Promise<{ outcome: Outcome; cold: boolean; inst: Instance | undefined }> {
    const outcome = cur.attempt();
    let cold = false;
    await this.supervisor.restartIfStale();
    if (!this.supervisor.current?.alive) {
      cold = true;
      const failed = await this.supervisor.start(async () => (await serverReady).address);
      if (failed) cur.finish(failed);
    }
    const inst = this.supervisor.current;
    if (!cur.done && !inst) cur.finish({ kind: 'exit' });
    else if (!cur.done && inst) {
      cur.cold = cold;
      cur.instance = inst;
      this.deliveryFor(this.supervisor.mode, await serverReady).deliver(cur);
    }
    return { outcome: await outcome, cold, inst };
  }

  private async finishInvocation(o: Outcome, cur: Invocation, server: RuntimeApiServer, cold: boolean, inst: Instance | undefined): Promise<InvocationResult> {
    const durationMs = durationOf(o, cur.deliveredAt);
    if (o.kind === 'answer' || o.kind === 'http' || o.kind === 'http-error') await this.supervisor.settleAfterAnswer(inst, cold, durationMs);
    if (o.kind === 'timeout') await this.supervisor.stop(0, t('the previous invocation timed out'));
    if (o.kind === 'memory') await this.supervisor.stop(0, t('the previous invocation went over its memory size'));
    if (o.kind === 'timeout' || o.kind === 'memory' || o.kind === 'exit' || o.kind === 'disposed') {
      // No late answer may count for it now, in whichever mode it was offered.
      for (const d of this.deliveries.values()) d.abandon(cur.requestId);
    }
    return buildResult(o, {
      requestId: cur.requestId,
      logs: cur.logs,
      body: cur.body,
      cold,
      deliveredAt: cur.deliveredAt,
      durationMs,
      instance: inst,
      memoryMB: this.memoryMB,
      timeoutS: this.timeoutS,
      timeoutFromOption: Boolean(this.options.timeoutS),
      initTimeoutMs: this.supervisor.initTimeoutMs,
      readiness: this.deliveryFor(this.supervisor.mode, server).readiness,
      warn: (text) => this.emulatorLog('warn', text),
    });
  }

  private failure(requestId: string, logs: LogLine[], status: InvocationStatus, errorType: string, errorMessage: string): InvocationResult {
    return failureResult(requestId, logs, this.memoryMB, status, errorType, errorMessage);
  }
}
