// How one delivery of an event ended, before it becomes an InvocationResult (result.ts). Delivery
// modes report the first three kinds; the invoker and the supervisor the rest.
import type { BridgeError } from '../emulator/httpBridge';
import type { Answer } from '../emulator/runtimeApiServer';

export type Outcome =
  /** The function answered through the runtime API. */
  | { kind: 'answer'; answer: Answer }
  /** An HTTP function replied (the platform's result shape), at `at` (performance.now()). */
  | { kind: 'http'; output: Buffer; at: number }
  | { kind: 'http-error'; error: BridgeError; at: number }
  /** The instance ended while the event was outstanding, or before it could take it. */
  | { kind: 'exit' }
  | { kind: 'timeout'; phase: 'init' | 'run' }
  | { kind: 'memory'; usedMB: number }
  | { kind: 'disposed' }
  | { kind: 'start-failed'; message: string; errorType: string };
