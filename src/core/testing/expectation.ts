// Expectations beside events: `events/<name>.expected.json` (schemas/expectation.schema.json)
// says what `events/<name>.json` must produce. Loaded and checked here; matched in match.ts.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expectationFileFor } from '../config/eventFiles';
import type { InvocationResult, InvocationStatus } from '../invoke/types';
import { expectationValidator } from '../schemas/validators';
import { t } from '../l10n';
import { parseOutput } from './match';

export interface Expectation {
  status?: InvocationStatus;
  /** A JSON subset of the output, or its exact text when the output is not JSON. */
  output?: unknown;
}

/** An expectation file that cannot be used; the message names the file and what to change. */
export class ExpectationError extends Error {}


/** The expectation of `eventFile`, undefined when it has none; throws ExpectationError when it is broken. */
export async function loadExpectation(eventFile: string): Promise<Expectation | undefined> {
  const file = expectationFileFor(eventFile);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ExpectationError(t('Cannot read {0}: {1}', file, (err as Error).message));
  }
  return parseExpectation(text, file);
}

export function parseExpectation(text: string, file: string): Expectation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ExpectationError(t('{0} is not valid JSON ({1}). Write {"status": "ok", "output": ...}.', path.basename(file), (err as Error).message));
  }
  const validate = expectationValidator();
  if (!validate(value)) {
    const why = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as string[]).join(', ')}` : ''}`).join('; ');
    throw new ExpectationError(t('{0} is not an expectation: {1}. It may hold "status" (ok, error, timeout or crashed) and "output".', path.basename(file), why));
  }
  return value as Expectation;
}

/** What "Save Result as Expected" writes: the status and the whole output (JSON, or its exact text). */
export function expectationFromResult(result: Pick<InvocationResult, 'status' | 'outputText'>): Expectation {
  return { status: result.status, output: parseOutput(result.outputText) };
}

/** Writes `expectation` beside `eventFile`, pretty-printed; returns the file written. */
export async function saveExpectation(eventFile: string, expectation: Expectation): Promise<string> {
  const file = expectationFileFor(eventFile);
  await fs.writeFile(file, JSON.stringify(expectation, null, 2) + '\n');
  return file;
}
