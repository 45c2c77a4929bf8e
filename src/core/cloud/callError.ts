// A failed cloud call as plain data (no wording: errors.ts turns it into a message a person can act
// on, in their language). Kept apart so the lazily loaded SDK bundle carries no l10n state.

export type CloudFailureKind = 'http' | 'timeout' | 'network' | 'aborted' | 'too-large' | 'other';

const BRAND = Symbol.for('fgtk.CloudCallError');

export class CloudCallError extends Error {
  /**
   * The SDK side lives in its own bundle (dist/cloud-huawei.js) with its own copy of this class:
   * instanceof goes by a registered symbol, not by identity.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
  readonly [BRAND] = true;

  constructor(
    /** What we asked for: `listFunctions`, `updateCode`, `ListLogs`… */
    readonly operation: string,
    readonly kind: CloudFailureKind,
    /** The HTTP status when the service answered. */
    readonly status: number | undefined,
    /** The service's code (`APIGW.0301`, `FSS.1051`). */
    readonly errorCode: string | undefined,
    /** The service's own text, with every secret already replaced by `****`. */
    readonly serviceMessage: string | undefined,
    readonly requestId?: string,
  ) {
    super(`${operation} failed: ${status ?? kind}${errorCode ? ` ${errorCode}` : ''}${serviceMessage ? ` ${serviceMessage}` : ''}`);
    this.name = 'CloudCallError';
  }

  /** Worth asking again: throttled, a server error, a dropped connection or a timeout. */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    return this.kind === 'http' && this.status !== undefined && (this.status === 429 || this.status >= 500);
  }
}
