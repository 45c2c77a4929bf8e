// fgtk new: create a function from a template (the same catalogue and scaffold() the extension uses).
import { t } from '../core/l10n';
import { listRuntimes, listTemplates, scaffold } from '../core/templates';
import { EXIT_FAILED, EXIT_OK, parseCommandLine, setupError, usageError, type Subcommand } from './common';

function usage(): string {
  return [
    t('Usage: fgtk new --runtime RUNTIME --template TEMPLATE --name NAME [--folder FOLDER] [--json]'),
    t('       fgtk new --list [--runtime RUNTIME]'),
    '',
    t('  -r, --runtime   nodejs20.15 ... nodejs12.13, python3.12, python3.10, python3.9, php8.3, php7.3, go1.x,'),
    t('                  java17, java11, java8, custom-shell, custom-nodejs, custom-python, custom-go, http-nodejs, http-python'),
    t('  -t, --template  blank, apig, timer, obs, ... (fgtk new --list shows those of each runtime)'),
    t('  -n, --name      Function name: a letter, then letters, digits, "_" or "-"'),
    t('  -f, --folder    Parent folder (default: the current folder); the function goes to FOLDER/NAME'),
    t('  --list          List runtimes and their templates'),
    t('  --json          Print the result (folder, files, launch configuration) as JSON'),
  ].join('\n') + '\n';
}

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'new',
    options: {
      runtime: { type: 'string', short: 'r' },
      template: { type: 'string', short: 't' },
      name: { type: 'string', short: 'n' },
      folder: { type: 'string', short: 'f' },
      list: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    usage,
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.list) return list(values.runtime, Boolean(values.json));

  const { runtime, template, name } = values;
  if (!runtime || !template || !name) {
    const missing = Object.entries({ runtime, template, name }).filter(([, v]) => !v).map(([k]) => `--${k}`);
    return usageError('new', t('missing {0}.', missing.join(', ')));
  }
  let result;
  try {
    result = await scaffold({ runtime, template, name, folder: values.folder ?? process.cwd() });
  } catch (err) {
    return setupError('new', (err as Error).message);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    process.stdout.write(t('Created {0}', result.dir) + '\n');
    for (const f of result.files) process.stdout.write(`  ${f}\n`);
    process.stdout.write(t('Try it: fgtk invoke {0} --event {1}', result.dir, result.launchConfiguration.event) + '\n');
  }
  for (const note of result.notes) process.stderr.write(`fgtk new: ${note}\n`);
  return result.notes.length ? EXIT_FAILED : EXIT_OK;
};

function list(runtime: string | undefined, json: boolean): number {
  let runtimes;
  try {
    runtimes = runtime ? [listRuntimes().find((r) => r.id === runtime) ?? { id: runtime, label: runtime, description: '' }] : listRuntimes();
    const rows = runtimes.map((r) => ({ ...r, templates: listTemplates(r.id) }));
    if (json) {
      process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return EXIT_OK;
    }
    for (const r of rows) {
      process.stdout.write(`${r.id.padEnd(16)}${r.label}\n`);
      for (const tpl of r.templates) process.stdout.write(`    ${tpl.id.padEnd(12)}${tpl.label}: ${tpl.description}\n`);
    }
    return EXIT_OK;
  } catch (err) {
    return setupError('new', (err as Error).message);
  }
}

export default run;
