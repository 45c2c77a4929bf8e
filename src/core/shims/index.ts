// Launch commands for the runtime shims: plain programs (no dependencies) that speak the runtime
// API like any bootstrap and call the user's Node.js or Python handler (contract RT-*).
import * as path from 'node:path';
import type { FunctionSpec } from '../config';
import { dataDir } from '../dataDir';
import type { DebugOptions, LaunchCommand, ResolvedInterpreter } from '../invoke/types';

/** The command that starts the shim for `spec` with `interpreter`, under a debugger when asked. */
export function shimLaunch(spec: FunctionSpec, interpreter: ResolvedInterpreter, debug?: DebugOptions & { port: number }): LaunchCommand {
  const dir = dataDir('shims');
  if (interpreter.family === 'nodejs') {
    const args = [path.join(dir, 'node', 'runtime.js')];
    if (debug?.kind === 'node') args.unshift(`--inspect-brk=127.0.0.1:${debug.port}`);
    return { command: interpreter.path, args, env: {} };
  }
  if (interpreter.family === 'python') {
    const script = path.join(dir, 'python', 'runtime.py');
    const args = debug?.kind === 'python'
      ? ['-u', '-m', 'debugpy', '--listen', `127.0.0.1:${debug.port}`, '--wait-for-client', script]
      : ['-u', script];
    return { command: interpreter.path, args, env: {} };
  }
  throw new Error(`No runtime shim for ${spec.runtime}: only Node.js and Python handlers run through a shim.`);
}
