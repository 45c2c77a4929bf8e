// A function given by its runtime and handler alone (`--runtime Python3.9 --handler index.handler`
// for a deployment ZIP or a folder without template.yml, or a launch configuration's `runtime` and
// `handler`), with the platform's defaults for everything else (ENV-4).
import * as path from 'node:path';
import { DEFAULTS, type FunctionSpec } from './functionSpec';
import { parseRuntime } from './runtimes';

/** Undefined when the runtime is not one the platform names. */
export function specForRuntime(dir: string, runtime: string, handler?: string): FunctionSpec | undefined {
  const info = parseRuntime(runtime);
  if (!info) return undefined;
  return {
    dir, name: path.basename(dir).replace(/\.zip$/i, ''), runtime, runtimeName: info.name, family: info.family, runtimeVersion: info.version,
    handler: handler ?? (info.family === 'custom' || info.family === 'http' ? 'bootstrap' : ''),
    memoryMB: DEFAULTS.memoryMB, timeoutS: DEFAULTS.timeoutS, version: DEFAULTS.version, packageName: DEFAULTS.packageName,
    env: {}, positions: {}, problems: [],
  };
}

/** `spec` with the runtime and/or handler replaced (flags given next to a template.yml win over it). */
export function withRuntimeAndHandler(spec: FunctionSpec, runtime?: string, handler?: string): FunctionSpec | undefined {
  if (!runtime) return handler ? { ...spec, handler } : spec;
  const fresh = specForRuntime(spec.dir, runtime, handler ?? spec.handler);
  return fresh && { ...spec, runtime: fresh.runtime, runtimeName: fresh.runtimeName, family: fresh.family, runtimeVersion: fresh.runtimeVersion, handler: fresh.handler };
}
