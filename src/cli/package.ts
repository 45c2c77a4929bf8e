// fgtk package [DIR] [-o FILE] [--format text|json]
import * as path from 'node:path';
import { formatBytes } from '../core/format';
import { t } from '../core/l10n';
import { jsonDiagnostics, toText, displayPath } from '../core/lint/report';
import { packageFunction } from '../core/package/index';
import type { PackageJson } from '../shared/cliProtocol';
import { EXIT_FAILED, EXIT_OK, parseCommandLine, setupError, usageError, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk package [DIR] [-o FILE]'),
  '',
  t('Builds the .zip FunctionGraph expects from a function folder: its contents at the root, executable bits kept, .fgtkignore honoured, .git and editor folders left out. Then lints the ZIP.'),
  '',
  t('Options:'),
  `  -o, --output FILE     ${t('Where to write the ZIP (default: <function>.zip beside the folder)')}`,
  `  --format text|json    ${t('Output format (default text)')}`,
  `  -h, --help            ${t('Show this help')}`,
  '',
  t('Exit code: 1 when the ZIP has lint errors (it is written anyway), 0 otherwise, 2 for usage errors.'),
].join('\n') + '\n';

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'package',
    options: { output: { type: 'string', short: 'o' }, format: { type: 'string' } },
    allowPositionals: true,
    usage: HELP,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!['text', 'json'].includes(format) || positionals.length > 1) {
    return usageError('package', t('--format must be text or json, with at most one DIR.'));
  }
  const dir = path.resolve(positionals[0] ?? '.');
  let result;
  try {
    result = await packageFunction(dir, values.output ? path.resolve(values.output) : undefined);
  } catch (err) {
    return setupError('package', (err as Error).message);
  }
  const cwd = process.cwd();
  if (format === 'json') {
    const json: PackageJson = { zip: displayPath(result.zipPath, cwd), entries: result.entries, skipped: result.skipped, leftOutSecrets: result.leftOutSecrets, diagnostics: jsonDiagnostics(result.diagnostics, cwd) };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    const total = result.entries.reduce((s, e) => s + e.size, 0);
    const width = Math.max(...result.entries.map((e) => formatBytes(e.size).length), 4);
    const lines = result.entries.map((e) => `  ${formatBytes(e.size).padStart(width)}  ${e.name}`);
    for (const s of result.skipped) lines.push(`  ${t('skipped (link to a folder or outside the function)')}: ${s}`);
    if (result.leftOutSecrets.length) lines.push(t('Left out (secrets and deployment leftovers; a .fgtkignore line !NAME brings one back): {0}', result.leftOutSecrets.join(', ')));
    lines.push(t('Wrote {0}: {1} files, {2} unzipped.', displayPath(result.zipPath, cwd), result.entries.length, formatBytes(total)));
    if (result.diagnostics.length) lines.push('', toText(result.diagnostics, cwd));
    process.stdout.write(lines.join('\n') + '\n');
  }
  return result.diagnostics.some((d) => d.severity === 'error') ? EXIT_FAILED : EXIT_OK;
};

export default run;
