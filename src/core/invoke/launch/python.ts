// Python handlers: our Python shim (shims/files/python/runtime.py) with a local Python of the
// runtime's major version, under debugpy when debugging.
import { spawnSync } from 'node:child_process';
import { t } from '../../l10n';
import { knownDebugpy, rememberDebugpy, resolveDebugInterpreter, resolveInterpreter } from '../interpreters';
import type { DebugOptions, LaunchCommand, ResolvedInterpreter } from '../types';
import { shimFile, shimLaunchModule } from './shim';

const script = () => shimFile('python', 'runtime.py');

/** `python -c` this PORT SCRIPT: listens for the debugger, waits for it, then runs SCRIPT as `python SCRIPT` would. */
const DEBUGPY_IN_PROCESS = [
  'import sys, os, runpy, debugpy',
  'port, script = int(sys.argv[1]), sys.argv[2]',
  'sys.argv = [script]',
  'sys.path[0] = os.path.dirname(script)',
  'debugpy.listen(("127.0.0.1", port), in_process_debug_adapter=True)',
  'debugpy.wait_for_client()',
  'runpy.run_path(script, run_name="__main__")',
].join('\n');

/** The command that starts the Python shim with `interpreter`, under debugpy when asked. */
export function pythonShimCommand(interpreter: ResolvedInterpreter, debug?: DebugOptions & { port: number }): LaunchCommand {
  const env: Record<string, string> = {};
  // -u: logs reach the session as they are written; -B: no __pycache__ left in the user's package.
  if (debug?.kind === 'python') {
    assertDebugpy(interpreter.path);
    if (debug.stopOnEntry) env.FGTK_STOP_ON_ENTRY = '1';
    // debugpy's adapter in the debuggee's own process: `-m debugpy --listen` spawns it as a daemon in a
    // session of its own, which waits for ever when the debuggee is stopped before connecting to it.
    return { command: interpreter.path, args: ['-u', '-B', '-c', DEBUGPY_IN_PROCESS, `${debug.port}`, script()], env, reportsNotices: true };
  }
  return { command: interpreter.path, args: ['-u', '-B', script()], env, reportsNotices: true };
}

export const pythonLaunch = shimLaunchModule({
  label: 'Python',
  // The platform's exact version when the runtime names one (python3.9 for Python3.9).
  tool: (spec) => (/^\d+\.\d+$/.test(spec.runtimeVersion) ? `python${spec.runtimeVersion}` : spec.runtimeVersion.startsWith('2') ? 'python2' : 'python3'),
  script,
  // Under debugpy, a Python that can import it (interpreters.ts says which, and why).
  interpreter: (spec, options) => options.debug?.kind === 'python'
    ? resolveDebugInterpreter(spec.runtimeName ?? spec.runtime, options.interpreters)
    : resolveInterpreter(spec.runtimeName ?? spec.runtime, options.interpreters),
  command: pythonShimCommand,
});

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
