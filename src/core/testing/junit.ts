// JUnit XML in the shape CI consumers read (Jenkins, GitLab, GitHub reporters, the Ant/Maven
// JUnit XSD): <testsuites> with one <testsuite> per function and one <testcase> per event.
// Written by hand: the format is a dozen elements, and no small well-kept library emits it
// without pulling in a test framework.
import type { FunctionTestReport } from './runner';

export function toJUnitXml(reports: FunctionTestReport[], name = 'fgtk test'): string {
  const count = (r: FunctionTestReport, what: 'failed' | 'errored' | 'skipped') => r.cases.filter((c) => c.outcome === what).length;
  // A function that cannot start at all is one errored "(setup)" test case.
  const testsOf = (r: FunctionTestReport) => r.cases.length + (r.setupError ? 1 : 0);
  const errorsOf = (r: FunctionTestReport) => count(r, 'errored') + (r.setupError ? 1 : 0);
  const tests = reports.reduce((n, r) => n + testsOf(r), 0);
  const failures = reports.reduce((n, r) => n + count(r, 'failed'), 0);
  const errors = reports.reduce((n, r) => n + errorsOf(r), 0);
  const skipped = reports.reduce((n, r) => n + count(r, 'skipped'), 0);
  const time = reports.reduce((n, r) => n + r.durationMs, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${attr(name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}">`];
  reports.forEach((r, id) => {
    out.push(`  <testsuite name="${attr(r.name)}" id="${id}" package="${attr(r.name)}" hostname="localhost" tests="${testsOf(r)}" failures="${count(r, 'failed')}" errors="${errorsOf(r)}" skipped="${count(r, 'skipped')}" time="${seconds(r.durationMs)}" timestamp="${r.startedAt.toISOString().slice(0, 19)}">`);
    out.push(`    <properties><property name="runtime" value="${attr(r.runtime)}"/><property name="dir" value="${attr(r.dir)}"/></properties>`);
    if (r.setupError) {
      out.push(`    <testcase name="(setup)" classname="${attr(r.name)}" time="0">`);
      out.push(`      <error message="${attr(firstLine(r.setupError))}" type="SetupError">${esc(r.setupError)}</error>`);
      out.push('    </testcase>');
    }
    for (const c of r.cases) {
      out.push(`    <testcase name="${attr(c.name)}" classname="${attr(r.name)}" time="${seconds(c.durationMs)}">`);
      if (c.outcome === 'failed') {
        out.push(`      <failure message="${attr(failureText(c.message, compact(c.expected), compact(c.actual)))}" type="ExpectationMismatch">${esc(failureText(c.message, c.expected, c.actual))}</failure>`);
      } else if (c.outcome === 'errored') {
        out.push(`      <error message="${attr(firstLine(c.message ?? ''))}" type="ExpectationError">${esc(c.message ?? '')}</error>`);
      } else if (c.outcome === 'skipped') {
        out.push(`      <skipped message="${attr(c.message ?? '')}"/>`);
      }
      if (c.logs) out.push(`      <system-out>${esc(c.logs)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('    <system-out></system-out>', '    <system-err></system-err>', '  </testsuite>');
  });
  out.push('</testsuites>', '');
  return out.join('\n');
}

/** The failure's one-line reason, then what was expected and what came (pretty in the body, compact in the message). */
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

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const firstLine = (s: string) => s.split('\n')[0];

/** XML 1.0 text escaping; characters XML cannot carry at all become U+FFFD. */
function esc(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their quotes and line breaks (a raw newline would be normalised to a space). */
function attr(s: string): string {
  return esc(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
