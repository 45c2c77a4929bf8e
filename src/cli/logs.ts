// fgtk logs NAME [--since 15m] [--follow] [--json]: the function's log lines from LTS.
import { t } from '../core/l10n';
import { parseSince, readLogs } from '../core/cloud/logs';
import { cloudFailure, connectOrExplain, REGION_HELP, REGION_OPTION, sessionContext } from './cloudCommon';
import { EXIT_OK, parseCommandLine, usageError, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk logs NAME [--since 15m] [--follow] [--json] [--region REGION]'),
  '',
  t('Prints the log lines of the cloud function NAME from the log service (LTS), oldest first.'),
  '',
  t('Options:'),
  `  --since DURATION      ${t('How far back: 30s, 15m, 2h, 1d (default 15m, at most 30d)')}`,
  `  -f, --follow          ${t('Keep printing new lines until Ctrl+C')}`,
  `  --json                ${t('One JSON object per line: time, requestId, text')}`,
  REGION_HELP(),
  `  -h, --help            ${t('Show this help')}`,
].join('\n') + '\n';

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'logs',
    options: { since: { type: 'string' }, follow: { type: 'boolean', short: 'f' }, json: { type: 'boolean' }, ...REGION_OPTION },
    allowPositionals: true,
    usage: HELP,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError('logs', t('Give the name of one cloud function.'));
  let sinceMs: number;
  try {
    sinceMs = parseSince(values.since ?? '15m');
  } catch (err) {
    return usageError('logs', (err as Error).message);
  }
  const name = positionals[0];
  const session = await connectOrExplain('logs', values.region);
  if (typeof session === 'number') return session;
  const ctx = sessionContext(session, name);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const fn = await session.api.getFunction(name, undefined, { signal: stop.signal });
    if (!fn) return cloudFailure('logs', new Error(t('No function "{0}" in region {1}, project {2}. fgtk remote list shows what is there.', name, session.region, session.projectId)), ctx);
    for await (const batch of readLogs(session.api, fn.functionUrn, { sinceMs, follow: values.follow, signal: stop.signal })) {
      for (const line of batch) {
        process.stdout.write(values.json ? JSON.stringify({ time: new Date(line.time).toISOString(), requestId: line.requestId, text: line.text }) + '\n' : `${line.text}\n`);
      }
    }
  } catch (err) {
    if (stop.signal.aborted) return EXIT_OK;
    return cloudFailure('logs', err, ctx);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return EXIT_OK;
};

export default run;
