// The invoke engine (architecture.md: one engine for the CLI, the debug adapter and the tree).
// Invocations run one at a time in FIFO order against one instance (API-6); the first one starts it
// (cold start), a timed-out, crashed or over-memory instance is replaced on the next invocation.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import type { FunctionSpec } from '../config';
import { asApigEvent, eventToRequest, HTTP_FUNCTION_PORT, HttpBridge, BridgeError, isApigResult, parseJson, portAccepts, port8000Problem } from '../emulator/httpBridge';
import { functionUrn } from '../emulator/extensions';
import { formatBytes } from '../format';
import { MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD, RuntimeApiServer, type Answer } from '../emulator/runtimeApiServer';
import { loadExeca } from '../process/execa';
import { isListening, portOwners, processGroupOf } from '../process/procfs';
import { Deadline } from './deadline';
import { buildEnvironment } from './environment';
import { Instance } from './instance';
import { planLaunch, type InstanceMode } from './preflight';
import type { IInvoker, InvocationResult, InvocationStatus, InvokerEvents, InvokerOptions, LogLine } from './types';

export const DEFAULT_PROJECT_ID = '0123456789abcdef0123456789abcdef';
/** Lines kept per invocation; a function that logs more keeps running, the rest is dropped with a note. */
const MAX_LOG_LINES = 10_000;
/** Warm invocations shorter than this use the interval samples; longer ones take one more at the end. */
const END_SAMPLE_AFTER_MS = 20;

type Outcome =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'http'; output: Buffer; at: number }
  | { kind: 'http-error'; error: BridgeError; at: number }
  | { kind: 'exit' }
  | { kind: 'timeout'; phase: 'init' | 'run' }
  | { kind: 'memory'; usedMB: number }
  | { kind: 'disposed' }
  | { kind: 'start-failed'; message: string; errorType: string };

interface Job {
  body: Buffer;
  resolve: (r: InvocationResult) => void;
}

interface Current {
  requestId: string;
  logs: LogLine[];
  finish: (o: Outcome) => void;
  deliveredAt?: number;
}

export class PreflightError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

