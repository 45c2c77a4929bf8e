// Breakpoints in PHP handlers. Xdebug's step debugger is a client: the PHP process connects out to
// a debugger that already listens (the PHP Debug extension, a `php` debug session). So, unlike
// Node.js and Python, the child session starts first, on a free port, and the instance starts
// after it, with Xdebug pointed at that port. Without Xdebug, or without a client that can start
// the child, the function runs as usual and the Debug Console says what is missing.
import { realpath } from 'node:fs/promises';
import type { FunctionSpec } from '../core/config';
import { resolveInterpreter } from '../core/invoke/interpreters';
import { phpHasXdebug, xdebugMissingMessage } from '../core/invoke/launch/php';
import type { DebugOptions } from '../core/invoke/types';
import { t } from '../core/l10n';
import { freePort } from '../core/process';
import { isListening } from '../core/process/procfs';
import type { FunctionGraphLaunchArguments } from '../shared/dapProtocol';

/** How long the child debug session may take to start listening (VS Code starts an extension for it). */
const CHILD_START_MS = 60_000;

export interface PhpDebuggerHost {
  console(text: string): void;
  /**
   * Asks the client for a `php` child session listening on `port`; resolves with an error text, or undefined once it listens.
   * `realFunctionDir`: the function's folder as PHP names its files (symbolic links resolved), when that differs.
   */
  startChild(port: number, realFunctionDir?: string): Promise<string | undefined>;
  disposed(): boolean;
}

/** Whether this launch debugs (a PHP function then waits for its child session before it starts). */
export function wantsPhpDebugger(args: FunctionGraphLaunchArguments): boolean {
  // Only a client that starts child sessions can listen for Xdebug (VS Code does; a bare DAP client does not).
  return !args.noDebug && Boolean(args.__fgtk?.childSessions);
}

/** The debug options for a PHP instance, once its debugger listens; undefined to run without breakpoints. */
export async function attachPhpDebugger(spec: FunctionSpec, args: FunctionGraphLaunchArguments, host: PhpDebuggerHost): Promise<DebugOptions | undefined> {
  // No local php: pre-flight says so at the first invocation; nothing to attach.
  const php = await resolveInterpreter(spec.runtimeName ?? spec.runtime, args.__fgtk?.interpreters);
  if (!php) return undefined;
  if (!(await phpHasXdebug(php.path))) {
    host.console(xdebugMissingMessage(php.path));
    return undefined;
  }
  const port = await freePort();
  // PHP reports each file by its real path (symbolic links resolved): under a linked folder (macOS's
  // /tmp, a linked workspace) the child maps those paths back to the folder the user opened.
  const realDir = await realpath(spec.codeDir).catch(() => spec.codeDir);
  const error = await Promise.race([
    host.startChild(port, realDir === spec.codeDir ? undefined : realDir),
    new Promise<string>((resolve) => setTimeout(() => resolve(t('the PHP debug session did not start within {0} s', CHILD_START_MS / 1000)), CHILD_START_MS).unref()),
  ]);
  if (error) {
    host.console(t('This run continues without breakpoints.'));
    return undefined;
  }
  // The client answers when its session has started; its listener may follow a moment later.
  for (let i = 0; i < 250 && !host.disposed() && !(await isListening(port)); i++) await new Promise((r) => setTimeout(r, 20));
  return { kind: 'php', port, stopOnEntry: args.stopOnEntry ?? false };
}
