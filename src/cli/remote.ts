// fgtk remote list [--json] | fgtk remote invoke NAME [--event FILE] [--json]: the region's
// functions, and a synchronous invocation in the cloud reported like a local one.
import { promises as fs } from 'node:fs';
import { t } from '../core/l10n';
import { nameOfUrn } from '../core/cloud/api';
import { remoteResultToJson } from '../core/cloud/remoteResult';
import { reportLine } from '../core/invoke/report';
import { cloudFailure, connectOrExplain, REGION_HELP, REGION_OPTION, sessionContext } from './cloudCommon';
import { EXIT_FAILED, EXIT_OK, parseCommandLine, setupError, usageError, useColour, type Subcommand } from './common';

const HELP = () => [
  t('Usage: fgtk remote list [--json] [--region REGION]'),
  t('       fgtk remote invoke NAME [--event FILE] [--json] [--region REGION]'),
  '',
  t('list: the functions deployed in the region. invoke: runs NAME in the cloud synchronously with the event (default {}), prints its result on stdout, the log tail and a REPORT line on stderr.'),
  '',
  t('Options:'),
  `  --event FILE          ${t('The event, a JSON file (- for stdin)')}`,
  `  --json                ${t('list: a JSON array; invoke: the same JSON object as fgtk invoke --json')}`,
  REGION_HELP(),
  `  -h, --help            ${t('Show this help')}`,
  '',
  t('Exit code: 0 ok, 1 the function failed or the cloud refused, 2 usage or setup errors.'),
].join('\n') + '\n';

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, {
    command: 'remote',
    options: { json: { type: 'boolean' }, event: { type: 'string' }, ...REGION_OPTION },
    allowPositionals: true,
    usage: HELP,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (action === 'list' && rest.length === 0 && values.event === undefined) return list(Boolean(values.json), values.region);
  if (action === 'invoke' && rest.length === 1) return invoke(rest[0], values.event, Boolean(values.json), values.region);
  return usageError('remote', t('Say list, or invoke NAME.'));
};

async function list(json: boolean, region: string | undefined): Promise<number> {
  const session = await connectOrExplain('remote', region);
  if (typeof session === 'number') return session;
  let functions;
  try {
    functions = await session.api.listFunctions();
  } catch (err) {
    return cloudFailure('remote', err, sessionContext(session));
  }
  if (json) {
    process.stdout.write(JSON.stringify(functions.map((f) => ({
      name: f.name, runtime: f.runtime, handler: f.handler, memorySizeMB: f.memorySizeMB, timeoutSeconds: f.timeoutSeconds, functionUrn: f.functionUrn,
      packageName: f.packageName, ...(f.codeSize !== undefined ? { codeSize: f.codeSize } : {}), ...(f.lastModified ? { lastModified: f.lastModified } : {}),
    })), null, 2) + '\n');
    return EXIT_OK;
  }
  if (functions.length === 0) {
    process.stdout.write(t('No functions in region {0} (project {1}).', session.region, session.projectId) + '\n');
    return EXIT_OK;
  }
  const rows = functions.map((f) => [f.name, f.runtime, f.handler, `${f.memorySizeMB} MB`, `${f.timeoutSeconds} s`]);
  const head = [t('NAME'), t('RUNTIME'), t('HANDLER'), t('MEMORY'), t('TIMEOUT')];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  process.stdout.write([line(head), ...rows.map(line)].join('\n') + '\n');
  return EXIT_OK;
}

async function readEvent(file: string | undefined): Promise<unknown> {
  if (file === undefined) return {};
  let text: string;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? t('Event file {0} does not exist.', file) : t('Cannot read event file {0}: {1}', file, (err as Error).message));
    }
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (err) {
    throw new Error(t('Event file {0} is not JSON: {1}', file, (err as Error).message));
  }
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new Error(t('Event file {0} must hold a JSON object: the cloud invoke API takes an object.', file));
  return event;
}

async function invoke(name: string, eventFile: string | undefined, json: boolean, region: string | undefined): Promise<number> {
  let event: unknown;
  try {
    event = await readEvent(eventFile);
  } catch (err) {
    return setupError('remote', (err as Error).message);
  }
  const session = await connectOrExplain('remote', region);
  if (typeof session === 'number') return session;
  const ctx = sessionContext(session, nameOfUrn(name));
  let result;
  try {
    const fn = await session.api.getFunction(name);
    if (!fn) return cloudFailure('remote', new Error(t('No function "{0}" in region {1}, project {2}. fgtk remote list shows what is there.', name, session.region, session.projectId)), ctx);
    const inv = await session.api.invoke(fn.functionUrn, event, { timeoutSeconds: fn.timeoutSeconds });
    result = remoteResultToJson(inv, fn.memorySizeMB);
  } catch (err) {
    return cloudFailure('remote', err, ctx);
  }
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else {
    const colour = useColour(process.stderr);
    const paint = (code: string, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
    for (const l of result.logs) process.stderr.write(`${l.text}\n`);
    process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    if (result.error) process.stderr.write(`${paint('31', 'error')}: ${result.error.errorType}: ${result.error.errorMessage}\n`);
    const report = reportLine(result, { status: result.status });
    process.stderr.write(`${result.status === 'ok' ? paint('32', report) : paint('31', report)}\n`);
  }
  return result.status === 'ok' ? EXIT_OK : EXIT_FAILED;
}

export default run;
