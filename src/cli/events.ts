// fgtk events: list the trigger event templates, or write one as a test event.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { eventTemplate, findEventTemplate, listEventTemplates } from '../core/events';
import { t } from '../core/l10n';
import { EXIT_OK, EXIT_USAGE, UsageError, parseCommandLine, usageError, type Subcommand } from './common';

function usage(): string {
  return [
    t('Usage: fgtk events list [--json]'),
    t('       fgtk events new TRIGGER [-o FILE] [--force]'),
    '',
    t('  list            List the trigger event templates (APIG, OBS, SMN, timer, Kafka, ...).'),
    t('  new TRIGGER     Print the test event for TRIGGER, or write it to FILE with -o.'),
    t('  -o, --output    File to write, e.g. events/apig.json (folders are created).'),
    t('  --force         Overwrite FILE if it exists.'),
  ].join('\n') + '\n';
}

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'events',
    options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    allowPositionals: true,
    usage,
  });
  if (typeof parsed === 'number') return parsed;
  try {
    return runEvents(parsed.values, parsed.positionals);
  } catch (err) {
    if (err instanceof UsageError) return usageError('events', err.message);
    throw err;
  }
};

function runEvents(values: { output?: string; force?: boolean; json?: boolean }, positionals: string[]): number {
  const [action, trigger, ...extra] = positionals;
  if (!action) {
    process.stdout.write(usage());
    return EXIT_USAGE;
  }
  if (action === 'list') {
    const all = listEventTemplates();
    if (values.json) {
      process.stdout.write(JSON.stringify(all.map(({ id, trigger: tr, title }) => ({ id, trigger: tr, title })), null, 2) + '\n');
    } else {
      const width = Math.max(...all.map((e) => e.id.length)) + 2;
      for (const e of all) process.stdout.write(`${e.id.padEnd(width)}${e.trigger.padEnd(10)}${e.title}\n`);
    }
    return EXIT_OK;
  }
  if (action !== 'new') throw new UsageError(t('unknown action "{0}": use list or new.', action));
  if (!trigger) throw new UsageError(t('name the trigger, e.g. fgtk events new apig (fgtk events list shows them all).'));
  if (extra.length) throw new UsageError(t('unexpected arguments: {0}', extra.join(' ')));
  const info = findEventTemplate(trigger);
  if (!info) {
    throw new UsageError(t('unknown trigger "{0}". Known: {1}.', trigger, listEventTemplates().map((e) => e.id).join(', ')));
  }
  const text = eventTemplate(info.id);
  if (!values.output) {
    process.stdout.write(text);
    return EXIT_OK;
  }
  const file = path.resolve(values.output);
  if (existsSync(file) && !values.force) {
    throw new UsageError(t('{0} already exists; choose another file or add --force to overwrite it.', file));
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stderr.write(t('Wrote the {0} test event to {1}', info.title, file) + '\n');
  return EXIT_OK;
}

export default run;
