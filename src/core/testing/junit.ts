// JUnit XML in the shape CI consumers read (Jenkins, GitLab, the Ant/Maven JUnit XSD), written by
// junit-report-builder (counts, escaping): <testsuites> with one <testsuite> per function and one
// <testcase> per event, named after the event file's base name.
import { junitBuilder } from '../lazy';
import type { FunctionTestReport } from './runner';

export function toJUnitXml(reports: FunctionTestReport[], name = 'fgtk test'): string {
  const builder = junitBuilder().newBuilder().name(name);
  for (const r of reports) {
    const suite = builder.testSuite().name(r.name).timestamp(r.startedAt).time(seconds(r.durationMs))
      .property('runtime', r.runtime).property('dir', r.dir);
    if (r.setupError) {
      // A function that cannot start at all is one errored "(setup)" case: CI shows why.
      suite.testCase().className(r.name).name('(setup)').time(0).error(firstLine(r.setupError), 'SetupError', r.setupError);
    }
    for (const c of r.cases) {
      const tc = suite.testCase().className(r.name).name(c.name).time(seconds(c.durationMs)).file(c.eventFile);
      if (c.outcome === 'failed') {
        tc.failure(failureText(c.message, compact(c.expected), compact(c.actual)), 'ExpectationMismatch')
          .stacktrace(failureText(c.message, c.expected, c.actual));
      } else if (c.outcome === 'errored') {
        tc.error(firstLine(c.message ?? ''), 'ExpectationError', c.message);
      } else if (c.outcome === 'skipped') {
        tc.skipped();
      }
      if (c.logs) tc.standardOutput(c.logs);
    }
  }
  return builder.build() + '\n';
}

/** The failure's one-line reason, then what was expected and what came (compact in the message, pretty in the body). */
function failureText(message: string | undefined, expected: string | undefined, actual: string | undefined): string {
  return `${message ?? ''}\nExpected: ${expected ?? ''}\nActual: ${actual ?? ''}`;
}

/** Pretty JSON back on one line, for the message attribute. */
function compact(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

const firstLine = (s: string) => s.split('\n')[0];

/** Milliseconds as seconds with three decimals: JUnit's unit, without float noise. */
const seconds = (ms: number) => Math.round(ms) / 1000;
