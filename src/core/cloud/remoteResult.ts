// A cloud invocation in the shape of a local one (`fgtk invoke --json`, the REPORT line): the
// numbers come from the platform's own "Finish invoke request" line in the log tail.
import type { RemoteInvocation } from './api';

export interface RemoteSummary {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
}

const FINISH = /Finish invoke request '([^']*)', duration: ([\d.]+)ms, billing duration: ([\d.]+)ms, memory used: ([\d.]+)MB(?:, billing memory: ([\d.]+)MB)?/;
const LEVEL = /\b(DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b/;

export function summarize(inv: RemoteInvocation, memorySizeMB: number): RemoteSummary {
  const m = FINISH.exec(inv.log);
  return {
    requestId: inv.requestId || m?.[1] || '',
    durationMs: m ? Number(m[2]) : 0,
    billedDurationMs: m ? Number(m[3]) : 0,
    memorySizeMB: m?.[5] ? Number(m[5]) : memorySizeMB,
    maxMemoryUsedMB: m ? Number(m[4]) : 0,
  };
}

const levelOf = (text: string): 'info' | 'warn' | 'error' | 'debug' => {
  const l = LEVEL.exec(text)?.[1];
  return l === 'ERROR' || l === 'FATAL' ? 'error' : l === 'WARN' || l === 'WARNING' ? 'warn' : l === 'DEBUG' ? 'debug' : 'info';
};

/** The JSON fields of a local invocation (`fgtk invoke --json`), filled from the cloud's answer. */
export function remoteResultToJson(inv: RemoteInvocation, memorySizeMB: number) {
  const s = summarize(inv, memorySizeMB);
  const logs = inv.log.split('\n').filter((l) => l.length > 0).map((text) => {
    const ts = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z?)\s/.exec(text)?.[1];
    const when = ts ? new Date(ts) : undefined;
    return { time: when && !Number.isNaN(when.getTime()) ? when.toISOString() : undefined, stream: 'stdout' as const, level: levelOf(text), text, requestId: s.requestId };
  });
  let error: { errorMessage: string; errorType: string } | undefined;
  if (!inv.ok) {
    try {
      const parsed = JSON.parse(inv.result) as { errorMessage?: unknown; errorType?: unknown };
      error = { errorMessage: String(parsed.errorMessage ?? inv.result), errorType: String(parsed.errorType ?? 'FunctionError') };
    } catch {
      error = { errorMessage: inv.result, errorType: 'FunctionError' };
    }
  }
  return {
    requestId: s.requestId,
    status: inv.ok ? ('ok' as const) : ('error' as const),
    output: inv.result,
    ...(error ? { error } : {}),
    durationMs: s.durationMs,
    billedDurationMs: s.billedDurationMs,
    memorySizeMB: s.memorySizeMB,
    maxMemoryUsedMB: s.maxMemoryUsedMB,
    logs,
  };
}
export type RemoteResultJson = ReturnType<typeof remoteResultToJson>;
