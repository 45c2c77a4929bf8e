// Reading a function's log lines from LTS: a window back from now, then (follow) polling for what
// came after the last line seen. LTS has no push stream; ~2 s polling is what the console does.
import { t } from '../l10n';
import type { CloudApi, CloudLogLine, LogCursor } from './api';

/** `15m`, `2h`, `1d`, `30s`, `90` (seconds) → milliseconds. */
export function parseSince(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i.exec(value.trim());
  if (!m) throw new Error(t('--since takes a duration such as 30s, 15m, 2h or 1d, not "{0}".', value));
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const ms = Number(m[1]) * unit;
  if (ms > 30 * 86_400_000) throw new Error(t('--since reaches back at most 30 days (the log service keeps no more in one query).'));
  return ms;
}

export interface FollowOptions {
  sinceMs: number;
  follow?: boolean;
  pollMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** Yields batches of lines, oldest first; with follow, keeps polling until the signal aborts. */
export async function* readLogs(api: CloudApi, functionUrn: string, options: FollowOptions): AsyncGenerator<CloudLogLine[]> {
  const now = options.now ?? Date.now;
  const since = now() - options.sinceMs;
  let after: LogCursor | undefined;
  for (;;) {
    // Page through everything up to now.
    for (;;) {
      const batch = await api.logLines(functionUrn, { since, until: now(), after, limit: 1000 }, { signal: options.signal });
      if (batch.length) {
        after = batch[batch.length - 1].cursor;
        yield batch;
      }
      if (batch.length < 1000) break;
    }
    if (!options.follow || options.signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.pollMs ?? 2_000);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    if (options.signal?.aborted) return;
  }
}
