// fgtk: the command-line face of the core. Each subcommand lives in its own module and is loaded
// only when used, so `fgtk invoke` pays nothing for the linter and vice versa.
import * as path from 'node:path';
import { initL10n, t } from '../core/l10n';
import { EXIT_USAGE, type Subcommand } from './common';
import { version } from '../../package.json';

// Summaries are functions: the locale is known only once main() runs, and each key stays a literal
// that l10n/collect.mjs can check.
const COMMANDS: Record<string, { summary: () => string; load: () => Promise<Subcommand> }> = {
  invoke: { summary: () => t('Invoke a function locally with test events'), load: async () => (await import('./invoke')).default },
  lint: { summary: () => t('Check a function folder or .zip for packaging mistakes'), load: async () => (await import('./lint')).default },
  package: { summary: () => t('Build the .zip FunctionGraph expects, and lint it'), load: async () => (await import('./package')).default },
  new: { summary: () => t('Create a function from a template'), load: async () => (await import('./new')).default },
  events: { summary: () => t('List or create trigger test events'), load: async () => (await import('./events')).default },
  test: { summary: () => t('Run the test events of functions as tests, against their expected results'), load: async () => (await import('./test')).default },
  // Cloud (issue 13): each loads Huawei's SDK on its first call, never before.
  deploy: { summary: () => t('Lint, package and deploy a function to Huawei Cloud'), load: async () => (await import('./deploy')).default },
  remote: { summary: () => t('List the cloud functions of a region, or invoke one in the cloud'), load: async () => (await import('./remote')).default },
  logs: { summary: () => t('Print a cloud function\'s logs (LTS), or follow them'), load: async () => (await import('./logs')).default },
  pull: { summary: () => t('Download a cloud function into a folder, ready to run locally'), load: async () => (await import('./pull')).default },
};

function usage(): string {
  const lines = [t('Usage: fgtk <command> [options]'), '', t('Commands:')];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${c.summary()}`);
  lines.push('', t('Run `fgtk <command> --help` for the options of a command.'));
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  initL10n(path.resolve(__dirname, '..'), (process.env.FGTK_LOCALE || process.env.LC_ALL || process.env.LANG || '').split('.')[0].replace('_', '-'));
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(t('fgtk: unknown command "{0}".', name) + '\n\n' + usage());
    return EXIT_USAGE;
  }
  return (await command.load())(rest);
}

if (require.main === module) {
  // `fgtk events list | head` closes our stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`fgtk: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
