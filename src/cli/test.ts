// fgtk test [DIR...] [--junit FILE] [--json]
// Every function under the folders runs every test event on one warm instance (the engine of
// `fgtk invoke`), each result matched with events/<name>.expected.json. One line per event and a
// summary on stdout (--json: one JSON document instead). Exit 0 all passed, 1 any failed, 2 usage or setup.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { localInvokeCredentials } from '../core/cloud/localInvokeCredentials';
import { findFunctions, type FunctionSpec } from '../core/config';
import { t } from '../core/l10n';
import { killAllGroupsSync } from '../core/process/processGroup';
import { runFunctionTests, toJUnitXml, type FunctionTestReport, type TestCaseResult } from '../core/testing';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, parseCommandLine, setupError, usageError, useColour, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk test [DIR...] [options]'),
  '',
  t('Runs the test events of every function under the folders (default: the current folder) as tests: each event of a function on one warm instance, its result compared with events/<name>.expected.json (an event without one passes when it returns a result).'),
  '',
  t('  DIR                  A function folder or a folder of functions (repeatable)'),
  t('  --function NAME      Only the function of this name (a template may declare several)'),
  t('  --junit FILE         Also write a JUnit XML report (a testsuite per function, a testcase per event)'),
  t('  --json               One JSON document with every result on stdout, instead of lines'),
  t('  --help, -h           Show this help'),
  '',
  t('Exit code: 0 when every test passed, 1 when any failed, 2 for usage or setup errors.'),
  '',
].join('\n');

const OPTIONS = {
  function: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function findAll(dirs: string[]): Promise<FunctionSpec[]> {
  const found = new Map<string, FunctionSpec>();
  for (const dir of dirs) {
    const st = await fs.stat(dir).catch(() => undefined);
    if (!st?.isDirectory()) throw new UsageError(t('{0} is not a folder. Give a function folder or a folder of functions.', dir));
    const specs = await findFunctions(dir);
    if (specs.length === 0) throw new UsageError(t('No function found in {0} (no template.yml with Type HC::Serverless::Function, and no bootstrap).', dir));
    for (const s of specs) found.set(s.key, s);
  }
  return [...found.values()];
}

/** --function NAME: the functions of that name, or a usage error that lists the names there are. */
function onlyNamed(specs: FunctionSpec[], name: string | undefined): FunctionSpec[] {
  if (name === undefined) return specs;
  const named = specs.filter((s) => s.name === name);
  if (named.length === 0) throw new UsageError(t('No function named {0} here. Functions: {1}.', name, specs.map((s) => s.name).join(', ')));
  return named;
}

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, { command: 'test', options: OPTIONS, allowPositionals: true, usage: HELP });
  if (typeof parsed === 'number') return parsed;
  const dirs = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  if (parsed.values.junit === '') return usageError('test', t('--junit needs a file name.'));
  let specs: FunctionSpec[];
  try {
    specs = onlyNamed(await findAll(dirs.map((d) => path.resolve(d))), parsed.values.function);
  } catch (err) {
    if (err instanceof UsageError) return setupError('test', err.message);
    throw err;
  }
  const json = Boolean(parsed.values.json);
  const colour = !json && useColour(process.stdout);
  const paint = (code: string, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);

  // Ctrl+C: the running instance is stopped (abort), then its process group is swept.
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) {
      killAllGroupsSync();
      process.exit(130);
    }
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // API-2: the same credentials as `fgtk invoke` (the cloud commands' chain), so the events meet the same function.
  const credentials = await localInvokeCredentials();
  const reports: FunctionTestReport[] = [];
  try {
    for (const spec of specs) {
      if (abort.signal.aborted) break;
      const report = await runFunctionTests(spec, {
        signal: abort.signal,
        invoker: { credentials },
        onCase: json ? undefined : (c) => process.stdout.write(caseLine(spec, c, paint) + '\n'),
      });
      if (!json && report.setupError) process.stdout.write(`${paint('31', 'ERROR')} ${spec.name}: ${report.setupError}\n`);
      if (!json && !report.setupError && report.cases.length === 0) process.stdout.write(`${paint('33', 'NONE')}  ${spec.name}: ${t('no test events in {0}', path.join(spec.configDir, 'events'))}\n`);
      reports.push(report);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (parsed.values.junit) {
    try {
      await fs.writeFile(parsed.values.junit, toJUnitXml(reports));
    } catch (err) {
      return setupError('test', t('Cannot write the JUnit report {0}: {1}', parsed.values.junit, (err as Error).message));
    }
  }
  const totals = summarize(reports);
  if (json) process.stdout.write(JSON.stringify({ summary: totals, functions: reports.map(reportToJson) }, null, 2) + '\n');
  else process.stdout.write(summaryLine(totals, paint) + '\n');
  if (abort.signal.aborted) return 130;
  if (totals.setupErrors > 0) return EXIT_USAGE;
  return totals.failed + totals.errored > 0 ? EXIT_FAILED : EXIT_OK;
};

type Paint = (code: string, s: string) => string;

function caseLine(spec: FunctionSpec, c: TestCaseResult, paint: Paint): string {
  const ms = `(${Math.round(c.durationMs)} ms)`;
  const id = `${spec.name}/${c.name}`;
  if (c.outcome === 'passed') return `${paint('32', 'PASS')}  ${id} ${paint('2', ms)}`;
  if (c.outcome === 'skipped') return `${paint('33', 'SKIP')}  ${id}: ${c.message ?? ''}`;
  const head = `${paint('31', c.outcome === 'failed' ? 'FAIL' : 'ERROR')}  ${id}: ${c.message ?? ''} ${paint('2', ms)}`;
  if (c.outcome !== 'failed') return head;
  const indent = (s: string) => s.split('\n').map((l) => `        ${l}`).join('\n');
  return `${head}\n${indent(`${t('expected:')} ${oneLine(c.expected)}\n${t('actual:')}   ${oneLine(c.actual)}`)}`;
}

function oneLine(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

interface Totals { functions: number; passed: number; failed: number; errored: number; skipped: number; setupErrors: number; durationMs: number }

function summarize(reports: FunctionTestReport[]): Totals {
  const totals: Totals = { functions: reports.length, passed: 0, failed: 0, errored: 0, skipped: 0, setupErrors: 0, durationMs: 0 };
  for (const r of reports) {
    if (r.setupError) totals.setupErrors++;
    totals.durationMs += r.durationMs;
    for (const c of r.cases) totals[c.outcome]++;
  }
  return totals;
}

function summaryLine(s: Totals, paint: Paint): string {
  const line = t('{0} passed, {1} failed, {2} errors, {3} skipped; {4} functions ({5} could not start) in {6} s',
    s.passed, s.failed, s.errored, s.skipped, s.functions, s.setupErrors, (s.durationMs / 1000).toFixed(2));
  return s.failed + s.errored + s.setupErrors > 0 ? paint('31', line) : paint('32', line);
}

function reportToJson(r: FunctionTestReport) {
  return {
    name: r.name, dir: r.dir, runtime: r.runtime, durationMs: Math.round(r.durationMs), ...(r.setupError ? { setupError: r.setupError } : {}),
    cases: r.cases.map((c) => ({
      name: c.name, event: c.eventFile, outcome: c.outcome, durationMs: Math.round(c.durationMs),
      ...(c.message ? { message: c.message } : {}),
      ...(c.expected !== undefined ? { expected: c.expected, actual: c.actual } : {}),
      ...(c.result ? { status: c.result.status, output: c.result.outputText } : {}),
    })),
  };
}

export default run;
