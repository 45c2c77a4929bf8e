// Retries for idempotent reads (list, get, export, logs): on 429, 5xx, timeouts and dropped
// connections, with exponential backoff and jitter, and never past the caller's cancel.
import { CloudCallError } from './callError';

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  signal?: AbortSignal;
  /** Test seam: the pause between attempts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const base = options.baseDelayMs ?? 300;
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const retryable = err instanceof CloudCallError && err.retryable;
      if (!retryable || attempt >= attempts || options.signal?.aborted) throw err;
      const delay = base * 2 ** (attempt - 1);
      await sleep(delay / 2 + Math.random() * (delay / 2), options.signal);
    }
  }
}
