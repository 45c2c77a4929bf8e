// The `functiongraph` debug adapter. It only translates: the core Invoker runs the function and
// emits logs and results; this session turns them into DAP output events (house style 2). The same
// class runs inline in the extension host and standalone over stdio or a socket (main.ts).
import { DebugSession, Event, InitializedEvent, OutputEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as path from 'node:path';
import type { FunctionSpec } from '../core/config';
import type { CredentialProvider } from '../core/cloud/credentials';
import { localInvokeCredentials } from '../core/cloud/localInvokeCredentials';
import { Invoker } from '../core/invoke/invoker';
import { watchFunction, type FunctionWatcher } from '../core/invoke/watchFunction';
import type { DebugOptions, IInvoker, InvocationResult, InvokerEvents, LogLine } from '../core/invoke/types';
import { prepareFunction } from '../core/invoke/prepare';
import { t } from '../core/l10n';
import { failureLine, resultText, resultToCommandJson } from '../core/invoke/resultFormat';
import { reportLine } from '../core/invoke/report';
import {
  CustomRequests, RESULT_EVENT, START_CHILD_EVENT, type ChildAttachedArguments, type FunctionGraphLaunchArguments, type ResultEventBody, type SendEventArguments, type StartChildBody,
} from '../shared/dapProtocol';
import { attachesDebugger, debugOptionsFor } from './debugOptions';
import { attachPhpDebugger, wantsPhpDebugger, type PhpDebuggerHost } from './phpDebugger';
import {
  LaunchError, resolveCheckedFunction, resolveEvent, resolveEvents, type ResolvedEvent,
} from '../core/invoke/launchTarget';
import { openFunctionCode } from '../core/package/openPackage';

/** The function's build failed (shown as a build error; nothing was invoked). */
export class BuildError extends Error {}

const DEBUGGER_BANNER = /^(Listening for transport dt_socket at address:|API server listening at: |Debugger listening on ws:|For help, see: https:\/\/nodejs\.org\/en\/docs\/inspector|Debugger attached\.|Waiting for the debugger to disconnect|\d+\.\d+s - )/;

export class FunctionGraphDebugSession extends DebugSession {
  private invoker: IInvoker | undefined;
  private spec: FunctionSpec | undefined;
  /** The debugger the instance runs under, when this session attaches one. */
  private debug: DebugOptions | undefined;
  /** The debuggee's port once it listens (said to the user when no child debugger attaches). */
  private debugPort: number | undefined;
  private args: FunctionGraphLaunchArguments = {};
  private configurationDone!: () => void;
  private readonly configured = new Promise<void>((resolve) => { this.configurationDone = resolve; });
  private disposed = false;
  /** Removes what running the function needed (a ZIP CodeUri's unpacked copy). */
  private closeCode: () => Promise<void> = async () => undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: FunctionWatcher | undefined;
  /** Why the timeout is paused (waiting for the child debugger, stopped at a breakpoint); it runs when empty. */
  private readonly pauses = new Set<'attach' | 'stopped' | 'session'>();
  /** Resolves the PHP child session's wait: undefined when it listens, or why it could not start. */
  private childAnswered: ((error: string | undefined) => void) | undefined;

  /** Credential sources after the environment and the credentials file (the extension's sign-in), for the function (API-2). */
  private credentialProviders: readonly CredentialProvider[] = [];

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configurationDone();
    this.sendResponse(response);
  }

  /** The inline adapter adds the extension's sign-in; the standalone adapter has none. */
  withCredentialProviders(providers: readonly CredentialProvider[]): this {
    this.credentialProviders = providers;
    return this;
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: FunctionGraphLaunchArguments): Promise<void> {
    this.args = args;
    let events: ResolvedEvent[];
    let configWarnings: string[];
    try {
      const checked = await resolveCheckedFunction(args);
      configWarnings = checked.warnings;
      events = await resolveEvents(args, checked.spec);
      this.spec = await this.openCode(checked.spec, configWarnings);
      await this.prepare(this.spec, this.debugOptions(this.spec, args) !== undefined);
      // Xdebug connects out to a debugger that must already listen: a debugged PHP instance starts once its child session does.
      if (!(this.spec.family === 'php' && wantsPhpDebugger(args))) this.invoker = await this.createEngine(this.spec, args);
    } catch (err) {
      this.sendErrorResponse(response, { id: err instanceof BuildError ? 1004 : 1001, format: (err as Error).message, showUser: true });
      return;
    }
    if (this.invoker) this.wire(this.invoker);
    this.sendResponse(response);
    for (const warning of configWarnings) this.console(`WARNING ${warning}`);
    if (args.stopOnEntry && this.spec.family === 'java' && this.debugOptions(this.spec, args)) {
      this.console(t('stopOnEntry does not apply to Java handlers: a JDWP debugger cannot be asked to stop from inside the program. Set a breakpoint on the first line of your handler instead.'));
    }
    if (args.keepAlive !== false) this.followChanges(this.spec);
    if (this.spec.family === 'custom' || this.spec.family === 'http') this.announceCustomDebugPort(args);
    // Start after configurationDone so breakpoints are set before the handler runs (house style 4).
    await this.configured;
    if (!this.invoker) {
      const debug = await attachPhpDebugger(this.spec, args, this.phpDebuggerHost());
      if (this.disposed) return;
      this.invoker = await this.createEngine(this.spec, args, debug);
      this.wire(this.invoker);
    }
    this.console(t('Invoking {0} ({1}, handler {2}) locally.', this.spec.name, this.spec.runtime, this.spec.handler));
    for (const event of events) this.enqueue(event).catch(() => undefined); // already reported as output
    this.queue = this.queue.then(() => {
      if (args.keepAlive === false) return this.end();
      if (!this.disposed) this.console(t('The instance stays warm: send another test event with "FunctionGraph: Send Test Event to Running Function", or stop the session to end it.'));
    });
  }

  /**
   * Compiled runtimes build before anything runs (Go 1.x: go build when a source changed, with
   * symbols for the debugger); the output goes to the Debug Console and a failure is a build error.
   */
  private async prepare(spec: FunctionSpec, debugging: boolean): Promise<void> {
    const r = await prepareFunction(spec, { debug: debugging, onLine: (text) => this.sendEvent(new OutputEvent(text + '\n', 'stdout')) });
    if (!r.ok) {
      this.sendEvent(new OutputEvent(r.message + '\n', 'stderr'));
      throw new BuildError(r.message);
    }
    if (r.note) this.console(r.note);
  }

  private async createEngine(spec: FunctionSpec, args: FunctionGraphLaunchArguments, debug = this.debugOptions(spec, args)): Promise<IInvoker> {
    return new Invoker(spec, {
      timeoutS: args.timeout,
      memoryMB: args.memory,
      env: args.env,
      interpreters: args.__fgtk?.interpreters,
      enforceMemory: args.__fgtk?.enforceMemory,
      debug: (this.debug = debug),
      // API-2: the cloud commands' credential chain (environment, ~/.huaweicloud/credentials).
      credentials: await localInvokeCredentials(this.credentialProviders),
    });
  }

  /**
   * A warm session follows the function's files: after a code change the next event goes to a
   * fresh instance (rebuilt first for compiled runtimes); after a config change, to a new engine
   * with the new config. Nobody sends an event to stale code.
   */
  private followChanges(spec: FunctionSpec): void {
    this.watcher?.close();
    this.watcher = watchFunction(spec, (change) => {
      if (this.disposed || change.code.length === 0) return;
      const rel = (f: string) => path.relative(spec.configDir, f) || f;
      if (spec.configFile && change.code.includes(spec.configFile)) {
        this.console(t('code changed, restarting: {0}', rel(spec.configFile)));
        this.queue = this.queue.then(() => this.reloadFunction()).catch((err: Error) => this.sendEvent(new OutputEvent(`${err.message}\n`, 'stderr')));
        return;
      }
      this.console(t('{0} changed: the instance restarts before the next event.', rel(change.code[0])));
      this.invoker?.restartBeforeNextEvent?.(rel(change.code[0]));
    }, (file) => this.invoker?.isPrepareOutput?.(file) ?? false);
  }

  /** The config changed: a new engine from the reloaded config replaces the old one (and its instance). */
  private async reloadFunction(): Promise<void> {
    if (this.disposed) return;
    const checked = await resolveCheckedFunction(this.args);
    const spec = await this.openCode(checked.spec, []);
    const old = this.invoker;
    this.spec = spec;
    this.invoker = await this.createEngine(spec, this.args);
    this.wire(this.invoker);
    if (this.pauses.size > 0) this.invoker.pauseTimeout();
    await old?.dispose();
    this.followChanges(spec);
  }

  /**
   * The function with its code in a folder: a CodeUri that names a .zip runs from an unpacked private
   * copy, removed when the session ends or the config is reloaded.
   */
  private async openCode(spec: FunctionSpec, warnings: string[]): Promise<FunctionSpec> {
    const code = await openFunctionCode(spec);
    await this.closeCode().catch(() => undefined);
    this.closeCode = code.dispose;
    for (const s of code.skipped) warnings.push(t('{0} was not unpacked (symbolic link).', s));
    return code.spec;
  }

  /** What the Invoker should start the instance under, if anything (debugOptions.ts). */
  private debugOptions(spec: FunctionSpec, args: FunctionGraphLaunchArguments): DebugOptions | undefined {
    return debugOptionsFor(spec, args, this.debug);
  }

  /** A custom bootstrap starts its own debugger on FGTK_DEBUG_PORT; we cannot see its breakpoints, so the timeout is off for the session. */
  private announceCustomDebugPort(args: FunctionGraphLaunchArguments): void {
    if (args.noDebug || args.debugPort === undefined) return;
    this.console(t('bootstrap gets FGTK_DEBUG_PORT={0}: start your debugger on that port in bootstrap, then attach to 127.0.0.1:{0}.', args.debugPort));
    if ((args.__fgtk?.timeoutWhileDebugging ?? 'pauseAtBreakpoints') !== 'enforced') {
      this.pause('session');
      this.console(t('The function timeout is off while this session runs (setting functiongraph.debug.timeoutWhileDebugging).'));
    }
  }

  private wire(invoker: IInvoker): void {
    const on = <K extends keyof InvokerEvents>(name: K, fn: (...a: InvokerEvents[K]) => void) => invoker.on(name, fn);
    on('log', (line) => this.log(line));
    on('instance-start', (info) => this.console(t('Started instance (pid {0}): {1}', info.pid, info.coldStartReason)));
    on('instance-exit', (info) => {
      if (!info.expected && !this.disposed) {
        this.sendEvent(new OutputEvent(t('The instance (pid {0}) exited unexpectedly (code {1}, signal {2}). The next event starts a new one.', info.pid, String(info.code), String(info.signal)) + '\n', 'stderr'));
      }
    });
    on('debug-listening', (info) => this.onDebugListening(info));
  }

  private onDebugListening(info: InvokerEvents['debug-listening'][0]): void {
    const mode = this.args.__fgtk?.timeoutWhileDebugging ?? 'pauseAtBreakpoints';
    if (info.kind === 'custom') {
      this.console(t('A debugger is listening on {0}:{1}: attach to it.', info.host, info.port));
      return;
    }
    // Waiting for the child debugger to attach is not the function's time; with "disabled" nothing counts.
    if (mode !== 'enforced') this.pause(mode === 'disabled' ? 'session' : 'attach');
    this.debugPort = info.port;
    const body: StartChildBody = {
      kind: info.kind, host: info.host, port: info.port,
      functionDir: this.spec!.codeDir, functionName: this.spec!.name, stopOnEntry: this.args.stopOnEntry ?? false,
    };
    this.sendEvent(new Event(START_CHILD_EVENT, body));
  }

  private enqueue(event: ResolvedEvent): Promise<InvocationResult | undefined> {
    const run = this.queue.then(() => this.invokeOne(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async invokeOne(event: ResolvedEvent): Promise<InvocationResult | undefined> {
    if (this.disposed || !this.invoker) return undefined;
    this.console(t('Sending {0}', event.label));
    let result: InvocationResult;
    try {
      result = await this.invoker.invoke(event.body);
    } catch (err) {
      if (!this.disposed) this.sendEvent(new OutputEvent(`${(err as Error).message}\n`, 'stderr'));
      throw err;
    }
    this.sendEvent(new OutputEvent(resultText(result) + '\n', 'stdout'));
    const failure = failureLine(result);
    if (failure) this.sendEvent(new OutputEvent(failure + '\n', 'stderr'));
    for (const warning of result.warnings) this.console(`WARNING ${warning}`);
    // The shims wait for our debugger before the first GET, so that wait is in a cold start's init duration.
    this.sendEvent(new OutputEvent(reportLine(result, { initWaitedForDebugger: attachesDebugger(this.debug) }) + '\n', 'stdout'));
    const body: ResultEventBody = { ...resultToCommandJson(result), ...(event.file ? { eventFile: event.file } : {}) };
    this.sendEvent(new Event(RESULT_EVENT, body));
    return result;
  }

  /** What attachPhpDebugger needs from this session: the console, the child-session request and its answer. */
  private phpDebuggerHost(): PhpDebuggerHost {
    return {
      console: (text) => this.console(text),
      startChild: (port, realFunctionDir) => {
        const answered = new Promise<string | undefined>((resolve) => { this.childAnswered = resolve; });
        const body: StartChildBody = {
          kind: 'php', host: '127.0.0.1', port, functionDir: this.spec!.codeDir, functionName: this.spec!.name, stopOnEntry: this.args.stopOnEntry ?? false,
          ...(realFunctionDir ? { realFunctionDir } : {}),
        };
        this.sendEvent(new Event(START_CHILD_EVENT, body));
        return answered;
      },
      disposed: () => this.disposed,
    };
  }

  private log(line: LogLine): void {
    // The debuggers' own banners on stderr (Node's inspector, debugpy) are not the function's errors.
    // (The JVM prints its JDWP line on stdout, and Delve its own.)
    const banner = (line.stream === 'stderr' || line.text.startsWith('Listening for transport dt_socket') || (line.stream === 'stdout' && this.debug?.kind === 'go')) && DEBUGGER_BANNER.test(line.text);
    // When we attach the debugger ourselves, its "listening on ws://..." lines are noise; a custom
    // bootstrap's own debugger keeps them (the user attaches by hand).
    if (banner && attachesDebugger(this.debug)) return;
    const category = line.stream === 'emulator' || banner ? 'console' : line.stream;
    this.sendEvent(new OutputEvent(line.text.endsWith('\n') ? line.text : line.text + '\n', category));
  }

  private console(text: string): void {
    this.sendEvent(new OutputEvent(text + '\n', 'console'));
  }

  protected override async customRequest(command: string, response: DebugProtocol.Response, args: unknown): Promise<void> {
    switch (command) {
      case CustomRequests.sendEvent: {
        if (!this.invoker || !this.spec || this.disposed) {
          this.sendErrorResponse(response, 1002, t('The session has no running function.'));
          return;
        }
        try {
          const event = await resolveEvent((args as SendEventArguments | undefined)?.event ?? {}, this.spec.configDir);
          const result = await this.enqueue(event);
          response.body = result ? resultToCommandJson(result) : undefined;
          this.sendResponse(response);
        } catch (err) {
          this.sendErrorResponse(response, { id: 1003, format: (err as Error).message, showUser: err instanceof LaunchError });
        }
        return;
      }
      case CustomRequests.pauseTimeout:
        if ((this.args.__fgtk?.timeoutWhileDebugging ?? 'pauseAtBreakpoints') !== 'enforced') this.pause('stopped');
        this.sendResponse(response);
        return;
      case CustomRequests.resumeTimeout:
        this.resume('stopped');
        this.sendResponse(response);
        return;
      case CustomRequests.childAttached: {
        // May arrive after the handler already stopped at a breakpoint (debugpy answers attach late):
        // only the attach wait ends here.
        const { error, attachByHand } = (args ?? {}) as ChildAttachedArguments;
        if (typeof error === 'string') this.sendEvent(new OutputEvent(t('Could not attach a debugger to the handler: {0}', error) + '\n', 'stderr'));
        if (typeof attachByHand === 'string') this.attachByHand(attachByHand);
        this.childAnswered?.(typeof error === 'string' ? error : undefined);
        this.childAnswered = undefined;
        this.resume('attach');
        this.sendResponse(response);
        return;
      }
      default:
        super.customRequest(command, response, args);
    }
  }

  /**
   * No child debugger could be started for the JVM (the Java Debugger extension is not installed): say
   * which extension to install and where any JDWP debugger attaches. We cannot see that debugger's
   * breakpoints, so the function timeout is off for the session.
   */
  private attachByHand(missingExtension: string): void {
    const port = this.debugPort;
    this.console(t('Java breakpoints in VS Code need the "Debugger for Java" extension ({0}): install it and start debugging again.', missingExtension));
    this.console(t('The JVM waits for a debugger on 127.0.0.1:{0}: attach any JDWP debugger there (for example: jdb -attach 127.0.0.1:{0}).', String(port ?? '?')));
    if ((this.args.__fgtk?.timeoutWhileDebugging ?? 'pauseAtBreakpoints') !== 'enforced') {
      this.pause('session');
      this.console(t('The function timeout is off while this session runs (setting functiongraph.debug.timeoutWhileDebugging).'));
    }
  }

  private pause(reason: 'attach' | 'stopped' | 'session'): void {
    if (this.pauses.size === 0) this.invoker?.pauseTimeout();
    this.pauses.add(reason);
  }

  private resume(reason: 'attach' | 'stopped' | 'session'): void {
    if (!this.pauses.delete(reason)) return;
    if (this.pauses.size === 0) this.invoker?.resumeTimeout();
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    // The handler's threads belong to the child session; this one only drives invocations.
    response.body = { threads: [] };
    this.sendResponse(response);
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.end();
    this.sendResponse(response);
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.stopInstance();
    this.sendResponse(response);
  }

  /** Ends the session from our side: stop everything, then tell the client. */
  private async end(): Promise<void> {
    const first = !this.disposed;
    await this.stopInstance();
    if (first) this.sendEvent(new TerminatedEvent());
  }

  /** Disposing the Invoker stops the instance and its whole process tree. */
  private async stopInstance(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.watcher?.close();
    await this.invoker?.dispose();
    await this.closeCode().catch(() => undefined);
  }

  override dispose(): void {
    void this.stopInstance();
    super.dispose();
  }
}
