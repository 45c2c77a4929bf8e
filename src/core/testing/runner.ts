// Runs a function's test events as tests: every event (or the chosen ones) on one warm instance of
// the invoke engine, each result matched with its expectation. `fgtk test` and the Testing API
// both call runFunctionTests and only render what it reports.
import { promises as fs } from 'node:fs';
import { eventName, listEvents, type FunctionSpec } from '../config';
import { Invoker } from '../invoke/invoker';
import { preflight } from '../invoke/launch';
import { prepareFunction } from '../invoke/prepare';
import type { IInvoker, InvocationResult, InvokerOptions } from '../invoke/types';
import { t } from '../l10n';
import { ExpectationError, loadExpectation } from './expectation';
import { matchExpectation } from './match';

export type CaseOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TestCaseResult {
  /** The event file's base name (`apig`). */
  name: string;
  eventFile: string;
  outcome: CaseOutcome;
  /** Why it failed, errored or was skipped. */
  message?: string;
  /** Expected and actual, as text for a diff. */
  expected?: string;
  actual?: string;
  durationMs: number;
  /** The invocation's result (absent when the event never ran). */
  result?: InvocationResult;
  /** The function's log lines of this invocation. */
  logs?: string;
}

export interface FunctionTestReport {
  name: string;
  dir: string;
  runtime: string;
  startedAt: Date;
  durationMs: number;
  cases: TestCaseResult[];
  /** The function could not be started at all (pre-flight): no case ran. */
  setupError?: string;
}

export interface RunTestsOptions {
  invoker?: InvokerOptions;
  /** The engine to run on; the real Invoker by default (the extension passes its own factory). */
  createInvoker?: (spec: FunctionSpec, options: InvokerOptions) => IInvoker;
  /** Only these event files (absolute paths), in this order; all of the function's by default. */
  events?: string[];
  /** Cancels the run: the instance is stopped, the remaining cases are skipped. */
  signal?: AbortSignal;
  /** Called before each event is sent and after each case is decided (live reporting). */
  onCaseStart?: (eventFile: string) => void;
  onCase?: (result: TestCaseResult) => void;
  /** Each invoker created, for callers that show its logs live. */
  onInvoker?: (invoker: IInvoker) => void;
}

/** Runs the function's events as tests on one warm instance. Never throws for the function's own failures. */
export async function runFunctionTests(spec: FunctionSpec, options: RunTestsOptions = {}): Promise<FunctionTestReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const report: FunctionTestReport = { name: spec.name, dir: spec.configDir, runtime: spec.runtime, startedAt, durationMs: 0, cases: [] };
  const events = options.events ?? await listEvents(spec);
  // Compiled runtimes build first, as for fgtk invoke and F5 (Go 1.x: go build when a source changed).
  const buildLog: string[] = [];
  const prepared = await prepareFunction(spec, { debug: false, onLine: (line) => buildLog.push(line), signal: options.signal });
  if (!prepared.ok) {
    report.setupError = [...buildLog, prepared.message].join('\n');
    report.durationMs = performance.now() - t0;
    return report;
  }
  const checks = await preflight(spec, options.invoker);
  if (checks.errors.length > 0) {
    report.setupError = checks.errors.join('\n');
    report.durationMs = performance.now() - t0;
    return report;
  }
  const invoker = (options.createInvoker ?? ((s, o) => new Invoker(s, o)))(spec, options.invoker ?? {});
  options.onInvoker?.(invoker);
  const stop = () => void invoker.dispose();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for (const eventFile of events) {
      const c = options.signal?.aborted
        ? { name: eventName(eventFile), eventFile, outcome: 'skipped' as const, message: t('The run was cancelled.'), durationMs: 0 }
        : await runCase(invoker, eventFile, options);
      report.cases.push(c);
      options.onCase?.(c);
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await invoker.dispose();
  }
  report.durationMs = performance.now() - t0;
  return report;
}

async function runCase(invoker: IInvoker, eventFile: string, options: RunTestsOptions): Promise<TestCaseResult> {
  const name = eventName(eventFile);
  const t0 = performance.now();
  const errored = (message: string): TestCaseResult => ({ name, eventFile, outcome: 'errored', message, durationMs: performance.now() - t0 });
  let expectation;
  let body: Buffer;
  try {
    expectation = await loadExpectation(eventFile);
    body = await fs.readFile(eventFile);
  } catch (err) {
    if (err instanceof ExpectationError) return errored(err.message);
    return errored(t('Cannot read test event {0}: {1}', eventFile, (err as Error).message));
  }
  options.onCaseStart?.(eventFile);
  const result = await invoker.invoke(body);
  const durationMs = performance.now() - t0;
  const logs = result.logs.map((l) => l.text).join('\n');
  if (options.signal?.aborted) return { name, eventFile, outcome: 'skipped', message: t('The run was cancelled.'), durationMs, result, logs };
  const verdict = matchExpectation(expectation, result);
  if (verdict.passed) return { name, eventFile, outcome: 'passed', durationMs, result, logs };
  const error = result.status !== 'ok' && result.error ? `\n${result.error.errorType}: ${result.error.errorMessage}` : '';
  return { name, eventFile, outcome: 'failed', message: verdict.message! + (expectation?.status === result.status ? '' : error), expected: verdict.expected, actual: verdict.actual, durationMs, result, logs };
}
