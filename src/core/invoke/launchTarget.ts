// What a launch names, and how it becomes a function and its events: the debug adapter's launch
// configuration, the extension's Invoke command and the CLI read targets the same way.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { listEvents, loadFunction, parseRuntime, specForRuntime, withRuntimeAndHandler, type FunctionSpec } from '../config';
import { t } from '../l10n';

/** The part of a launch that names the function and its events (the launch configuration's attributes of the same names). */
export interface LaunchTarget {
  /** The function's folder. */
  function?: string;
  /** Runtime and handler for a folder without template.yml, or in place of the config's (like fgtk invoke --runtime/--handler). */
  runtime?: string;
  handler?: string;
  /** A file path (absolute, or relative to the function folder) or the event itself. */
  event?: unknown;
  events?: unknown[];
}

/** A test event ready to send: its bytes exactly as written (API-1) and where it came from. */
export interface ResolvedEvent {
  label: string;
  body: Buffer;
  /** The event's file, when it came from one (its expectation sits beside it). */
  file?: string;
}

/** A launch problem the user can fix; the message says how. */
export class LaunchError extends Error {}

export async function resolveFunction(args: LaunchTarget): Promise<FunctionSpec> {
  if (!args.function || typeof args.function !== 'string') {
    throw new LaunchError(t('The launch configuration has no "function". Set it to the function\'s folder (the one with template.yml or bootstrap), e.g. "${workspaceFolder}/hello".'));
  }
  const dir = path.resolve(args.function);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new LaunchError(t('Function folder not found: {0}. Check "function" in launch.json.', dir));
  if (args.runtime !== undefined && (typeof args.runtime !== 'string' || !parseRuntime(args.runtime))) {
    throw new LaunchError(t('"runtime" in the launch configuration is not a FunctionGraph runtime: {0}. Use a name such as Python3.9, Node.js20.15 or Custom.', String(args.runtime)));
  }
  const loaded = await loadFunction(dir);
  const spec = loaded ? withRuntimeAndHandler(loaded, args.runtime, args.handler) : args.runtime ? specForRuntime(dir, args.runtime, args.handler) : undefined;
  if (!spec) throw new LaunchError(t('{0} is not a FunctionGraph function: it has neither a template.yml declaring HC::Serverless::Function nor a bootstrap file. Create one with "FunctionGraph: Create Function from Template", or set "runtime" and "handler" in the launch configuration.', dir));
  return spec;
}

/** The events of a launch, in order: `events`, else `event`, else the function's first test event, else `{}`. */
export async function resolveEvents(args: LaunchTarget, spec: FunctionSpec): Promise<ResolvedEvent[]> {
  if (args.events !== undefined && !Array.isArray(args.events)) {
    throw new LaunchError(t('"events" must be an array of event file paths or inline events.'));
  }
  const given = args.events ?? (args.event === undefined ? [] : [args.event]);
  if (given.length > 0) return Promise.all(given.map((e, i) => resolveEvent(e, spec.dir, i)));
  const [first] = await listEvents(spec);
  if (first) return [{ label: path.relative(spec.dir, first), body: await fs.readFile(first), file: first }];
  return [{ label: t('{} (no test event in events/)'), body: Buffer.from('{}') }];
}

export async function resolveEvent(event: unknown, functionDir: string, index = 0): Promise<ResolvedEvent> {
  if (typeof event !== 'string') {
    return { label: t('inline event #{0}', index + 1), body: Buffer.from(JSON.stringify(event ?? null)) };
  }
  const file = path.resolve(functionDir, event);
  try {
    return { label: path.relative(functionDir, file) || file, body: await fs.readFile(file), file };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const known = (await listEvents({ dir: functionDir })).map((f) => path.relative(functionDir, f));
      throw new LaunchError(known.length
        ? t('Test event file not found: {0}. This function has: {1}.', file, known.join(', '))
        : t('Test event file not found: {0}. Create one with "FunctionGraph: New Test Event".', file));
    }
    throw new LaunchError(t('Cannot read test event {0}: {1}', file, (err as Error).message));
  }
}
