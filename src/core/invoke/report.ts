// How an invocation is summed up, one way for the CLI, the Debug Console and the Invocations output:
// the REPORT line (INV-4, the platform's shape, which the log grammar highlights) and a plain-JSON
// copy of the result (`fgtk invoke --json`, DAP custom events; Buffers do not travel).
import type { InvocationResult, InvocationSummary } from './types';

const ms = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const round = (n: number) => Math.round(n * 1000) / 1000;

export interface ReportOptions {
  /** Print `Status: <status>` after the request ID (the CLI, where no colour may tell). */
  status?: InvocationResult['status'];
  /** The init duration includes waiting for a debugger to attach: say so. */
  initWaitedForDebugger?: boolean;
}

/** `REPORT RequestId: <id>[\tStatus: <s>]\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: <n> MB\tMax Memory Used: <n> MB[\tInit Duration: <n> ms]` */
export function reportLine(s: InvocationSummary, options: ReportOptions = {}): string {
  const parts = [
    `REPORT RequestId: ${s.requestId}`,
    ...(options.status ? [`Status: ${options.status}`] : []),
    `Duration: ${ms(s.durationMs)} ms`,
    `Billed Duration: ${Math.round(s.billedDurationMs)} ms`,
    `Memory Size: ${Math.round(s.memorySizeMB)} MB`,
    `Max Memory Used: ${Math.round(s.maxMemoryUsedMB)} MB`,
  ];
  if (s.initDurationMs !== undefined) {
    parts.push(`Init Duration: ${ms(s.initDurationMs)} ms${options.initWaitedForDebugger ? ' (including the wait for the debugger)' : ''}`);
  }
  return parts.join('\t');
}

/** The result as plain JSON: the body as text, and as base64 too when text would lose bytes. */
export function resultToJson(r: InvocationResult) {
  const text = r.outputText;
  const lossless = Buffer.byteLength(text) === r.output.length && Buffer.from(text, 'utf8').equals(r.output);
  return {
    requestId: r.requestId,
    status: r.status,
    output: text,
    ...(lossless ? {} : { outputBase64: r.output.toString('base64') }),
    ...(r.error ? { error: r.error } : {}),
    durationMs: round(r.durationMs),
    billedDurationMs: r.billedDurationMs,
    memorySizeMB: r.memorySizeMB,
    maxMemoryUsedMB: r.maxMemoryUsedMB,
    ...(r.initDurationMs !== undefined ? { initDurationMs: round(r.initDurationMs) } : {}),
    coldStart: r.coldStart,
    warnings: r.warnings,
    logs: r.logs.map((l) => ({ time: l.time.toISOString(), stream: l.stream, level: l.level, text: l.text, ...(l.requestId ? { requestId: l.requestId } : {}) })),
  };
}
export type InvocationResultJson = ReturnType<typeof resultToJson>;
