// Which debugger an F5 session starts the function under, by runtime: the shims under the
// inspector (Node.js), debugpy (Python) or Xdebug (PHP), the JVM under JDWP, Go under Delve, a
// custom bootstrap on its own debug port. No vscode, no session state: the session asks.
import type { FunctionSpec } from '../core/config';
import type { DebugOptions } from '../core/invoke/types';
import type { FunctionGraphLaunchArguments } from '../shared/dapProtocol';

/**
 * What the Invoker should start the instance under, if anything. `php`: the debugger a PHP session
 * already set up (attachPhpDebugger picks its port), kept when a config change makes a new engine.
 */
export function debugOptionsFor(spec: FunctionSpec, args: FunctionGraphLaunchArguments, php?: DebugOptions): DebugOptions | undefined {
  if (args.noDebug) return undefined;
  if (spec.family === 'php') return php?.kind === 'php' ? php : undefined;
  if (spec.family === 'custom' || spec.family === 'http') {
    return args.debugPort === undefined ? undefined : { kind: 'custom', port: args.debugPort };
  }
  // Only a client that starts child sessions can attach; a bare DAP client would leave the
  // handler waiting for a debugger forever.
  if (!args.__fgtk?.childSessions) return undefined;
  const stopOnEntry = args.stopOnEntry ?? false;
  if (spec.family === 'nodejs') return { kind: 'node', port: 0, stopOnEntry };
  if (spec.family === 'python') return { kind: 'python', port: 0, stopOnEntry };
  // The JVM waits under JDWP (suspend=y) until a debugger attaches: the Java Debugger extension as a
  // child session, or any JDWP debugger the user attaches by hand.
  if (spec.family === 'java') return { kind: 'java', port: 0 };
  if (spec.family === 'go') return { kind: 'go', port: 0, stopOnEntry };
  return undefined;
}

/** Whether we attach the debugger ourselves (a child session), as for every runtime but a custom bootstrap's own. */
export function attachesDebugger(debug: DebugOptions | undefined): boolean {
  return debug !== undefined && debug.kind !== 'custom';
}
