// Launch commands for the runtime shims: plain programs (no dependencies) that speak the runtime
// API like any bootstrap and call the user's Node.js or Python handler (contract RT-*).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { FunctionSpec } from '../config';
import { dataDir } from '../dataDir';
import { knownDebugpy, rememberDebugpy } from '../invoke/interpreters';
import type { DebugOptions, LaunchCommand, ResolvedInterpreter } from '../invoke/types';
import { t } from '../l10n';

/** The shim program for a runtime family, as shipped (`dist/shims/...`). */
export function shimFile(family: 'nodejs' | 'python'): string {
  return family === 'nodejs' ? path.join(dataDir('shims'), 'node', 'runtime.js') : path.join(dataDir('shims'), 'python', 'runtime.py');
}

/** The command that starts the shim for `spec` with `interpreter`, under a debugger when asked. */
export function shimLaunch(spec: FunctionSpec, interpreter: ResolvedInterpreter, debug?: DebugOptions & { port: number }): LaunchCommand {
  // The launcher logs which interpreter stands in for the runtime (preflight: "Runtime Node.js18.15 → ...");
  // the shims stay silent so that the line is not printed twice on every cold start.
  const env: Record<string, string> = {};
  if (interpreter.family === 'nodejs') {
    const args = [shimFile('nodejs')];
    if (debug?.kind === 'node') {
      // The shim waits for the debugger itself (inspector.waitForDebugger), before loading user code.
      args.unshift(`--inspect=127.0.0.1:${debug.port}`);
      if (debug.stopOnEntry) env.FGTK_STOP_ON_ENTRY = '1';
    }
    return { command: interpreter.path, args, env };
  }
  if (interpreter.family === 'python') {
    const script = shimFile('python');
    // -u: logs reach the session as they are written; -B: no __pycache__ left in the user's package.
    if (debug?.kind === 'python') {
      assertDebugpy(interpreter.path);
      if (debug.stopOnEntry) env.FGTK_STOP_ON_ENTRY = '1';
      return { command: interpreter.path, args: ['-u', '-B', '-m', 'debugpy', '--listen', `127.0.0.1:${debug.port}`, '--wait-for-client', script], env };
    }
    return { command: interpreter.path, args: ['-u', '-B', script], env };
  }
  throw new Error(t('No runtime shim for {0}: only Node.js and Python handlers run through a shim.', spec.runtime));
}

/** Fails with how to get debugpy when `python` cannot import it (probed once per interpreter, shared with the interpreter choice). */
function assertDebugpy(python: string): void {
  let ok = knownDebugpy(python);
  if (ok === undefined) {
    // Callers that did not go through resolveDebugInterpreter (which probes asynchronously) pay one spawn here.
    ok = spawnSync(python, ['-c', 'import debugpy'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
    rememberDebugpy([python], ok);
  }
  if (!ok) {
    throw new Error(`${t('Python debugging needs debugpy, which {0} cannot import. Install it with `{0} -m pip install debugpy` (on Debian or Ubuntu: `sudo apt-get install python3-debugpy`), then start debugging again.', python)} ${t('Or point the functiongraph.interpreters setting at a Python that has debugpy, e.g. {"python": "/usr/bin/python3"}.')}`);
  }
}
