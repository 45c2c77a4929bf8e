// Node.js handlers: our Node.js shim (shims/files/node/runtime.js) with the local Node.js, under
// the inspector when debugging.
import { resolveInterpreter } from '../interpreters';
import type { DebugOptions, LaunchCommand, ResolvedInterpreter } from '../types';
import { shimFile, shimLaunchModule } from './shim';

const script = () => shimFile('node', 'runtime.js');

/** The command that starts the Node.js shim with `interpreter`, under the inspector when asked. */
export function nodeShimCommand(interpreter: ResolvedInterpreter, debug?: DebugOptions & { port: number }): LaunchCommand {
  // The launcher logs which interpreter stands in for the runtime ("Runtime Node.js18.15 → ...");
  // the shims stay silent so that the line is not printed twice on every cold start.
  const env: Record<string, string> = {};
  const args = [script()];
  if (debug?.kind === 'node') {
    // The shim waits for the debugger itself (inspector.waitForDebugger), before loading user code.
    args.unshift(`--inspect=127.0.0.1:${debug.port}`);
    if (debug.stopOnEntry) env.FGTK_STOP_ON_ENTRY = '1';
  }
  return { command: interpreter.path, args, env, reportsNotices: true };
}

export const nodeLaunch = shimLaunchModule({
  label: 'Node.js',
  tool: () => 'node',
  script,
  interpreter: (spec, options) => resolveInterpreter(spec.runtimeName ?? spec.runtime, options.interpreters),
  command: nodeShimCommand,
});
