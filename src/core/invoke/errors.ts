// The INV-3 `errorType` of every failure the emulator reports itself (a function's own errors keep
// the type it posted). Clients match these names (src/shared re-exports them as part of the result
// contract), never string literals of their own.
export const InvokeErrors = {
  /** The instance cannot start; the message says what to fix (no interpreter, bootstrap not executable...). */
  preflight: 'PreflightError',
  /** An HTTP function's port 8000 is taken by another program. */
  portInUse: 'PortInUse',
  /** The process could not be spawned at all. */
  startFailed: 'StartFailed',
  initTimeout: 'InitTimeout',
  timeout: 'Timeout',
  memoryLimit: 'MemoryLimitExceeded',
  crashed: 'InstanceCrashed',
  disposed: 'Disposed',
  emulator: 'EmulatorError',
  requestTooLarge: 'RequestTooLarge',
  responseTooLarge: 'ResponseTooLarge',
} as const;

export type InvokeErrorType = (typeof InvokeErrors)[keyof typeof InvokeErrors];
