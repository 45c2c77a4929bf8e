// Pre-flight (contract PKG-2/PKG-3, section 9): everything that would make the instance fail to
// start, found before spawning, each with what to do about it. `fgtk invoke` runs it first and
// stops with exit code 2; the supervisor plans again at every cold start. The checks every runtime
// shares are here; how each runtime starts is one launch module beside this file.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { checkConfig, formatConfigFinding, unknownRuntime, type FunctionSpec } from '../../config';
import { t } from '../../l10n';
import { DELIVERIES } from '../delivery';
import type { InvokerOptions } from '../types';
import { bootstrapLaunch } from './bootstrap';
import { goLaunch } from './go';
import { javaLaunch } from './java';
import { nodeLaunch } from './node';
import { phpLaunch } from './php';
import { pythonLaunch } from './python';
import type { LaunchModule, LaunchPlan, PrepareStep } from './types';

export type { LaunchModule, LaunchPlan, LaunchRequest, PrepareStep } from './types';

/** The launch module of each runtime family; a family without one runs the folder's bootstrap (see below). */
const LAUNCHERS: Partial<Record<FunctionSpec['family'], LaunchModule>> = {
  nodejs: nodeLaunch,
  python: pythonLaunch,
  java: javaLaunch,
  php: phpLaunch,
  custom: bootstrapLaunch,
  http: bootstrapLaunch,
  go: goLaunch,
};

/** ENV-5 memory sizes. */
export const MEMORY_SIZES = [128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096];

export async function preflight(spec: FunctionSpec, options: InvokerOptions = {}): Promise<{ errors: string[]; warnings: string[] }> {
  const plan = await planLaunch(spec, options, { checkPort: true });
  return { errors: plan.errors, warnings: plan.warnings };
}

export async function planLaunch(spec: FunctionSpec, options: InvokerOptions, how: { checkPort: boolean; debugPort?: number }): Promise<LaunchPlan> {
  const plan: LaunchPlan = { errors: [], warnings: [], notes: [], mode: 'runtime-api' };
  // The one config check (fgtk invoke, F5 and the tree refuse earlier with the same findings; this
  // is the net for every other caller). Its warnings are the caller's to show.
  const config = checkConfig(spec);
  if (config.errors.length) {
    plan.errors.push(...config.errors.map((f) => formatConfigFinding(f)));
    return plan;
  }
  if (!existsSync(spec.codeDir)) {
    plan.errors.push(t('The function\'s code folder {0} does not exist. Check CodeUri in {1}.', spec.codeDir, spec.configFile ?? spec.configDir));
    return plan;
  }
  const memory = options.memoryMB ?? spec.memoryMB;
  const timeout = options.timeoutS ?? spec.timeoutS;
  if (!MEMORY_SIZES.includes(memory)) plan.warnings.push(t('Memory size {0} MB is not one the platform offers ({1} MB; ENV-5).', memory, MEMORY_SIZES.join(', ')));
  if (!(timeout > 0)) plan.errors.push(t('Timeout must be a positive number of seconds, got {0}.', String(timeout)));
  else if (timeout < 3) plan.warnings.push(t('Timeout {0} s is below the platform\'s minimum of 3 s (ENV-5).', timeout));
  else if (timeout > 900) plan.warnings.push(t('Timeout {0} s is above the platform\'s maximum of 900 s for synchronous invocations (ENV-5).', timeout));

  const launcher = LAUNCHERS[spec.family] ?? (await bootstrapInstead(spec, plan));
  if (!launcher) return plan;
  await launcher.plan({ spec, options, debugPort: how.debugPort }, plan);
  if (plan.errors.length === 0) plan.prepare = await launcher.prepare?.(spec, options.debug !== undefined); // a debug build keeps symbols
  if (how.checkPort) {
    const before = await DELIVERIES[plan.mode].beforeStart?.();
    if (before && 'message' in before) plan.errors.push(before.message);
  }
  return plan;
}

/** The prepare step of the function's runtime (see LaunchModule.prepare); undefined when it has none. */
export async function prepareStep(spec: FunctionSpec, debug: boolean): Promise<PrepareStep | undefined> {
  return LAUNCHERS[spec.family]?.prepare?.(spec, debug);
}

/**
 * A runtime with no launch module of its own runs the folder's bootstrap as a custom runtime, with a
 * warning; without a bootstrap, an error that says how to run it. Undefined when nothing can start.
 */
async function bootstrapInstead(spec: FunctionSpec, plan: LaunchPlan): Promise<LaunchModule | undefined> {
  if (spec.family === 'unknown') {
    // Never run as a custom runtime: a typo in Runtime is not a request for a bootstrap.
    plan.errors.push(unknownRuntime(spec.runtime));
    return undefined;
  }
  const hasBootstrap = existsSync(path.join(spec.codeDir, 'bootstrap'));
  const why = t('Running {0} handlers locally is not supported: the emulator runs Node.js, Python, PHP and Java handlers through its runtime shims, Go 1.x over net/rpc, and anything else through a bootstrap (set Runtime: Custom and add a bootstrap).', spec.runtime);
  if (!hasBootstrap) {
    plan.errors.push(why);
    return undefined;
  }
  plan.warnings.push(`${t('{0}: running the folder\'s bootstrap as a custom runtime.', spec.runtime)} ${why}`);
  return bootstrapLaunch;
}
