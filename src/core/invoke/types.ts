// The invoke engine's public shape. The CLI, the debug adapter and the tree all drive one
// `Invoker` (architecture.md: one engine) and only render what it emits.
import type { FunctionSpec } from '../config';

export type InvocationStatus = 'ok' | 'error' | 'timeout' | 'crashed';

export interface LogLine {
  time: Date;
  /** `emulator` lines are ours (pre-flight notes, interpreter choice, warnings). */
  stream: 'stdout' | 'stderr' | 'emulator';
  /** The function logger's level for its own lines (INV-6, logLevel.ts); `info` for anything else printed. */
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
  /** The invocation that was outstanding when the line was written, if any. */
  requestId?: string;
}

/** INV-4, plus the init duration of cold starts. */
export interface InvocationSummary {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  /** Measured peak resident memory of the instance's process tree, never the configured size. */
  maxMemoryUsedMB: number;
  /** Spawn to first GET of the runtime API (or port 8000 accepting), on cold starts only. */
  initDurationMs?: number;
}

export interface InvocationResult extends InvocationSummary {
  status: InvocationStatus;
  /** The function's result body, exactly as posted. */
  output: Buffer;
  /** `output` decoded as UTF-8, for display. */
  outputText: string;
  /** INV-3 error object when status is not `ok`. */
  error?: { errorType: string; errorMessage: string; stackTrace?: string[] };
  coldStart: boolean;
  logs: LogLine[];
  /** Non-fatal findings, e.g. HTTP-4 shape warnings for APIG events. */
  warnings: string[];
}

/** Where the platform's `/opt/function/runtime/...` interpreters are found on this machine. */
export interface InterpreterSettings {
  /** Explicit interpreter per platform runtime name or family, e.g. `{"Node.js18.15": "/usr/bin/node", "python": "/usr/bin/python3"}`. */
  paths?: Record<string, string>;
  /** Who sets them, so that messages name the right knob: the CLI's --interpreter, or the extension's setting (default). */
  host?: 'cli' | 'vscode';
}

export interface DebugOptions {
  /**
   * Node.js shim under `--inspect` (it waits for the debugger), Python shim under debugpy, PHP shim
   * under Xdebug (which connects to a debugger already listening on `port`), the Java shim under JDWP
   * (suspended until a debugger attaches), a Go 1.x binary under Delve (halted until configured), or a
   * custom bootstrap told the port.
   */
  kind: 'node' | 'python' | 'php' | 'java' | 'go' | 'custom';
  /** Port the debuggee listens on (PHP: the one its debugger listens on); 0 or absent picks a free one. */
  port?: number;
  /** Node.js, Python and PHP shims: pause right before the first call into the user's code (initializer or handler). */
  stopOnEntry?: boolean;
  /**
   * How long the debuggee may take to listen on its port before the instance is given up as broken
   * (it neither listens nor asks for an event, and the init timeout is off under a debugger). 30 s.
   */
  listenLimitMs?: number;
}

export interface InvokerOptions {
  /** Overrides of the config (CLI `--timeout`, `--memory`, launch attributes). */
  timeoutS?: number;
  memoryMB?: number;
  env?: Record<string, string>;
  /** INV-2: fail the invocation when the measured memory exceeds the configured size. */
  enforceMemory?: boolean;
  interpreters?: InterpreterSettings;
  debug?: DebugOptions;
  /** API-2: sent as headers only when set. Never logged. */
  credentials?: { accessKey?: string; secretKey?: string; authToken?: string; securityToken?: string };
  invokeType?: 'sync' | 'async';
  /** ENV-1 `RUNTIME_PROJECT_ID` and the EXT-3 URN; a fixed local value by default. */
  projectId?: string;
  /** HTTP-2 `X-CFF-Region` and the EXT-3 URN; `local` by default. */
  region?: string;
  /** The .zip the code was unpacked from (`fgtk invoke x.zip`): messages name it instead of the temporary folder. */
  packageZip?: string;
}

/** Events an Invoker emits, in order of a typical run. */
export interface InvokerEvents {
  /** An instance process was started (cold start). */
  'instance-start': [info: { pid: number; command: string; args: string[]; coldStartReason: string }];
  /** A debuggee is listening and waits for a debugger (DebugOptions). */
  'debug-listening': [info: { kind: DebugOptions['kind']; host: string; port: number }];
  log: [line: LogLine];
  result: [result: InvocationResult];
  /** The instance ended; `expected` is false for crashes. */
  'instance-exit': [info: { pid: number; code: number | null; signal: string | null; expected: boolean }];
}

export interface IInvoker {
  readonly spec: FunctionSpec;
  /** Sends one event (raw bytes as the user wrote them, API-1) and resolves with its result; queued FIFO. */
  invoke(event: Buffer | string): Promise<InvocationResult>;
  /** While paused (a debugger stopped at a breakpoint), the invocation timeout does not run. */
  pauseTimeout(): void;
  resumeTimeout(): void;
  /** The function's code or config changed: the next event goes to a fresh (rebuilt) instance. */
  restartBeforeNextEvent?(file: string): void;
  /** A file the runtime's build step writes: its change is not a code change. */
  isPrepareOutput?(file: string): boolean;
  /** Stops the instance and its whole process tree, answers pending invocations with errors. */
  dispose(): Promise<void>;
  on<K extends keyof InvokerEvents>(event: K, listener: (...args: InvokerEvents[K]) => void): this;
}

/** A local interpreter chosen for a platform runtime (`Node.js18.15` → `/usr/bin/node` v20.20.2). */
export interface ResolvedInterpreter {
  /** Absolute path of the real executable (pyenv and similar shims already resolved). */
  path: string;
  /** Its own version, e.g. `20.20.2` or `3.11.2`. */
  version: string;
  family: 'nodejs' | 'python' | 'java' | 'go' | 'php' | 'csharp';
  /** How it was chosen, for the logs: `Python3.9 → /usr/bin/python3 (3.11.2, from PATH)`. */
  note: string;
  /** Set when the local major version differs from the configured runtime's: a warning, not an error. */
  mismatch?: string;
}

/** How to start an instance process. */
export interface LaunchCommand {
  command: string;
  args: string[];
  /** Added to the ENV-1 environment. */
  env: Record<string, string>;
  /** A shim of ours that reports notices (FGTK_NOTICE_PREFIX); the user's own programs never see that variable. */
  reportsNotices?: boolean;
}