export class Invoker extends EventEmitter implements IInvoker {
  private readonly queue: Job[] = [];
  private pumping = false;
  private server: RuntimeApiServer | undefined;
  private serverReady: Promise<RuntimeApiServer> | undefined;
  private readonly bridge = new HttpBridge();
  private instance: Instance | undefined;
  /** The most recent instance, even after it died: a crash report needs its last lines. */
  private lastStarted: Instance | undefined;
  private mode: InstanceMode = 'runtime-api';
  private current: Current | undefined;
  private readonly deadline = new Deadline();
  private disposed = false;
  private exitReason = '';
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
    void loadExeca(); // the first cold start should not pay for loading the spawn library
  }

  override on<K extends keyof InvokerEvents>(event: K, listener: (...args: InvokerEvents[K]) => void): this {
    return super.on(event, listener as (...args: unknown[]) => void);
  }

  invoke(event: Buffer | string): Promise<InvocationResult> {
    const body = typeof event === 'string' ? Buffer.from(event, 'utf8') : event;
    return new Promise<InvocationResult>((resolve) => {
      if (this.disposed) {
        resolve(this.failure(randomUUID(), [], 'error', 'Disposed', 'The invoke session was stopped before this invocation ran.'));
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
    for (const job of this.queue.splice(0)) job.resolve(this.failure(randomUUID(), [], 'error', 'Disposed', 'The invoke session was stopped before this invocation ran.'));
    await this.stopInstance(300, 'the session was stopped');
    this.deadline.dispose();
    this.bridge.dispose();
    if (this.serverReady) {
      const server = await this.serverReady.catch(() => undefined);
      if (server) {
        server.extensions.dispose();
        await server.close();
      }
    }
  }

  /** The runtime API address (`host:port`), once the first invocation started the server. */
  get runtimeApiAddress(): string | undefined {
    return this.server?.address;
  }

  /** Pid of the running instance's process group leader, if one runs. */
  get instancePid(): number | undefined {
    return this.instance?.alive ? this.instance.pid : undefined;
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
          result = this.failure(randomUUID(), [], 'error', 'EmulatorError', `The emulator failed: ${err instanceof Error ? err.message : String(err)}`);
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
        credentials: this.options.credentials,
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

  private emulatorLog(level: LogLine['level'], text: string): void {
    this.addLog({ time: new Date(), stream: 'emulator', level, text, requestId: this.current?.deliveredAt !== undefined ? this.current.requestId : undefined });
  }

  private addLog(line: LogLine): void {
    const cur = this.current;
    if (cur) {
      if (cur.logs.length < MAX_LOG_LINES) cur.logs.push(line);
      else if (cur.logs.length === MAX_LOG_LINES) cur.logs.push({ time: new Date(), stream: 'emulator', level: 'warn', text: `More than ${MAX_LOG_LINES} log lines; the rest of this invocation's log is not kept.`, requestId: line.requestId });
    }
    this.emit('log', line);
  }

  private async runOne(body: Buffer): Promise<InvocationResult> {
    const requestId = randomUUID(); // API-2: UUIDs never contain ':'
    const logs: LogLine[] = [];
    const invokeType = this.options.invokeType ?? 'sync';
    const limit = invokeType === 'async' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
    if (body.length > limit) {
      return this.failure(requestId, logs, 'error', 'RequestTooLarge', `The event is ${formatBytes(body.length)}; FunctionGraph accepts at most ${formatBytes(limit)} for ${invokeType === 'async' ? 'an asynchronous' : 'a synchronous'} request (INV-5). Make the event smaller, or pass large data through OBS.`);
    }
    const server = await this.ensureServer();
    const cur: Current = { requestId, logs, finish: () => undefined };
    this.current = cur;
    try {
      let { outcome, cold, inst } = await this.attempt(server, cur, body, invokeType);
      if (outcome.kind === 'exit' && !cold && cur.deliveredAt === undefined && this.mode !== 'http' && !this.disposed) {
        // A warm instance that ended after its previous answer (a one-shot bootstrap) never took
        // this event: as on the platform, a fresh instance gets it.
        server.withdraw(requestId);
        this.deadline.clear();
        this.emulatorLog('info', 'The instance ended after its previous invocation, before taking this one; a fresh instance gets it.');
        ({ outcome, cold, inst } = await this.attempt(server, cur, body, invokeType));
      }
      this.deadline.clear();
      const result = await this.finishInvocation(outcome, cur, body, cold, inst ?? (cold ? this.lastStarted : undefined));
      result.coldStart = cold;
      return result;
    } finally {
      this.deadline.clear();
      this.current = undefined;
    }
  }

  /** Delivers the event once: to the warm instance, or to a new one (cold start). */
  private async attempt(server: RuntimeApiServer, cur: Current, body: Buffer, invokeType: 'sync' | 'async'): Promise<{ outcome: Outcome; cold: boolean; inst: Instance | undefined }> {
    let finish!: (o: Outcome) => void;
    const outcome = new Promise<Outcome>((resolve) => { finish = resolve; });
    let settled = false;
    cur.finish = (o) => { if (!settled) { settled = true; finish(o); } };
    let cold = false;
    if (!this.instance?.alive) {
      cold = true;
      const started = await this.startInstance(server, this.exitReason || 'first invocation');
      if (started) cur.finish(started);
    }
    const inst = this.instance;
    if (!settled && !inst) cur.finish({ kind: 'exit' });
    else if (!settled && inst) {
      if (this.mode === 'http') this.runHttp(inst, cur, body, cold);
      else this.runApi(server, inst, cur, body, invokeType, cold);
    }
    return { outcome: await outcome, cold, inst };
  }

  /** Starts a new instance; returns an outcome only when it could not start. */
  private async startInstance(server: RuntimeApiServer, reason: string): Promise<Outcome | undefined> {
    const debugPort = this.options.debug ? (this.options.debug.port || (await freePort())) : undefined;
    const plan = await planLaunch(this.spec, this.options, { checkPort: false, debugPort });
    for (const n of plan.notes) this.emulatorLog('info', n);
    for (const w of plan.warnings) this.emulatorLog('warn', w);
    if (plan.errors.length > 0 || !plan.launch) {
      for (const e of plan.errors) this.emulatorLog('error', e);
      return { kind: 'start-failed', errorType: 'PreflightError', message: plan.errors.join('\n') || 'Nothing to launch.' };
    }
    let mode = plan.mode;
    if (mode === 'http') {
      const problem = await port8000Problem();
      if (problem) {
        this.emulatorLog('error', problem);
        return { kind: 'start-failed', errorType: 'PortInUse', message: problem };
      }
    } else if (mode === 'detect' && (await isListening(HTTP_FUNCTION_PORT))) {
      this.emulatorLog('info', `Port ${HTTP_FUNCTION_PORT} is already in use on this machine, so this bootstrap is treated as a runtime-API (event) function.`);
      mode = 'runtime-api';
    }
    this.mode = mode;
    server.resetInstance();
    this.bridge.reset();
    const tmpDir = await Instance.makeTmpDir();
    const env = buildEnvironment({
      spec: this.spec,
      memoryMB: this.memoryMB,
      timeoutS: this.timeoutS,
      runtimeApiAddr: server.address,
      extensionApiAddr: server.address,
      projectId: this.projectId,
      extraEnv: this.options.env,
      tmpDir,
    });
    Object.assign(env, plan.launch.env);
    const enforce = Boolean(this.options.enforceMemory);
    let inst: Instance;
    try {
      inst = await Instance.start(plan.launch, this.spec.codeDir, env, tmpDir, {
        onLine: (stream, text) => this.addLog({ time: new Date(), stream, level: 'info', text, requestId: this.current?.deliveredAt !== undefined ? this.current.requestId : undefined }),
        onExit: (exit) => this.onInstanceExit(inst, exit),
        onMemorySample: enforce ? (sumKB) => {
          if (sumKB > this.memoryMB * 1024 && this.instance === inst) this.current?.finish({ kind: 'memory', usedMB: Math.ceil(sumKB / 1024) });
        } : undefined,
      }, enforce ? 20 : 100);
    } catch (err) {
      await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
      const message = `Could not start ${plan.launch.command}: ${err instanceof Error ? err.message : String(err)}`;
      this.emulatorLog('error', message);
      return { kind: 'start-failed', errorType: 'StartFailed', message };
    }
    if (this.disposed) {
      // dispose() ran while we were starting: this instance must not outlive the session.
      inst.stopping = true;
      await inst.stop(0);
      return { kind: 'disposed' };
    }
    this.instance = inst;
    this.lastStarted = inst;
    this.exitReason = '';
    this.emit('instance-start', { pid: inst.pid, command: plan.launch.command, args: plan.launch.args, coldStartReason: reason });
    if (this.options.debug && debugPort) void this.announceDebugger(inst, debugPort);
    return undefined;
  }

  private async announceDebugger(inst: Instance, port: number): Promise<void> {
    // Wait for the debuggee's listening socket without connecting to it (a connection could be taken for the debugger).
    for (let i = 0; i < 1500 && inst.alive; i++) {
      if (await isListening(port)) {
        this.emit('debug-listening', { kind: this.options.debug!.kind, host: '127.0.0.1', port });
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Init bound: until the first GET (or port 8000), the function's timeout plus its initializer's. Unbounded under a debugger. */
  private initTimeoutMs(): number {
    if (this.options.debug) return Infinity;
    return (this.timeoutS + (this.spec.initializer ? this.spec.initializerTimeoutS ?? this.timeoutS : 0)) * 1000;
  }

  private runApi(server: RuntimeApiServer, inst: Instance, cur: Current, body: Buffer, invokeType: 'sync' | 'async', cold: boolean): void {
    const timeoutMs = this.timeoutS * 1000;
    if (inst.readyAt === undefined) {
      server.onNextGet((at) => {
        if (inst.readyAt === undefined) inst.readyAt = at;
      });
      if (this.mode === 'detect') void this.detectMode(server, inst, cur, body);
    }
    server.offer(cur.requestId, body, invokeType, (at) => {
      cur.deliveredAt = at;
      if (inst.readyAt === undefined) inst.readyAt = at;
      if (this.mode === 'detect') {
        this.mode = 'runtime-api';
        if (cold) this.emulatorLog('info', 'Detected an event function: the bootstrap polls the runtime API (GET /v1/runtime/invocation/request).');
      }
      this.deadline.start(timeoutMs, () => cur.finish({ kind: 'timeout', phase: 'run' }));
      if (server.extensions.list.length > 0) {
        void server.extensions.notifyInvoke(cur.requestId, functionUrn(this.region, this.projectId, this.spec.packageName, this.spec.name, this.spec.version));
      }
    }).then((answer) => {
      if (answer.kind !== 'withdrawn') cur.finish({ kind: 'answer', answer });
    }, () => undefined);
    // A warm instance usually waits with its GET already, and the event went out synchronously above.
    if (cur.deliveredAt === undefined) {
      this.deadline.start(inst.readyAt === undefined ? this.initTimeoutMs() : timeoutMs, () => cur.finish({ kind: 'timeout', phase: cur.deliveredAt === undefined ? 'init' : 'run' }));
    }
  }

  /** A bootstrap that is not declared `http`: whichever comes first, a GET of the runtime API or a listener on 8000. */
  private async detectMode(server: RuntimeApiServer, inst: Instance, cur: Current, body: Buffer): Promise<void> {
    while (this.mode === 'detect' && inst.alive && this.current === cur && cur.deliveredAt === undefined) {
      if (await portAccepts(HTTP_FUNCTION_PORT) && (await this.ownsPort8000(inst))) {
        if (this.mode !== 'detect' || !server.withdraw(cur.requestId)) return;
        this.mode = 'http';
        this.emulatorLog('info', `Detected an HTTP function: the bootstrap listens on 127.0.0.1:${HTTP_FUNCTION_PORT} (HTTP-1) instead of polling the runtime API.`);
        inst.readyAt = performance.now();
        this.runHttp(inst, cur, body, true);
        return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Whether the listener on 8000 belongs to this instance (not another program that started meanwhile); true when the OS does not tell. */
  private async ownsPort8000(inst: Instance): Promise<boolean> {
    const owners = await portOwners(HTTP_FUNCTION_PORT);
    if (owners.length === 0) return true;
    const groups = await Promise.all(owners.map((o) => processGroupOf(o.pid)));
    return groups.includes(inst.pid);
  }

  private runHttp(inst: Instance, cur: Current, eventBody: Buffer, cold: boolean): void {
    const send = () => {
      const cff: Record<string, string> = {
        'X-CFF-Request-Id': cur.requestId,
        'X-CFF-Memory': String(this.memoryMB),
        'X-CFF-Timeout': String(this.timeoutS),
        'X-CFF-Func-Version': this.spec.version,
        'X-CFF-Func-Name': this.spec.name,
        'X-CFF-Project-Id': this.projectId,
        'X-CFF-Package': this.spec.packageName,
        'X-CFF-Region': this.region,
      };
      const request = eventToRequest(eventBody, cff);
      for (const w of request.warnings) this.emulatorLog('warn', w);
      const abort = new AbortController();
      cur.deliveredAt = performance.now();
      this.deadline.start(this.timeoutS * 1000, () => {
        abort.abort();
        cur.finish({ kind: 'timeout', phase: 'run' });
      });
      this.bridge.send(request, abort.signal).then(
        (reply) => cur.finish({ kind: 'http', output: reply.output, at: performance.now() }),
        (err: unknown) => {
          if (abort.signal.aborted) return;
          const e = err instanceof BridgeError ? err : new BridgeError(String(err), 'RequestFailed');
          cur.finish({ kind: 'http-error', error: e, at: performance.now() });
        },
      );
    };
    if (inst.readyAt !== undefined) {
      send();
      return;
    }
    let gaveUp = false;
    this.deadline.start(this.initTimeoutMs(), () => {
      gaveUp = true;
      cur.finish({ kind: 'timeout', phase: 'init' });
    });
    void (async () => {
      const ok = await waitUntil(() => portAccepts(HTTP_FUNCTION_PORT), () => gaveUp || !inst.alive || this.current !== cur);
      if (!ok) return;
      inst.readyAt = performance.now();
      if (cold) this.emulatorLog('info', `The HTTP function accepts connections on 127.0.0.1:${HTTP_FUNCTION_PORT}.`);
      send();
    })();
  }

  private onInstanceExit(inst: Instance, exit: { code: number | null; signal: string | null }): void {
    const expected = inst.stopping;
    if (this.instance === inst) this.instance = undefined;
    if (!expected) {
      const how = describeExit(exit);
      this.exitReason = `the previous instance ${how}`;
      this.emulatorLog(this.current ? 'error' : 'warn', `The instance (pid ${inst.pid}) ${how}${this.current ? '' : ' while idle; the next invocation starts a fresh one'}.`);
      // Reap the rest of the group and the temp folder.
      void inst.stop(0);
    }
    this.emit('instance-exit', { pid: inst.pid, code: exit.code, signal: exit.signal, expected });
    if (this.current && !expected && (this.instance === undefined)) this.current.finish({ kind: 'exit' });
  }

  private async stopInstance(graceMs: number, reason: string): Promise<void> {
    const inst = this.instance;
    if (!inst) return;
    this.instance = undefined;
    this.exitReason = reason;
    inst.stopping = true;
    await inst.stop(graceMs);
  }

  private async finishInvocation(o: Outcome, cur: Current, body: Buffer, cold: boolean, inst: Instance | undefined): Promise<InvocationResult> {
    const { requestId, logs } = cur;
    const endAt = 'at' in o ? o.at : o.kind === 'answer' ? o.answer.at : performance.now();
    const durationMs = cur.deliveredAt !== undefined ? Math.max(0, endAt - cur.deliveredAt) : 0;
    const initDurationMs = cold && inst?.readyAt !== undefined ? inst.readyAt - inst.spawnedAt : undefined;

    if (o.kind === 'answer' || o.kind === 'http' || o.kind === 'http-error') {
      // Output written just before the POST may still be in the pipe: let this turn of the event loop deliver it.
      await new Promise<void>((r) => setImmediate(r));
      inst?.flushPartialLines();
      if (inst?.alive && (cold || durationMs >= END_SAMPLE_AFTER_MS || inst.sampler.sampleCount === 0)) await inst.sampler.sample();
    }
    const base = {
      requestId,
      durationMs,
      billedDurationMs: billedDuration(durationMs),
      memorySizeMB: this.memoryMB,
      maxMemoryUsedMB: inst?.sampler.peakMB ?? 0,
      initDurationMs,
      coldStart: cold,
      logs,
      warnings: [] as string[],
    };
    switch (o.kind) {
      case 'answer': {
        const a = o.answer;
        if (a.kind === 'response') {
          const result: InvocationResult = { ...base, status: 'ok', output: a.body, outputText: a.body.toString('utf8') };
          this.checkApigShape(body, a.body, result);
          return result;
        }
        if (a.kind === 'error') return { ...base, status: 'error', output: a.body, outputText: a.body.toString('utf8'), error: parseError(a.body) };
        if (a.kind === 'too-large') return this.failure(requestId, logs, 'error', 'ResponseTooLarge', `The function's response is ${formatBytes(a.size)}; FunctionGraph returns at most ${formatBytes(MAX_SYNC_PAYLOAD)} (INV-5). The function was told with a 413.`, base);
        return this.failure(requestId, logs, 'error', 'EmulatorError', 'The event was withdrawn before the function received it.', base);
      }
      case 'http':
        return { ...base, status: 'ok', output: o.output, outputText: o.output.toString('utf8') };
      case 'http-error':
        return this.failure(requestId, logs, 'error', o.error.errorType, o.error.message, base);
      case 'timeout': {
        await this.stopInstance(0, 'the previous invocation timed out');
        if (cur.deliveredAt === undefined || o.phase === 'init') {
          this.server?.abandon(requestId);
          const what = this.mode === 'http' ? `accept connections on 127.0.0.1:${HTTP_FUNCTION_PORT}` : 'ask for an event (GET /v1/runtime/invocation/request)';
          return this.failure(requestId, logs, 'timeout', 'InitTimeout', `The instance did not ${what} within ${Math.round(this.initTimeoutMs() / 1000)} s of starting, so it was stopped. Check the log above for where it hangs.`, base);
        }
        this.server?.abandon(requestId);
        return this.failure(requestId, logs, 'timeout', 'Timeout', `Invocation timed out after ${this.timeoutS} s (the function's Timeout${this.options.timeoutS ? ', from --timeout' : ''}). Its whole process tree was stopped; the next invocation starts a fresh instance (INV-1).`, base);
      }
      case 'memory': {
        await this.stopInstance(0, 'the previous invocation went over its memory size');
        this.server?.abandon(requestId);
        return this.failure(requestId, logs, 'error', 'MemoryLimitExceeded', `runtime memory limit exceeded: the instance used ${o.usedMB} MB of its ${this.memoryMB} MB (INV-2). Raise MemorySize or use less memory.`, { ...base, maxMemoryUsedMB: Math.max(base.maxMemoryUsedMB, o.usedMB) });
      }
      case 'exit': {
        this.server?.abandon(requestId);
        const exit = inst?.exit ?? { code: null, signal: null };
        const when = cur.deliveredAt === undefined ? 'while starting, before it asked for an event' : `while request ${requestId} was outstanding`;
        const last = inst?.lastLines.slice(-10) ?? [];
        const tail = last.length > 0 ? `\nLast log lines:\n${last.map((l) => `  ${l}`).join('\n')}` : '';
        return this.failure(requestId, logs, 'crashed', 'InstanceCrashed', `The instance ${describeExit(exit)} ${when}.${tail}`, base);
      }
      case 'disposed':
        this.server?.abandon(requestId);
        return this.failure(requestId, logs, 'error', 'Disposed', 'The invoke session was stopped during this invocation.', base);
      case 'start-failed':
        return this.failure(requestId, logs, 'error', o.errorType, o.message, base);
    }
  }

  /** HTTP-4: an event function behind an API gateway must answer in the gateway's shape. */
  private checkApigShape(event: Buffer, output: Buffer, result: InvocationResult): void {
    if (event.indexOf('"httpMethod"') < 0) return;
    if (!asApigEvent(parseJson(event))) return;
    if (isApigResult(output)) return;
    const w = 'The event is an API-gateway event, but the result is not {"statusCode", "headers", "body", "isBase64Encoded"}; behind a real gateway this becomes an error 500 (HTTP-4).';
    result.warnings.push(w);
    this.emulatorLog('warn', w);
  }

  private failure(requestId: string, logs: LogLine[], status: InvocationStatus, errorType: string, errorMessage: string, base?: Partial<InvocationResult>): InvocationResult {
    const error = { errorType, errorMessage };
    const output = Buffer.from(JSON.stringify(error));
    return {
      requestId,
      durationMs: 0,
      billedDurationMs: 0,
      memorySizeMB: this.memoryMB,
      maxMemoryUsedMB: 0,
      coldStart: false,
      warnings: [],
      ...base,
      logs,
      status,
      output,
      outputText: output.toString('utf8'),
      error,
    };
  }
}

/**
 * INV-4 billed duration. FunctionGraph bills execution time in 1 ms steps, so the billed duration
 * is the duration rounded up to the next whole millisecond (at least 1 ms for any run).
 */
export function billedDuration(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

function describeExit(exit: { code: number | null; signal: string | null }): string {
  if (exit.signal) return `was killed by signal ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}

/** INV-3 error object from an error POST: JSON `{errorType, errorMessage, stackTrace}` or plain text. */
function parseError(body: Buffer): InvocationResult['error'] {
  const v = parseJson(body);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const errorMessage = typeof o.errorMessage === 'string' ? o.errorMessage : JSON.stringify(v);
    const errorType = typeof o.errorType === 'string' ? o.errorType : 'FunctionError';
    const stackTrace = Array.isArray(o.stackTrace) ? o.stackTrace.map(String) : undefined;
    return stackTrace ? { errorType, errorMessage, stackTrace } : { errorType, errorMessage };
  }
  return { errorType: 'FunctionError', errorMessage: body.toString('utf8') };
}

async function waitUntil(check: () => Promise<boolean>, stopped: () => boolean, intervalMs = 10): Promise<boolean> {
  while (!stopped()) {
    if (await check()) return !stopped();
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

/** A free TCP port on 127.0.0.1 (for a debuggee). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
