// The rules an expectation is matched with (issue 14): status equal; output as a JSON subset when
// the function's output is JSON (every expected key present with an equal value, recursively;
// arrays equal element by element), as exact text otherwise. Plain data in, plain data out.
import type { InvocationStatus } from '../invoke/types';
import { t } from '../l10n';
import type { Expectation } from './expectation';

export interface Verdict {
  passed: boolean;
  /** Why it failed, one line: `status: expected ok, got error` or `output.body.items[2]: expected 3, got 4`. */
  message?: string;
  /** Expected and actual as text, for a diff view (pretty JSON when both are JSON). */
  expected?: string;
  actual?: string;
}

export interface Actual {
  status: InvocationStatus;
  outputText: string;
}

/**
 * Compares one result with its expectation. The status defaults to `ok` (with no expectation too):
 * an error result never passes by accident because its error object happens to contain the output.
 */
export function matchExpectation(expectation: Expectation | undefined, actual: Actual): Verdict {
  const wantStatus = expectation?.status ?? 'ok';
  if (wantStatus !== actual.status) {
    return {
      passed: false,
      message: t('status: expected {0}, got {1}', wantStatus, actual.status),
      expected: render({ status: wantStatus, ...(expectation && 'output' in expectation ? { output: expectation.output } : {}) }),
      actual: render({ status: actual.status, output: parseOutput(actual.outputText) }),
    };
  }
  if (!expectation || !('output' in expectation)) return { passed: true };
  const parsed = parseJson(actual.outputText);
  let mismatch: string | undefined;
  if (parsed.ok) {
    mismatch = subsetMismatch(expectation.output, parsed.value, 'output');
  } else if (typeof expectation.output !== 'string') {
    mismatch = t('output: expected JSON, got text that is not JSON');
  } else if (expectation.output !== actual.outputText) {
    mismatch = t('output: expected the text {0}, got {1}', JSON.stringify(expectation.output), JSON.stringify(actual.outputText));
  }
  if (mismatch === undefined) return { passed: true };
  return {
    passed: false,
    message: mismatch,
    expected: typeof expectation.output === 'string' && !parsed.ok ? expectation.output : render(expectation.output),
    actual: parsed.ok ? render(parsed.value) : actual.outputText,
  };
}

/**
 * Where `actual` stops containing `expected`, as `path: expected X, got Y`; undefined when it does.
 * Objects: every expected key, recursively (extra keys in actual are fine). Arrays: same length,
 * each element matched the same way. Anything else: strict equality.
 */
export function subsetMismatch(expected: unknown, actual: unknown, at = '$'): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return t('{0}: expected an array, got {1}', at, describe(actual));
    if (expected.length !== actual.length) return t('{0}: expected {1} elements, got {2}', at, expected.length, actual.length);
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(expected[i], actual[i], `${at}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return t('{0}: expected an object, got {1}', at, describe(actual));
    const act = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      const here = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
      if (!Object.prototype.hasOwnProperty.call(act, key)) return t('{0}: missing', here);
      const m = subsetMismatch(value, act[key], here);
      if (m) return m;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return t('{0}: expected {1}, got {2}', at, JSON.stringify(expected), describe(actual));
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return t('an array of {0}', v.length);
  if (v !== null && typeof v === 'object') return t('an object');
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text.trim()) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The output as a value for an expectation: parsed JSON, else the exact text. */
export function parseOutput(text: string): unknown {
  const p = parseJson(text);
  return p.ok ? p.value : text;
}

function render(v: unknown): string {
  return JSON.stringify(v, null, 2);
}
