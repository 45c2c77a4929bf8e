// fgtk invoke [DIR|ZIP] [--function NAME] [--event FILE]... [--repeat N] [--json] [--timeout S] [--memory MB] [--env K=V]... [--enforce-memory]
//             [--runtime R --handler H] [--interpreter R=PATH]...
// Sends each event in order to one warm instance (the first is a cold start). Text mode: the
// function's output on stdout, logs and a one-line summary per invocation on stderr. --json: one
// object per invocation per line on stdout. Exit 0 all ok, 1 any failed, 2 usage or setup error.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isTestEventFile, loadFunction, parseRuntime, specForRuntime, withRuntimeAndHandler, type FunctionSpec } from '../core/config';
import { Invoker, preflight, watchFunction, type FunctionChange, type InvokerOptions, type LogLine } from '../core/invoke';
import { prepareFunction } from '../core/invoke/prepare';
import { localInvokeCredentials } from '../core/cloud/localInvokeCredentials';
import { INTERPRETERS_ENV, parseInterpreterPairs } from '../core/invoke/interpreters';
import { reportLine, resultToJson } from '../core/invoke/report';
import type { InvokeJson } from '../shared/cliProtocol';
import { killAllGroupsSync } from '../core/process/processGroup';
import { t } from '../core/l10n';
import { openFunctionCode } from '../core/package/openPackage';
import {
  EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, chooseFunction, configAllowsRun, parseCommandLine, setupError, usageError, useColour,
  type ParsedCommandLine, type Subcommand,
} from './common';

const HELP = () => [
  t("Usage: fgtk invoke [DIR|ZIP] [options]"),
  '',
  t("Invoke a function locally, as FunctionGraph would: its bootstrap (or Node.js/Python/PHP handler) runs against an embedded runtime API; HTTP functions are reached on 127.0.0.1:8000."),
  '',
  t("  DIR|ZIP              Function folder (default: the current folder) or its deployment .zip"),
  t("  --function NAME      Which function, when the folder's template declares several (its logical ID or Name)"),
  t("  --event, -e FILE     Test event to send (repeatable, sent in order; \"-\" reads stdin; a quoted pattern such as 'events/*.json' sends every match). Default: {}"),
  t("  --repeat, -n N       Send the list of events N times (default 1)"),
  t("  --json               One JSON object per invocation on stdout, one per line"),
  t("  --timeout S          Timeout in seconds (overrides the config's Timeout)"),
  t("  --memory MB          Memory size in MB (overrides MemorySize)"),
  t("  --env KEY=VALUE      Extra environment variable (repeatable; overrides Environment.Variables)"),
  t("  --enforce-memory     Fail an invocation that goes over the memory size (INV-2)"),
  t("  --runtime NAME       Runtime of a .zip or folder without template.yml (e.g. Python3.9); overrides the config's"),
  t("  --handler NAME       Handler to call (e.g. index.handler); overrides the config's"),
  t("  --interpreter R=PATH Local interpreter for runtime R (repeatable, e.g. Python3.9=/usr/bin/python3.9); also FGTK_INTERPRETERS=R=PATH,..."),
  t("  --watch              Keep the instance and send the events again whenever the function's files change; a code or config change restarts the instance first (Ctrl+C ends)"),
  t("  --help, -h           Show this help"),
  '',
  t("Exit code: 0 when every invocation succeeded, 1 when any failed, 2 for usage or setup errors."),
  '',
].join('\n');

interface CliOptions {
  target: string;
  functionName?: string;
  runtime?: string;
  handler?: string;
  events: string[];
  repeat: number;
  json: boolean;
  watch: boolean;
  invoker: InvokerOptions;
}

