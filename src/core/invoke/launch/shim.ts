// What every runtime shim's launch shares. A shim is a plain program shipped as a data file
// (`src/core/shims/files/<runtime>/`, `dist/shims/` when built) that speaks the runtime API like any
// bootstrap and calls the user's handler (contract RT-*). Its launch module names the interpreter,
// the file and the command line; this file turns that into a plan with clear errors.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec } from '../../config';
import { dataDir } from '../../dataDir';
import { t } from '../../l10n';
import { howToSetInterpreter } from '../interpreters';
import type { DebugOptions, InvokerOptions, LaunchCommand, ResolvedInterpreter } from '../types';
import type { LaunchModule } from './types';

/** A file of the shipped shims, e.g. `shimFile('node', 'runtime.js')`. */
export function shimFile(...parts: string[]): string {
  return path.join(dataDir('shims'), ...parts);
}

/** One handler runtime served by a shim. */
export interface ShimRuntime {
  /** The runtime's name in messages: `Node.js`, `Python`. */
  label: string;
  /** The program a user installs when no interpreter is found: `node`, `python3`. */
  tool(spec: FunctionSpec): string;
  /** The shim program that must ship with the toolkit. */
  script(): string;
  /** The local interpreter for the function (a debug session may need another one). */
  interpreter(spec: FunctionSpec, options: InvokerOptions): Promise<ResolvedInterpreter | undefined>;
  /** The command that runs the shim with `interpreter`, under a debugger when asked; throws with what to fix. */
  command(interpreter: ResolvedInterpreter, debug?: DebugOptions & { port: number }): LaunchCommand;
}

/** The launch module of a shim runtime; the instance speaks the runtime API. */
export function shimLaunchModule(runtime: ShimRuntime): LaunchModule {
  return {
    async plan({ spec, options, debugPort }, plan) {
      const { label } = runtime;
      if (!spec.handler.trim()) {
        plan.errors.push(t('Handler is empty: a {0} function names its handler as file.function, e.g. Handler: index.handler (PKG-4).', label));
      }
      const interpreter = await runtime.interpreter(spec, options);
      if (!interpreter) {
        const tool = runtime.tool(spec);
        plan.errors.push(t('No local {0} interpreter was found for {1}. Install {2}, or {3}.', label, spec.runtime, tool, howToSetInterpreter(options.interpreters, spec.runtimeName ?? spec.runtime, `/usr/bin/${tool}`)));
        return;
      }
      plan.interpreter = interpreter;
      plan.notes.push(t('Runtime {0}', interpreter.note));
      if (interpreter.mismatch) plan.warnings.push(interpreter.mismatch);
      try {
        const debug = options.debug && debugPort ? { ...options.debug, port: debugPort } : undefined;
        plan.launch = runtime.command(interpreter, debug);
        const script = runtime.script();
        if (!existsSync(script)) plan.errors.push(t('The {0} runtime shim {1} is missing from this installation; rebuild (npm run build) or reinstall the toolkit.', label, script));
      } catch (err) {
        plan.errors.push(err instanceof Error ? err.message : String(err));
      }
      plan.mode = 'runtime-api';
    },
  };
}
