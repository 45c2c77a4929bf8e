// How an instance's process starts, per runtime. The launch modules beside this file each know one
// runtime (a bootstrap, the Node.js shim, the Python shim, ...); `planLaunch` in index.ts picks one by
// the function's runtime family and adds the checks every runtime shares.
import type { FunctionSpec } from '../../config';
import type { DeliveryMode } from '../delivery';
import type { InvokerOptions, LaunchCommand, ResolvedInterpreter } from '../types';

export interface LaunchPlan {
  errors: string[];
  warnings: string[];
  /** Emulator log lines: which interpreter or shell, and why. */
  notes: string[];
  launch?: LaunchCommand;
  /** How the emulator hands events to the instance (a key of the delivery registry). */
  mode: DeliveryMode;
  interpreter?: ResolvedInterpreter;
  /** The launch module's prepare step (LaunchModule.prepare), run by the supervisor before the instance starts. */
  prepare?: PrepareStep;
}

/** The hook compiled runtimes fill (see LaunchModule.prepare and docs/architecture.md). */
export interface PrepareStep {
  /**
   * Does the work, its output line by line to `log`. `error` (the compiler's verdict) when the
   * instance must not start; `note` says what it did; `changed` when it wrote its outputs.
   */
  run: (log: (line: string) => void, signal?: AbortSignal) => Promise<{ error: string } | { error?: undefined; note?: string; changed: boolean }>;
  /** Files it writes (absolute): their changes are not code changes, so a build never triggers a restart. */
  outputs: string[];
}

export interface LaunchRequest {
  spec: FunctionSpec;
  options: InvokerOptions;
  /** The port a debuggee listens on, when the session debugs (chosen by the supervisor). */
  debugPort?: number;
}

/**
 * One runtime's way of starting its process. To add a runtime: write `launch/<runtime>.ts` exporting a
 * LaunchModule and add one line to LAUNCHERS in `launch/index.ts`.
 *
 * `plan` runs at pre-flight (`fgtk invoke` before anything starts) and again at every cold start.
 * It sets `plan.launch` (the command, its arguments and extra environment) and `plan.mode` (the
 * delivery mode its process speaks), or pushes errors that say what is wrong and how to fix it. It
 * never spawns the function itself: the supervisor does, from the plan.
 */
export interface LaunchModule {
  plan(request: LaunchRequest, plan: LaunchPlan): Promise<void>;
  /**
   * What must happen before an instance can start, for compiled runtimes: Go 1.x builds its handler
   * when a source changed. It runs twice over: ahead of pre-flight (prepareFunction: F5, `fgtk
   * invoke`, tests), so a build error is reported as one and nothing starts; and before every cold
   * start (the supervisor), so a restart after a code change (a warm debug session, `fgtk invoke
   * --watch`) rebuilds first and never runs stale code. Undefined when there is nothing to do.
   */
  prepare?(spec: FunctionSpec, debug: boolean): Promise<PrepareStep | undefined>;
}
