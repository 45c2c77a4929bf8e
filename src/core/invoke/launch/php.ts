// How a PHP handler's instance starts: the local `php` runs our runtime shim (shims/php/runtime.php),
// which speaks the runtime API like the Node.js and Python shims. Xdebug, when the machine has it,
// is off for plain invokes (its default "develop" mode slows every call, and invoking must not
// depend on it) and connects to the debugger's port when debugging.
import { t } from '../../l10n';
import { runCapture } from '../../process/execa';
import { resolveInterpreter } from '../interpreters';
import type { DebugOptions, LaunchCommand, ResolvedInterpreter } from '../types';
import { shimFile, shimLaunchModule } from './shim';

const script = () => shimFile('php', 'runtime.php');

/**
 * `php runtime.php` for `interpreter`. Under a `php` debugger, Xdebug's step debugger connects at
 * start to the client (the IDE side, which listens) on 127.0.0.1:`debug.port`.
 */
export function phpShimCommand(interpreter: ResolvedInterpreter, debug?: DebugOptions & { port: number }): LaunchCommand {
  const env: Record<string, string> = {};
  if (debug?.kind === 'php') {
    if (debug.stopOnEntry) env.FGTK_STOP_ON_ENTRY = '1';
    return {
      command: interpreter.path,
      args: [
        '-d', 'xdebug.mode=debug',
        '-d', 'xdebug.start_with_request=yes',
        '-d', 'xdebug.client_host=127.0.0.1',
        '-d', `xdebug.client_port=${debug.port}`,
        script(),
      ],
      env,
    };
  }
  // An unknown ini setting is ignored, so this is harmless where Xdebug is not installed.
  return { command: interpreter.path, args: ['-d', 'xdebug.mode=off', script()], env };
}

export const phpLaunch = shimLaunchModule({
  label: 'PHP',
  tool: () => 'php',
  script,
  interpreter: (spec, options) => resolveInterpreter(spec.runtimeName ?? spec.runtime, options.interpreters),
  command: phpShimCommand,
});

/** Interpreters known to load Xdebug; a "no" is asked again, so installing Xdebug needs no reload. */
const withXdebug = new Set<string>();

/** Whether `php` loads the Xdebug extension (one spawn per interpreter path until it does). */
export async function phpHasXdebug(php: string): Promise<boolean> {
  if (withXdebug.has(php)) return true;
  const r = await runCapture(php, ['-d', 'xdebug.mode=off', '-r', 'echo extension_loaded("xdebug") ? "yes" : "no";']).catch(() => undefined);
  const yes = r?.exitCode === 0 && r.stdout.trim() === 'yes';
  if (yes) withXdebug.add(php);
  return yes;
}

/** What to do when `php` has no Xdebug: the Debug Console shows this and the function runs without breakpoints. */
export function xdebugMissingMessage(php: string): string {
  return t('Breakpoints in PHP handlers need Xdebug, which {0} does not load. Install it (Debian or Ubuntu: `sudo apt-get install php-xdebug`; elsewhere `pecl install xdebug`), then start debugging again. This run continues without breakpoints.', php);
}