const OPTIONS = {
  event: { type: 'string', short: 'e', multiple: true },
  function: { type: 'string' },
  repeat: { type: 'string', short: 'n' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  memory: { type: 'string' },
  env: { type: 'string', multiple: true },
  'enforce-memory': { type: 'boolean' },
  runtime: { type: 'string' },
  handler: { type: 'string' },
  interpreter: { type: 'string', multiple: true },
  watch: { type: 'boolean' },
} as const;

/** Checks the values parseArgs cannot (numbers, KEY=VALUE, one target); throws a UsageError. */
function toCliOptions(parsed: ParsedCommandLine<typeof OPTIONS, true>): CliOptions {
  const v = parsed.values;
  if (parsed.positionals.length > 1) throw new UsageError(t('Expected at most one function folder or .zip, got {0}: {1}', parsed.positionals.length, parsed.positionals.join(' ')));
  const number = (name: string, raw: string | undefined, integer: boolean): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!raw.trim() || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new UsageError(t('--{0} needs a positive {1}, got "{2}".', name, integer ? 'whole number' : 'number', raw));
    }
    return n;
  };
  const env: Record<string, string> = {};
  for (const pair of v.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(t('--env needs KEY=VALUE, got "{0}".', pair));
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  let interpreters: Record<string, string>;
  try {
    // The option wins over the environment variable, runtime by runtime.
    interpreters = { ...parseInterpreterPairs([process.env[INTERPRETERS_ENV] ?? '']), ...parseInterpreterPairs(v.interpreter ?? []) };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (v.runtime !== undefined && !parseRuntime(v.runtime)) throw new UsageError(t('Unknown runtime "{0}".', v.runtime));
  return {
    target: parsed.positionals[0] ?? '.',
    functionName: v.function,
    runtime: v.runtime,
    handler: v.handler,
    events: v.event ?? [],
    repeat: number('repeat', v.repeat, true) ?? 1,
    json: Boolean(v.json),
    watch: Boolean(v.watch),
    invoker: {
      timeoutS: number('timeout', v.timeout, false),
      memoryMB: number('memory', v.memory, true),
      env: Object.keys(env).length > 0 ? env : undefined,
      enforceMemory: Boolean(v['enforce-memory']),
      interpreters: { paths: interpreters, host: 'cli' },
    },
  };
}

interface Target {
  spec: FunctionSpec;
  /** Removes what opening the target created (the folder a .zip was unpacked into). */
  dispose: () => Promise<void>;
}

async function loadTarget(target: string, flags: Pick<CliOptions, 'runtime' | 'handler' | 'functionName'>): Promise<Target> {
  const abs = path.resolve(target);
  const st = await fs.stat(abs).catch(() => undefined);
  if (!st) throw new UsageError(t('{0} does not exist. Give the folder of a function (with a template.yml or a bootstrap) or its .zip.', target));
  if (st.isFile() && /\.zip$/i.test(abs)) return openZip(abs, target, flags);
  if (!st.isDirectory()) throw new UsageError(t('{0} is not a folder or a .zip. Give the folder of a function (with a template.yml or a bootstrap) or its .zip.', target));
  const spec = withFlags(await chooseFunction(abs, flags.functionName), abs, flags);
  if (!spec) throw new UsageError(t('No function in {0}: it has no YAML config declaring HC::Serverless::Function and no bootstrap file. Create one with `fgtk new`, pass --runtime and --handler, or point to the function\'s folder.', target));
  if (!configAllowsRun(spec)) throw new ConfigRefused();
  // A CodeUri that names a .zip runs from an unpacked private copy, as `fgtk invoke ZIP` does.
  let code;
  try {
    code = await openFunctionCode(spec);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  for (const s of code.skipped) process.stderr.write(t('warning: {0} was not unpacked (symbolic link).', s) + '\n');
  return { spec: code.spec, dispose: code.dispose };
}

/** The config check refused (its findings are already on stderr). */
class ConfigRefused extends Error {}

/** The config's function with --runtime/--handler applied, or the function those flags alone describe. */
function withFlags(spec: FunctionSpec | undefined, dir: string, flags: Pick<CliOptions, 'runtime' | 'handler'>): FunctionSpec | undefined {
  if (!flags.runtime && !flags.handler) return spec;
  if (spec) return withRuntimeAndHandler(spec, flags.runtime, flags.handler);
  return flags.runtime ? specForRuntime(dir, flags.runtime, flags.handler) : undefined;
}

/** A deployment package runs from a private unpacked copy (E2's safe extraction), removed afterwards. */
async function openZip(abs: string, target: string, flags: Pick<CliOptions, 'runtime' | 'handler'>): Promise<Target> {
  const { openPackage } = await import('../core/package');
  let pkg;
  try {
    pkg = await openPackage(abs);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const spec = withFlags(pkg.spec ?? await loadFunction(pkg.dir).then((s) => s && { ...s, codeDir: pkg.dir }), pkg.dir, flags);
  if (!spec) {
    await pkg.dispose();
    throw new UsageError(t('{0} has no template.yml next to it or inside, so its runtime and handler are unknown: pass --runtime and --handler (e.g. --runtime Python3.9 --handler index.handler).', target));
  }
  for (const s of pkg.skipped) process.stderr.write(t('warning: {0} was not unpacked (symbolic link).', s) + '\n');
  return { spec, dispose: () => pkg.dispose() };
}

async function readEvents(files: string[]): Promise<Buffer[]> {
  if (files.length === 0) return [Buffer.from('{}')];
  let stdin: Buffer | undefined;
  const out: Buffer[] = [];
  for (const file of await expandPatterns(files)) {
    if (file === '-') {
      stdin ??= await readStdin();
      out.push(stdin);
      continue;
    }
    try {
      out.push(await fs.readFile(file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? t('Event file {0} does not exist.', file) : code === 'EISDIR' ? t('Event file {0} is a folder; give a .json file.', file) : t('Cannot read event file {0}: {1}', file, (err as Error).message));
    }
  }
  return out;
}

/**
 * `--event 'events/*.json'`: a pattern (quoted, so the shell leaves it) names every matching test
 * event, sorted, never an expectation (`*.expected.json`). A file that exists is taken as named.
 */
async function expandPatterns(files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    if (file === '-' || !/[*?[{]/.test(file) || existsSync(file)) {
      out.push(file);
      continue;
    }
    const { default: glob } = await import('fast-glob');
    const matches = (await glob(file, { onlyFiles: true })).filter(isTestEventFile).sort();
    if (matches.length === 0) throw new UsageError(t('No test event matches {0}.', file));
    out.push(...matches);
  }
  return out;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const run: Subcommand = async (args) => {
  const parsed = parseCommandLine(args, { command: 'invoke', options: OPTIONS, allowPositionals: true, usage: HELP });
  if (typeof parsed === 'number') return parsed;
  let options: CliOptions;
  let target: Target;
  let events: Buffer[];
  try {
    options = toCliOptions(parsed);
  } catch (err) {
    if (err instanceof UsageError) return usageError('invoke', err.message);
    throw err;
  }
  try {
    // A missing folder, a damaged ZIP, an unreadable event file: the message says what to do; the
    // options were right, so no pointer to --help.
    if (options.watch && /\.zip$/i.test(options.target)) throw new UsageError(t('--watch follows a function folder; a .zip does not change. Give the folder.'));
    if (options.watch && options.events.includes('-')) throw new UsageError(t('--watch sends the events again after each change; stdin can be read only once. Give event files.'));
    events = await readEvents(options.events);
    target = await loadTarget(options.target, options);
    if (/\.zip$/i.test(options.target)) options.invoker.packageZip = options.target;
  } catch (err) {
    if (err instanceof ConfigRefused) return EXIT_USAGE;
    if (err instanceof UsageError) return setupError('invoke', err.message);
    throw err;
  }
  try {
    return await invokeAll(target.spec, events, options, target.dispose);
  } finally {
    await target.dispose();
  }
};

async function invokeAll(spec: FunctionSpec, events: Buffer[], options: CliOptions, cleanup: () => Promise<void>): Promise<number> {
  const colour = useColour(process.stderr);
  // `fgtk invoke ... | head`: a reader that goes away is not our failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const paint = (code: string, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);

  // Compiled runtimes build first (Go 1.x: go build when a source changed); a build error stops here.
  const prepared = await prepareFunction(spec, { debug: false, onLine: (text) => process.stderr.write(`${paint('2', text)}\n`) });
  if (!prepared.ok) {
    process.stderr.write(`${paint('31', 'build error')}: ${prepared.message}\n`);
    return EXIT_USAGE;
  }
  if (prepared.note) process.stderr.write(`${paint('2', `[fgtk] ${prepared.note}`)}\n`);

  const checks = await preflight(spec, options.invoker);
  // Warnings are not printed here: the Invoker logs them when the instance starts (also into --json logs).
  if (checks.errors.length > 0) {
    for (const e of checks.errors) process.stderr.write(`${paint('31', 'error')}: ${e}\n`);
    return EXIT_USAGE;
  }

  // API-2: the function's credentials come from the cloud commands' chain (environment, ~/.huaweicloud/credentials).
  const credentials = await localInvokeCredentials();
  const json = options.json;
  const makeInvoker = (fn: FunctionSpec) => {
    const inv = new Invoker(fn, { ...options.invoker, credentials });
    if (!json) {
      inv.on('log', (line: LogLine) => {
        if (line.stream === 'emulator') {
          const tag = line.level === 'error' ? paint('31', '[fgtk] error: ') : line.level === 'warn' ? paint('33', '[fgtk] warning: ') : paint('2', '[fgtk] ');
          process.stderr.write(`${tag}${line.level === 'info' ? paint('2', line.text) : line.text}\n`);
        } else {
          process.stderr.write(`${line.text}\n`);
        }
      });
    }
    return inv;
  };
  let invoker = makeInvoker(spec);
  // Ctrl+C, a terminal closing or a kill: stop the instance's whole process tree, then leave.
  let interrupted = false;
  let wakeWatch = () => undefined as void;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      killAllGroupsSync();
      process.exit(130);
    }
    interrupted = true;
    wakeWatch();
    void invoker.dispose().then(cleanup).finally(() => {
      killAllGroupsSync();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  let failed = false;
  const sendAll = async (list: Buffer[]): Promise<boolean> => {
    for (const event of list) {
      const r = await invoker.invoke(event);
      if (interrupted) return false;
      if (r.status !== 'ok') failed = true;
      if (json) {
        process.stdout.write(JSON.stringify(resultToJson(r) satisfies InvokeJson) + '\n');
        continue;
      }
      process.stdout.write(r.output);
      if (r.output.length === 0 || r.output[r.output.length - 1] !== 0x0a) process.stdout.write('\n');
      if (r.status !== 'ok' && r.error) process.stderr.write(`${paint('31', `${r.status}`)}: ${r.error.errorType}: ${r.error.errorMessage}\n`);
      const report = reportLine(r, { status: r.status });
      process.stderr.write(`${r.status === 'ok' ? paint('32', report) : paint('31', report)}\n`);
    }
    return true;
  };
  try {
    for (let round = 0; round < options.repeat; round++) {
      if (!(await sendAll(events))) return 130;
    }
    if (!options.watch) return failed ? EXIT_FAILED : EXIT_OK;
    // --watch: after each change, the events again (re-read: they may be what changed); a code
    // change makes the Invoker restart the instance first, a config change needs a new Invoker.
    let pending: FunctionChange = { code: [], events: [] };
    const watcher = watchFunction(spec, (change) => {
      pending = { code: [...pending.code, ...change.code], events: [...pending.events, ...change.events] };
      wakeWatch();
    }, (file) => invoker.isPrepareOutput(file));
    try {
      process.stderr.write(paint('2', `[fgtk] ${t('Watching {0} for changes; Ctrl+C ends.', spec.configDir)}`) + '\n');
      for (;;) {
        if (pending.code.length === 0 && pending.events.length === 0) await new Promise<void>((resolve) => { wakeWatch = resolve; });
        if (interrupted) return 130;
        const change = pending;
        pending = { code: [], events: [] };
        const rel = (f: string) => path.relative(spec.configDir, f) || f;
        if (spec.configFile && change.code.includes(spec.configFile)) {
          const reloaded = (await loadTarget(options.target, options).catch(() => undefined))?.spec; // the same --runtime/--handler
          if (reloaded) {
            process.stderr.write(paint('2', `[fgtk] ${t('code changed, restarting: {0}', rel(spec.configFile))}`) + '\n');
            await invoker.dispose();
            invoker = makeInvoker(reloaded);
          }
        } else if (change.code.length > 0) {
          invoker.restartBeforeNextEvent(rel(change.code[0]));
        } else {
          process.stderr.write(paint('2', `[fgtk] ${t('Test events changed: sending them again.')}`) + '\n');
        }
        let list: Buffer[];
        try {
          list = await readEvents(options.events);
        } catch (err) {
          process.stderr.write(`${paint('31', 'error')}: ${(err as Error).message}\n`);
          continue;
        }
        if (!(await sendAll(list))) return 130;
      }
    } finally {
      watcher.close();
    }
  } finally {
    await invoker.dispose();
    for (const s of signals) process.off(s, onSignal);
  }
}
export default run;
