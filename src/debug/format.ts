// How an invocation reads in the Debug Console and the Invocations output: the result as the
// function returned it, then one summary line (INV-4) that the log grammar highlights.
import type { InvocationResult, InvocationSummary } from '../core/invoke/types';

const ms = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** `REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: <n> MB\tMax Memory Used: <n> MB[\tInit Duration: <n> ms]` */
export function reportLine(s: InvocationSummary): string {
  const parts = [
    `REPORT RequestId: ${s.requestId}`,
    `Duration: ${ms(s.durationMs)} ms`,
    `Billed Duration: ${Math.round(s.billedDurationMs)} ms`,
    `Memory Size: ${Math.round(s.memorySizeMB)} MB`,
    `Max Memory Used: ${Math.round(s.maxMemoryUsedMB)} MB`,
  ];
  if (s.initDurationMs !== undefined) parts.push(`Init Duration: ${ms(s.initDurationMs)} ms`);
  return parts.join('\t');
}

/** The line naming what went wrong, for results that are not `ok`. */
export function failureLine(r: InvocationResult): string | undefined {
  if (r.status === 'ok') return undefined;
  const what = r.error ? `${r.error.errorType}: ${r.error.errorMessage}` : r.status;
  return `ERROR (${r.status}) ${what}`;
}

/** The result body for display; an empty body says so rather than printing nothing. */
export function resultText(r: InvocationResult): string {
  return r.outputText === '' ? '(empty result)' : r.outputText;
}

/** A plain-JSON copy of a result for commands and custom requests (Buffers do not travel). */
export function resultToJson(r: InvocationResult) {
  return {
    status: r.status,
    requestId: r.requestId,
    output: r.outputText,
    outputText: r.outputText,
    error: r.error,
    coldStart: r.coldStart,
    durationMs: r.durationMs,
    billedDurationMs: r.billedDurationMs,
    memorySizeMB: r.memorySizeMB,
    maxMemoryUsedMB: r.maxMemoryUsedMB,
    initDurationMs: r.initDurationMs,
    warnings: r.warnings,
    logs: r.logs.map((l) => ({ stream: l.stream, level: l.level, text: l.text })),
  };
}
export type InvocationResultJson = ReturnType<typeof resultToJson>;
