// fgtk deploy [DIR] [--json] [--force] [--region R]: lint and package exactly as `fgtk package`,
// then create the function in the cloud or update its code and configuration.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployFunction, inlineLimitFrom, PackageTooLargeError } from '../core/cloud/deploy';
import { formatBytes } from '../core/format';
import { t } from '../core/l10n';
import { toText } from '../core/lint/report';
import { packageFunction } from '../core/package/index';
import { cloudFailure, connectOrExplain, REGION_HELP, REGION_OPTION, sessionContext } from './cloudCommon';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, chooseFunction, configAllowsRun, parseCommandLine, setupError, usageError, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk deploy [DIR] [--function NAME] [--json] [--force] [--region REGION]'),
  '',
  t('Lints and packages the function in DIR (default: the current folder) exactly as fgtk package does, then creates it in Huawei Cloud FunctionGraph, or updates its code and then its configuration (name, runtime, handler, memory, timeout, environment, description from template.yml).'),
  '',
  t('Options:'),
  `  --function NAME       ${t('The function to deploy, when the template declares several')}`,
  `  --json                ${t('Print one JSON object: functionUrn, action (created|updated), codeSize, codeSha256')}`,
  `  --force               ${t('Deploy even when the package has lint errors')}`,
  REGION_HELP(),
  `  -h, --help            ${t('Show this help')}`,
  '',
  t('Credentials: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK (HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID), or [basic] in ~/.huaweicloud/credentials.'),
  t('Exit code: 0 deployed, 1 lint errors or the cloud refused, 2 usage or setup errors (no credentials, no function in DIR).'),
].join('\n') + '\n';

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'deploy',
    options: { json: { type: 'boolean' }, force: { type: 'boolean' }, function: { type: 'string' }, ...REGION_OPTION },
    allowPositionals: true,
    usage: HELP,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 1) return usageError('deploy', t('Give at most one DIR.'));
  const dir = path.resolve(positionals[0] ?? '.');
  let spec;
  try {
    spec = await chooseFunction(dir, values.function);
  } catch (err) {
    if (err instanceof UsageError) return usageError('deploy', err.message);
    return setupError('deploy', (err as Error).message);
  }
  if (!spec) return setupError('deploy', t('{0} holds no function: no template.yml and no bootstrap. Create one with fgtk new, or give the function\'s folder.', dir));
  // The one config check (as invoke and package): a broken template.yml is never deployed, not even with --force.
  if (!configAllowsRun(spec)) return EXIT_USAGE;
  const progress = (text: string) => { if (!values.json) process.stderr.write(`${text}\n`); };

  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'fgtk-deploy-'));
  try {
    let result;
    try {
      result = await packageFunction(spec.codeDir, path.join(scratch, `${spec.name}.zip`), { spec });
    } catch (err) {
      return setupError('deploy', (err as Error).message);
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (result.diagnostics.length) process.stderr.write(toText(result.diagnostics, process.cwd()) + '\n');
    if (errors.length && !values.force) {
      process.stderr.write(`fgtk deploy: ${t('the package has {0} lint error(s); not deployed. Fix them, or deploy anyway with --force.', errors.length)}\n`);
      return EXIT_FAILED;
    }
    const zip = await fs.readFile(result.zipPath);
    const session = await connectOrExplain('deploy', values.region);
    if (typeof session === 'number') return session;
    progress(t('Deploying {0} ({1}) to {2}…', spec.name, formatBytes(zip.length), session.region));
    let outcome;
    try {
      outcome = await deployFunction(session.api, spec, zip, { inlineLimitBytes: inlineLimitFrom(process.env) });
    } catch (err) {
      if (err instanceof PackageTooLargeError) {
        process.stderr.write(`fgtk deploy: ${err.message}\n`);
        return EXIT_FAILED;
      }
      return cloudFailure('deploy', err, sessionContext(session, spec.name));
    }
    if (values.json) {
      process.stdout.write(JSON.stringify(outcome) + '\n');
    } else {
      process.stdout.write((outcome.action === 'created'
        ? t('Created {0} in {1}: {2}, sha256 {3}', outcome.functionUrn, session.region, formatBytes(outcome.codeSize), outcome.codeSha256)
        : t('Updated {0} in {1}: {2}, sha256 {3}', outcome.functionUrn, session.region, formatBytes(outcome.codeSize), outcome.codeSha256)) + '\n');
    }
    return EXIT_OK;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
};

export default run;
