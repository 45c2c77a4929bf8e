// How an invocation reads in the Debug Console and the Invocations output: the result as the
// function returned it, then one summary line (INV-4, report.ts) that the log grammar highlights.
import { resultToJson as plainJson } from './report';
import type { InvocationResult } from './types';

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

/** A plain-JSON copy of a result for commands and custom events; `outputText` as the command API has it. */
export function resultToCommandJson(r: InvocationResult) {
  return { ...plainJson(r), outputText: r.outputText };
}
export type CommandResultJson = ReturnType<typeof resultToCommandJson>;
