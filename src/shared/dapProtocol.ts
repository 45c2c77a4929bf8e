// The custom DAP messages between the `functiongraph` debug adapter (src/debug) and the extension
// (src/extension): one typed module both sides import (house style 6). No `vscode`, no adapter code.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LaunchTarget } from '../core/invoke/launchTarget';
import type { CommandResultJson } from '../core/invoke/resultFormat';
import type { DebugOptions, InterpreterSettings } from '../core/invoke/types';

export type TimeoutWhileDebugging = 'pauseAtBreakpoints' | 'disabled' | 'enforced';

/** Settings the extension adds to a configuration before the session starts (not user-facing). */
export interface HostSettings {
  interpreters?: InterpreterSettings;
  enforceMemory?: boolean;
  timeoutWhileDebugging?: TimeoutWhileDebugging;
  /** The client starts child debug sessions (VS Code does; a bare DAP client does not). */
  childSessions?: boolean;
}

/** The `functiongraph` launch configuration (package.json `configurationAttributes` documents it for users). */
export interface FunctionGraphLaunchArguments extends DebugProtocol.LaunchRequestArguments, LaunchTarget {
  env?: Record<string, string>;
  timeout?: number;
  memory?: number;
  stopOnEntry?: boolean;
  /** Custom runtimes: exported to bootstrap as FGTK_DEBUG_PORT. */
  debugPort?: number;
  /** Keep the warm instance after the events (default true). */
  keepAlive?: boolean;
  __fgtk?: HostSettings;
}

/** Adapter → client event: attach a child debugger to the handler's process. */
export const START_CHILD_EVENT = 'functiongraph.startChild';
/** Adapter → client event after each invocation, with the plain-JSON result. */
export const RESULT_EVENT = 'functiongraph.result';

export interface StartChildBody {
  kind: DebugOptions['kind'];
  host: string;
  port: number;
  functionDir: string;
  functionName: string;
  stopOnEntry: boolean;
  /** PHP: functionDir with symbolic links resolved, as the runtime names its files, when that differs from functionDir. */
  realFunctionDir?: string;
}

/** The body of RESULT_EVENT, and of the sendEvent response; `eventFile` when the event came from a file (its expectation sits beside it). */
export type ResultEventBody = CommandResultJson & { eventFile?: string };
/** The `error.errorType` values of failures the emulator reports itself (the rest are the function's own). */
export { InvokeErrors, type InvokeErrorType } from '../core/invoke/errors';

/** Custom requests a client may send (`session.customRequest(name, args)` in VS Code). */
export const CustomRequests = {
  /** Another event to the warm instance: SendEventArguments → ResultEventBody. */
  sendEvent: 'sendEvent',
  /** A child debugger stopped / continued (the timeout must not fire at a breakpoint). */
  pauseTimeout: 'pauseTimeout',
  resumeTimeout: 'resumeTimeout',
  /** The child debugger is attached (or failed to: ChildAttachedArguments); the start-up wait is over. */
  childAttached: 'childAttached',
} as const;

export interface SendEventArguments {
  /** A path (relative to the function's folder) or the event itself; `{}` when absent. */
  event?: unknown;
}

export interface ChildAttachedArguments {
  /** Why the child debugger could not attach. */
  error?: string;
  /** No child debugger can attach (the extension that would is not installed, named here): the user attaches one by hand. */
  attachByHand?: string;
}
