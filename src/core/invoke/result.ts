// From how a delivery ended (an Outcome) to the InvocationResult the CLI, the debug adapter and the
// tree render: status, INV-3 error object, INV-4 durations and memory, and the message that says
// what happened and what to do.
import { asApigEvent, isApigResult, parseJson } from '../emulator/httpBridge';
import { MAX_SYNC_PAYLOAD } from '../emulator/runtimeApiServer';
import { formatBytes } from '../format';
import { InvokeErrors } from './errors';
import { describeExit, type Instance } from './instance';
import type { Outcome } from './outcome';
import type { InvocationResult, InvocationStatus, LogLine } from './types';
import { t } from '../l10n';

/**
 * INV-4 billed duration. FunctionGraph bills execution time in 1 ms steps, so the billed duration
 * is the duration rounded up to the next whole millisecond (at least 1 ms for any run).
 */
export function billedDuration(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** From the instance taking the event to its answer (0 when it never took it). */
export function durationOf(o: Outcome, deliveredAt: number | undefined): number {
  const endAt = 'at' in o ? o.at : o.kind === 'answer' ? o.answer.at : performance.now();
  return deliveredAt !== undefined ? Math.max(0, endAt - deliveredAt) : 0;
}

export interface ResultInput {
  requestId: string;
  logs: LogLine[];
  /** The event as sent (HTTP-4 checks answers to API-gateway events). */
  body: Buffer;
  cold: boolean;
  deliveredAt: number | undefined;
  durationMs: number;
  /** The instance that had the event (or the one that failed to start). */
  instance: Instance | undefined;
  memoryMB: number;
  timeoutS: number;
  /** The timeout came from an option (`--timeout`), not the config: the message says so. */
  timeoutFromOption: boolean;
  initTimeoutMs: number;
  /** What the instance's delivery mode waits for, for InitTimeout ("ask for an event (GET …)"). */
  readiness: string;
  warn: (text: string) => void;
}

export function buildResult(o: Outcome, input: ResultInput): InvocationResult {
  const { requestId, logs, cold, durationMs, instance: inst, memoryMB } = input;
  const base = {
    requestId,
    durationMs,
    billedDurationMs: billedDuration(durationMs),
    memorySizeMB: memoryMB,
    maxMemoryUsedMB: inst?.sampler.peakMB ?? 0,
    initDurationMs: cold && inst?.readyAt !== undefined ? inst.readyAt - inst.spawnedAt : undefined,
    coldStart: cold,
    logs,
    warnings: [] as string[],
  };
  const fail = (status: InvocationStatus, errorType: string, message: string, over: Partial<InvocationResult> = base) => failureResult(requestId, logs, memoryMB, status, errorType, message, over);
  // Object.assign onto `base`, not `{ ...base, status, ... }`: V8 makes a spread followed by more
  // properties a slow dictionary-mode copy (~4 µs), and this runs on every warm invocation.
  switch (o.kind) {
    case 'answer': {
      const a = o.answer;
      if (a.kind === 'response') {
        const result: InvocationResult = Object.assign(base, { status: 'ok' as const, output: a.body, outputText: a.body.toString('utf8') });
        const w = apigShapeWarning(input.body, a.body);
        if (w) {
          result.warnings.push(w);
          input.warn(w);
        }
        return result;
      }
      if (a.kind === 'error') return Object.assign(base, { status: 'error' as const, output: a.body, outputText: a.body.toString('utf8'), error: parseError(a.body) });
      if (a.kind === 'too-large') return fail('error', InvokeErrors.responseTooLarge, t('The function\'s response is {0}; FunctionGraph returns at most {1} (INV-5). The function was told with a 413.', formatBytes(a.size), formatBytes(MAX_SYNC_PAYLOAD)));
      return fail('error', InvokeErrors.emulator, t('The event was withdrawn before the function received it.'));
    }
    case 'http':
      return Object.assign(base, { status: 'ok' as const, output: o.output, outputText: o.output.toString('utf8') });
    case 'http-error':
      return fail('error', o.error.errorType, o.error.message);
    case 'timeout':
      if (input.deliveredAt === undefined || o.phase === 'init') {
        return fail('timeout', InvokeErrors.initTimeout, t('The instance did not {0} within {1} s of starting, so it was stopped. Check the log above for where it hangs.', input.readiness, Math.round(input.initTimeoutMs / 1000)) + lastLines(inst));
      }
      return fail('timeout', InvokeErrors.timeout, input.timeoutFromOption
        ? t('Invocation timed out after {0} s (the function\'s Timeout, from --timeout). Its whole process tree was stopped; the next invocation starts a fresh instance (INV-1).', input.timeoutS)
        : t('Invocation timed out after {0} s (the function\'s Timeout). Its whole process tree was stopped; the next invocation starts a fresh instance (INV-1).', input.timeoutS));
    case 'memory':
      return fail('error', InvokeErrors.memoryLimit, t('runtime memory limit exceeded: the instance used {0} MB of its {1} MB (INV-2). Raise MemorySize or use less memory.', o.usedMB, memoryMB), { ...base, maxMemoryUsedMB: Math.max(base.maxMemoryUsedMB, o.usedMB) });
    case 'exit': {
      const exit = inst?.exit ?? { code: null, signal: null };
      const how = describeExit(exit);
      const what = input.deliveredAt === undefined
        ? t('The instance {0} while starting, before it could {1}.', how, input.readiness)
        : t('The instance {0} while request {1} was outstanding.', how, requestId);
      return fail('crashed', InvokeErrors.crashed, `${what}${lastLines(inst)}`);
    }
    case 'disposed':
      return fail('error', InvokeErrors.disposed, t('The invoke session was stopped during this invocation.'));
    case 'start-failed':
      return fail('error', o.errorType, o.message);
  }
}

/** The instance's last output lines, for a message about why it failed (empty when it wrote none). */
function lastLines(inst: Instance | undefined): string {
  const last = inst?.lastLines.slice(-10) ?? [];
  return last.length > 0 ? `\n${t('Last log lines:')}\n${last.map((l) => `  ${l}`).join('\n')}` : '';
}

/** A result for an invocation that failed without an answer from the function (INV-3 error object as output). */
export function failureResult(requestId: string, logs: LogLine[], memoryMB: number, status: InvocationStatus, errorType: string, errorMessage: string, base?: Partial<InvocationResult>): InvocationResult {
  const error = { errorType, errorMessage };
  const output = Buffer.from(JSON.stringify(error));
  return {
    requestId,
    durationMs: 0,
    billedDurationMs: 0,
    memorySizeMB: memoryMB,
    maxMemoryUsedMB: 0,
    coldStart: false,
    warnings: [],
    ...base,
    logs,
    status,
    output,
    outputText: output.toString('utf8'),
    error,
  };
}

/** HTTP-4: an event function behind an API gateway must answer in the gateway's shape. */
function apigShapeWarning(event: Buffer, output: Buffer): string | undefined {
  if (event.indexOf('"httpMethod"') < 0) return undefined;
  if (!asApigEvent(parseJson(event))) return undefined;
  if (isApigResult(output)) return undefined;
  return t('The event is an API-gateway event, but the result is not {0}; behind a real gateway this becomes an error 500 (HTTP-4).', '{"statusCode", "headers", "body", "isBase64Encoded"}');
}

/** INV-3 error object from an error POST: JSON `{errorType, errorMessage, stackTrace}` or plain text. */
function parseError(body: Buffer): InvocationResult['error'] {
  const v = parseJson(body);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const errorMessage = typeof o.errorMessage === 'string' ? o.errorMessage : JSON.stringify(v);
    const errorType = typeof o.errorType === 'string' ? o.errorType : 'FunctionError';
    const stackTrace = Array.isArray(o.stackTrace) ? o.stackTrace.map(String) : undefined;
    return stackTrace ? { errorType, errorMessage, stackTrace } : { errorType, errorMessage };
  }
  return { errorType: 'FunctionError', errorMessage: body.toString('utf8') };
}
