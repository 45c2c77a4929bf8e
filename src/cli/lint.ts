// fgtk lint [PATH] [--format text|json|sarif] [--runtime R --handler H]
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findFunctions, specForRuntime, type FunctionSpec } from '../core/config';
import { t } from '../core/l10n';
import { lintFunction, type LintDiagnostic } from '../core/lint/index';
import { toJson, toSarif, toText } from '../core/lint/report';
import { EXIT_FAILED, EXIT_OK, UsageError, parseCommandLine, setupError, usageError, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk lint [PATH] [options]'),
  '',
  t('Checks a function folder, a folder of functions, or a .zip for what FunctionGraph would reject.'),
  '',
  t('Options:'),
  `  --format text|json|sarif  ${t('Output format (default text); sarif is SARIF 2.1.0 for code scanning')}`,
  `  --runtime NAME            ${t('Runtime of a .zip that has no config next to it (e.g. Python3.9)')}`,
  `  --handler NAME            ${t('Handler of that .zip (e.g. index.handler)')}`,
  `  -h, --help                ${t('Show this help')}`,
  '',
  t('Exit code: 1 when any error is found, 0 otherwise, 2 for usage errors.'),
].join('\n') + '\n';

export function specFromFlags(target: string, runtime?: string, handler?: string): FunctionSpec | undefined {
  if (!runtime) return undefined;
  const spec = specForRuntime(target, runtime, handler);
  if (!spec) throw new UsageError(t('Unknown runtime "{0}".', runtime));
  return { ...spec, name: path.basename(target) };
}

async function lintTargets(target: string, runtime?: string, handler?: string): Promise<LintDiagnostic[]> {
  const st = await fs.stat(target).catch(() => undefined);
  if (!st) throw new UsageError(t('{0} does not exist.', target));
  const spec = specFromFlags(target, runtime, handler);
  if (st.isFile() || spec) return lintFunction(target, {}, { spec });
  const functions = await findFunctions(target);
  if (!functions.length) throw new UsageError(t('No function found in {0} (no template.yml with Type HC::Serverless::Function, and no bootstrap). Pass a function folder or a .zip.', target));
  const all: LintDiagnostic[] = [];
  for (const fn of functions) all.push(...(await lintFunction(fn.configFile ? path.dirname(fn.configFile) : fn.dir, {}, { spec: fn })));
  return all;
}

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'lint',
    options: { format: { type: 'string' }, runtime: { type: 'string' }, handler: { type: 'string' } },
    allowPositionals: true,
    usage: HELP,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format) || positionals.length > 1) {
    return usageError('lint', t('--format must be text, json or sarif, with at most one PATH.'));
  }
  const target = path.resolve(positionals[0] ?? '.');
  let diagnostics: LintDiagnostic[];
  try {
    diagnostics = await lintTargets(target, values.runtime, values.handler);
  } catch (err) {
    if (err instanceof UsageError) return setupError('lint', err.message);
    throw err;
  }
  const cwd = process.cwd();
  const text = format === 'json' ? toJson(diagnostics, cwd)
    : format === 'sarif' ? toSarif(diagnostics, cwd, version())
      : toText(diagnostics, cwd);
  process.stdout.write(text + '\n');
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_FAILED : EXIT_OK;
};

/** The toolkit's version for SARIF: package.json beside dist/, or two levels up from src/cli/. */
function version(): string {
  for (const file of [path.resolve(__dirname, '..', 'package.json'), path.resolve(__dirname, '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export default run;
