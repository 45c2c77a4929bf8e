// Pre-flight (contract PKG-2/PKG-3, section 9): everything that would make the instance fail to
// start, found before spawning, each with what to do about it. `fgtk invoke` runs it first and
// stops with exit code 2; the Invoker runs it again at every cold start.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FunctionSpec } from '../config';
import { port8000Problem } from '../emulator/httpBridge';
import { shimLaunch } from '../shims';
import { planBootstrap } from './bootstrapPlan';
import { planJavaLaunch } from './launch/java';
import { resolveDebugInterpreter, resolveInterpreter } from './interpreters';
import type { InvokerOptions, LaunchCommand, ResolvedInterpreter } from './types';

/** How the emulator talks to the instance: runtime API, port 8000, or whichever the bootstrap uses first. */
export type InstanceMode = 'runtime-api' | 'http' | 'detect';

export interface LaunchPlan {
  errors: string[];
  warnings: string[];
  /** Emulator log lines: which interpreter or shell, and why. */
  notes: string[];
  launch?: LaunchCommand;
  mode: InstanceMode;
  interpreter?: ResolvedInterpreter;
}

/** ENV-5 memory sizes. */
export const MEMORY_SIZES = [128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096];

export async function preflight(spec: FunctionSpec, options: InvokerOptions = {}): Promise<{ errors: string[]; warnings: string[] }> {
  const plan = await planLaunch(spec, options, { checkPort: true });
  return { errors: plan.errors, warnings: plan.warnings };
}

export async function planLaunch(spec: FunctionSpec, options: InvokerOptions, how: { checkPort: boolean; debugPort?: number }): Promise<LaunchPlan> {
  const plan: LaunchPlan = { errors: [], warnings: [], notes: [], mode: 'runtime-api' };
  for (const p of spec.problems) plan.warnings.push(`${spec.configFile ? path.basename(spec.configFile) : 'config'}${p.range ? `:${p.range.start.line + 1}` : ''}: ${p.message}`);
  const memory = options.memoryMB ?? spec.memoryMB;
  const timeout = options.timeoutS ?? spec.timeoutS;
  if (!MEMORY_SIZES.includes(memory)) plan.warnings.push(`Memory size ${memory} MB is not one the platform offers (${MEMORY_SIZES.join(', ')} MB; ENV-5).`);
  if (!(timeout > 0)) plan.errors.push(`Timeout must be a positive number of seconds, got ${timeout}.`);
  else if (timeout < 3) plan.warnings.push(`Timeout ${timeout} s is below the platform's minimum of 3 s (ENV-5).`);
  else if (timeout > 900) plan.warnings.push(`Timeout ${timeout} s is above the platform's maximum of 900 s for synchronous invocations (ENV-5).`);

  if (spec.family === 'nodejs' || spec.family === 'python') {
    await planShim(spec, options, how.debugPort, plan);
    return plan;
  }
  if (spec.family === 'java') {
    const java = await planJavaLaunch(spec, options, how.debugPort);
    plan.errors.push(...java.errors);
    plan.warnings.push(...java.warnings);
    plan.notes.push(...java.notes);
    plan.launch = java.launch;
    plan.interpreter = java.interpreter;
    return plan;
  }
  if (spec.family === 'csharp' || spec.family === 'php' || spec.family === 'go') {
    const hasBootstrap = existsSync(path.join(spec.dir, 'bootstrap'));
    const why = spec.family === 'go'
      ? 'Go 1.x handlers are called by the platform over Go net/rpc (RT-4); locally Go functions run as custom runtimes: build a binary named bootstrap that polls the runtime API, as the docs recommend for new Go code.'
      : `Running ${spec.runtime} handlers locally is not supported: the emulator runs Node.js, Python and Java handlers through its runtime shims and anything else through a bootstrap (set Runtime: Custom and add a bootstrap).`;
    if (!hasBootstrap) {
      plan.errors.push(why);
      return plan;
    }
    plan.warnings.push(`${spec.runtime}: running the folder's bootstrap as a custom runtime. ${spec.family === 'go' ? '' : why}`.trim());
  } else if (spec.family === 'unknown') {
    plan.warnings.push(`Runtime "${spec.runtime}" is not one the platform names (PKG-4b); running the folder's bootstrap as a custom runtime.`);
  }

  const b = await planBootstrap(spec.dir, options.interpreters, process.env as Record<string, string>);
  plan.errors.push(...b.errors);
  plan.warnings.push(...b.warnings);
  plan.notes.push(...b.notes);
  plan.launch = b.launch;
  plan.mode = spec.family === 'http' ? 'http' : 'detect';
  if (how.checkPort && plan.mode === 'http') {
    const problem = await port8000Problem();
    if (problem) plan.errors.push(problem);
  }
  if (options.debug?.kind === 'custom' && how.debugPort && plan.launch) plan.launch.env.FGTK_DEBUG_PORT = String(how.debugPort);
  return plan;
}

async function planShim(spec: FunctionSpec, options: InvokerOptions, debugPort: number | undefined, plan: LaunchPlan): Promise<void> {
  const label = spec.family === 'nodejs' ? 'Node.js' : 'Python';
  if (!spec.handler.trim()) {
    plan.errors.push(`Handler is empty: a ${label} function names its handler as file.function, e.g. Handler: index.handler (PKG-4).`);
  }
  // Under debugpy, a Python that can import it (interpreters.ts says which, and why).
  const interpreter = spec.family === 'python' && options.debug?.kind === 'python'
    ? await resolveDebugInterpreter(spec.runtimeName ?? spec.runtime, options.interpreters)
    : await resolveInterpreter(spec.runtimeName ?? spec.runtime, options.interpreters);
  if (!interpreter) {
    const tool = spec.family === 'nodejs' ? 'node' : spec.runtimeVersion.startsWith('2') ? 'python2' : 'python3';
    plan.errors.push(`No local ${label} interpreter was found for ${spec.runtime}. Install ${tool}, or set its path in the settings (functiongraph.interpreters, e.g. {"${spec.runtimeName ?? spec.runtime}": "/usr/bin/${tool}"}).`);
    return;
  }
  plan.interpreter = interpreter;
  plan.notes.push(`Runtime ${interpreter.note}`);
  if (interpreter.mismatch) plan.warnings.push(interpreter.mismatch);
  try {
    const debug = options.debug && debugPort ? { ...options.debug, port: debugPort } : undefined;
    plan.launch = shimLaunch(spec, interpreter, debug);
    const script = plan.launch.args.find((a) => /runtime\.(js|py)$/.test(a));
    if (script && !existsSync(script)) plan.errors.push(`The ${label} runtime shim ${script} is missing from this installation; rebuild (npm run build) or reinstall the toolkit.`);
  } catch (err) {
    plan.errors.push(err instanceof Error ? err.message : String(err));
  }
  plan.mode = 'runtime-api';
}
