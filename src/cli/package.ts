// fgtk package [DIR] [-o FILE] [--format text|json]
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { t } from '../core/l10n';
import { toJson, toText, displayPath } from '../core/lint/report';
import { packageFunction } from '../core/package/index';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Subcommand } from './common';

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

const kb = (n: number) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);

const run: Subcommand = async (args) => {
  let values: { output?: string; format?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    process.stderr.write(`fgtk package: ${(err as Error).message}\n\n${HELP()}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    process.stdout.write(HELP());
    return EXIT_OK;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json'].includes(format) || positionals.length > 1) {
    process.stderr.write(`fgtk package: ${t('--format must be text or json, with at most one DIR.')}\n\n${HELP()}`);
    return EXIT_USAGE;
  }
  const dir = path.resolve(positionals[0] ?? '.');
  let result;
  try {
    result = await packageFunction(dir, values.output ? path.resolve(values.output) : undefined);
  } catch (err) {
    process.stderr.write(`fgtk package: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  const cwd = process.cwd();
  if (format === 'json') {
    const lint = JSON.parse(toJson(result.diagnostics, cwd)) as { diagnostics: unknown[] };
    process.stdout.write(JSON.stringify({ zip: displayPath(result.zipPath, cwd), entries: result.entries, skipped: result.skipped, diagnostics: lint.diagnostics }, null, 2) + '\n');
  } else {
    const total = result.entries.reduce((s, e) => s + e.size, 0);
    const width = Math.max(...result.entries.map((e) => kb(e.size).length), 4);
    const lines = result.entries.map((e) => `  ${kb(e.size).padStart(width)}  ${e.name}`);
    for (const s of result.skipped) lines.push(`  ${t('skipped (link to a folder or outside the function)')}: ${s}`);
    lines.push(t('Wrote {0}: {1} files, {2} unzipped.', displayPath(result.zipPath, cwd), result.entries.length, kb(total)));
    if (result.diagnostics.length) lines.push('', toText(result.diagnostics, cwd));
    process.stdout.write(lines.join('\n') + '\n');
  }
  return result.diagnostics.some((d) => d.severity === 'error') ? EXIT_FAILED : EXIT_OK;
};

export default run;
