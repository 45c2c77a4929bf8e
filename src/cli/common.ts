import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkConfig, formatConfigFinding, FunctionChoiceError, resolveFunctionRef, type FunctionSpec } from '../core/config';
import { t } from '../core/l10n';

// Exit codes shared by every subcommand (issue: 0 all good, 1 a function or check failed, 2 usage/setup).
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A subcommand takes its arguments (after the command name) and resolves with the exit code. */
export type Subcommand = (args: string[]) => Promise<number>;

/** A usage or setup error: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Colours and progress only on a terminal (and never when NO_COLOR is set). */
export function useColour(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every subcommand takes `--help` / `-h`; parseCommandLine adds it. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** What a subcommand accepts on its command line. */
export interface CommandLine<O extends Options, P extends boolean> {
  /** The subcommand's name, e.g. `lint`: messages start with `fgtk lint: `. */
  command: string;
  /** Its options, as node:util parseArgs takes them (without help). */
  options: O;
  /** Whether it takes positional arguments (default: no). */
  allowPositionals?: P;
  /** The help text, printed on stdout for --help. */
  usage: () => string;
}

export type ParsedCommandLine<O extends Options, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: P; strict: true }>
>;

/**
 * Parses a subcommand's arguments strictly. Returns the parsed values and positionals, or the
 * exit code when there is nothing left to do: 0 after printing the help for --help, 2 after a
 * usage error (message and a hint on stderr).
 */
export function parseCommandLine<const O extends Options, const P extends boolean = false>(
  args: string[],
  spec: CommandLine<O, P>,
): ParsedCommandLine<O, P> | number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...spec.options, ...HELP_OPTION }, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (err) {
    // Node's advice on positionals that start with "-" is noise for a mistyped option; its
    // messages end with or without a full stop: one sentence style for all.
    return usageError(spec.command, (err as Error).message.replace(/\. To specify a positional argument.*$/, '').replace(/\.?$/, '.'));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(spec.usage());
    return EXIT_OK;
  }
  return parsed as ParsedCommandLine<O, P>;
}

/** A mistake in the arguments: the message, then where to read the options. Returns exit code 2. */
export function usageError(command: string, message: string): number {
  process.stderr.write(`fgtk ${command}: ${message}\n${t('Run `fgtk {0} --help` for the options.', command)}\n`);
  return EXIT_USAGE;
}

/** A setup problem the arguments did not cause (a missing folder, no function in it): the message alone. Returns exit code 2. */
export function setupError(command: string, message: string): number {
  process.stderr.write(`fgtk ${command}: ${message}\n`);
  return EXIT_USAGE;
}

/**
 * The function in folder `dir` (a config folder or a code folder), chosen by `--function NAME` where
 * its template declares several; undefined when the folder holds none. Throws a UsageError naming
 * the choices when one is needed.
 */
export async function chooseFunction(dir: string, name: string | undefined): Promise<FunctionSpec | undefined> {
  try {
    return await resolveFunctionRef(dir, { name, how: t('Choose one with --function NAME.') });
  } catch (err) {
    if (err instanceof FunctionChoiceError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * The one config check before anything starts (invoke, package): errors and warnings on stderr
 * with file, line and rule. Returns false when there are errors (the caller stops with exit 2).
 */
export function configAllowsRun(spec: FunctionSpec, stream: NodeJS.WriteStream = process.stderr): boolean {
  const { errors, warnings } = checkConfig(spec);
  for (const f of [...errors, ...warnings]) stream.write(formatConfigFinding(f) + '\n');
  if (errors.length) stream.write(t('Nothing was started: fix the config first (fgtk lint {0} shows every problem).', path.relative(process.cwd(), spec.configDir) || '.') + '\n');
  return errors.length === 0;
}
