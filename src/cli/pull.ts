// fgtk pull NAME [DIR]: the deployed code into a new folder, with a template.yml from the cloud
// configuration, ready for fgtk invoke / F5.
import * as path from 'node:path';
import { t } from '../core/l10n';
import { CloudCallError } from '../core/cloud/callError';
import { pullFunction } from '../core/cloud/pull';
import { cloudFailure, connectOrExplain, REGION_HELP, REGION_OPTION, sessionContext } from './cloudCommon';
import { EXIT_FAILED, EXIT_OK, parseCommandLine, usageError, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk pull NAME [DIR] [--package PACKAGE] [--region REGION]'),
  '',
  t('Downloads the code of the cloud function NAME into DIR (default: ./NAME, which must be new or empty), unpacks it safely and writes a template.yml from its cloud configuration, so it runs locally at once (fgtk invoke DIR, or F5).'),
  '',
  t('Options:'),
  `  --package PACKAGE     ${t('The function\'s package (application) in the cloud (default: default); the template.yml keeps it, so fgtk deploy updates the same function')}`,
  REGION_HELP(),
  `  -h, --help            ${t('Show this help')}`,
].join('\n') + '\n';

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, { command: 'pull', options: { ...REGION_OPTION, package: { type: 'string' } }, allowPositionals: true, usage: HELP });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length < 1 || positionals.length > 2) return usageError('pull', t('Give the name of one cloud function, and optionally the folder to pull it into.'));
  const [name, target] = positionals;
  if (values.package !== undefined && !/^[A-Za-z0-9_-]+$/.test(values.package)) return usageError('pull', t('--package takes the name of a package, such as default (letters, digits, _ and -).'));
  const dir = path.resolve(target ?? name);
  const session = await connectOrExplain('pull', values.region);
  if (typeof session === 'number') return session;
  try {
    const out = await pullFunction(session.api, name, dir, { packageName: values.package });
    for (const s of out.skipped) process.stderr.write(t('warning: {0} was not unpacked (symbolic link).', s) + '\n');
    if (out.packagedTemplate) process.stderr.write(t('The package had its own template.yml; it is kept as {0}.', out.packagedTemplate) + '\n');
    process.stdout.write(t('Pulled {0} into {1}: {2} files and a template.yml. Run it locally: fgtk invoke {1}', name, path.relative(process.cwd(), dir) || '.', out.files) + '\n');
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CloudCallError) return cloudFailure('pull', err, sessionContext(session, name));
    process.stderr.write(`fgtk pull: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
};

export default run;
