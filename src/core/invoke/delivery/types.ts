// How the emulator hands an event to a running instance and gets its answer: one module per mode
// (the runtime API that bootstraps and shims poll, the HTTP bridge to port 8000, ...), all behind
// the Delivery interface below. The invoker neither knows nor switches on which one runs.
import type { FunctionSpec } from '../../config';
import type { Credentials, RuntimeApiServer } from '../../emulator/runtimeApiServer';
import type { Instance } from '../instance';
import type { Outcome } from '../outcome';
import type { LogLine } from '../types';
import type { DeliveryMode } from './index';

/**
 * One delivery mode. To add one: write `delivery/<mode>.ts` exporting a DeliveryModule and add one
 * line to DELIVERIES in `delivery/index.ts`; a launch module then names the mode in its plan. What a
 * mode needs from the launch (say the port the process serves on) travels in the plan's command
 * environment, which the delivery reads back as `job.instance.launch.env`.
 */
export interface DeliveryModule {
  /**
   * Before an instance of this mode starts (and at pre-flight): undefined to go ahead; `{mode, note}`
   * to start it in another mode instead (logged); `{errorType, message}` when it cannot start now.
   */
  beforeStart?(): Promise<BeforeStart>;
  /** One per invoke session, created when the session first needs the mode. */
  create(session: DeliverySession): Delivery;
}

export type BeforeStart = undefined | { mode: DeliveryMode; note: string } | { errorType: string; message: string };

/** A delivery mode's state within one invoke session. */
export interface Delivery {
  /** Hands the job's event to its instance; reports how it ended through `job.finish` (once; later calls are ignored). */
  deliver(job: DeliveryJob): void;
  /** What a starting instance must do to count as ready, for the InitTimeout message ("did not … within 3 s"). */
  readonly readiness: string;
  /**
   * Whether a warm instance that ended before it took the event (a one-shot bootstrap that exits after
   * each answer) hands the event to a fresh instance, as the platform does, instead of failing it.
   */
  readonly redeliverAfterIdleExit: boolean;
  /** Takes back an event no instance has received yet; true if it was still waiting. */
  withdraw(requestId: string): boolean;
  /** The invocation is over without an answer (timeout, crash, stop): a late answer must not count. */
  abandon(requestId: string): void;
  /** A new instance starts: forget what belonged to the previous one (connections, waiting requests). */
  reset(): void;
  dispose(): void;
}

/** What every delivery mode of a session shares. */
export interface DeliverySession {
  readonly spec: FunctionSpec;
  readonly memoryMB: number;
  readonly timeoutS: number;
  readonly projectId: string;
  readonly region: string;
  /** API-2 credentials, for modes that send them themselves (Go 1.x headers); never logged. */
  readonly credentials?: Credentials;
  /** The runtime API and extensions API server every instance is given (ENV-1), whatever its mode. */
  readonly server: RuntimeApiServer;
  /** Until the first GET (or port 8000 accepting): the function's timeout plus its initializer's; Infinity under a debugger. */
  readonly initTimeoutMs: number;
  /** The instance was ready at `at` (performance.now()): the end of its init duration. The first call counts. */
  markReady(instance: Instance, at: number): void;
  /** The instance's mode as now known (`detect` learns it from what the bootstrap does first). */
  readonly mode: DeliveryMode;
  settleMode(mode: DeliveryMode): void;
  /** Another mode of this session (detection hands over to the mode it found). */
  delivery(mode: DeliveryMode): Delivery;
  log(level: LogLine['level'], text: string): void;
}

/** One invocation being delivered. */
export interface DeliveryJob {
  readonly requestId: string;
  /** The event's raw bytes (API-1). */
  readonly body: Buffer;
  readonly invokeType: 'sync' | 'async';
  /** This invocation started the instance (its first event). */
  readonly cold: boolean;
  readonly instance: Instance;
  /** When the instance took the event (performance.now()); undefined until then. */
  readonly deliveredAt: number | undefined;
  /** Still the invocation in flight (not answered, timed out or stopped). */
  readonly active: boolean;
  /** The instance took the event at `at`: the duration starts, and the run timeout, which calls `onTimeout` before it fails the job. */
  delivered(at: number, onTimeout?: () => void): void;
  /** Runs `listener` when the instance takes the event (a mode that learns from it, like detection). */
  whenDelivered(listener: (at: number) => void): void;
  /** Bounds a wait (for readiness, or for a warm instance to ask) by `ms`; when it passes, `onTimeout` runs. */
  bound(ms: number, onTimeout: () => void): void;
  finish(outcome: Outcome): void;
}
