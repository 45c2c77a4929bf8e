// The instance's environment (contract ENV-1..4): exactly what the platform gives a bootstrap, plus
// the few variables a local machine needs to find its tools. The developer's own environment is not
// passed through (it would hide missing configuration and could leak secrets into the function).
import type { FunctionSpec } from '../config';

/** ENV-1: 128 MB gets 300 millicores; the platform scales CPU with memory. */
export function cpuMillicores(memoryMB: number): number {
  return Math.round((memoryMB / 128) * 300);
}

/** Variables of the developer's machine a function's tools need (curl, interpreters, locale). */
const PASS_THROUGH = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'SYSTEMROOT', 'http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];

export interface EnvironmentInput {
  spec: FunctionSpec;
  memoryMB: number;
  timeoutS: number;
  runtimeApiAddr: string;
  extensionApiAddr: string;
  projectId: string;
  /** Overrides and additions (CLI --env, launch `env`), exported like the config's variables. */
  extraEnv?: Record<string, string>;
  tmpDir?: string;
}

export function buildEnvironment(input: EnvironmentInput): Record<string, string> {
  const { spec } = input;
  const user = { ...spec.env, ...(input.extraEnv ?? {}) };
  const env: Record<string, string> = {};
  for (const key of PASS_THROUGH) {
    const v = process.env[key];
    if (v !== undefined) env[key] = v;
  }
  // ENV-2: the user's variables one by one (before ours, so that RUNTIME_* always describe the emulator).
  Object.assign(env, user);
  Object.assign(env, {
    RUNTIME_PROJECT_ID: input.projectId,
    RUNTIME_FUNC_NAME: spec.name,
    RUNTIME_FUNC_VERSION: spec.version,
    RUNTIME_PACKAGE: spec.packageName,
    RUNTIME_HANDLER: spec.handler,
    RUNTIME_TIMEOUT: String(input.timeoutS),
    RUNTIME_USERDATA: JSON.stringify(user),
    RUNTIME_CPU: String(cpuMillicores(input.memoryMB)),
    RUNTIME_MEMORY: String(input.memoryMB),
    RUNTIME_CODE_ROOT: spec.codeDir,
    RUNTIME_API_ADDR: input.runtimeApiAddr,
    // ENV-3
    EXTENSION_API_ADDR: input.extensionApiAddr,
    RUNTIME_ALIAS: '',
    RUNTIME_MAX_RESP_BODY_SIZE: String(6 * 1024 * 1024),
  });
  if (spec.initializer) {
    env.RUNTIME_INITIALIZER_HANDLER = spec.initializer;
    env.RUNTIME_INITIALIZER_TIMEOUT = String(spec.initializerTimeoutS ?? input.timeoutS);
  }
  // mktemp in the official shell sample leaves a file per invocation: keep them in a folder we remove.
  if (input.tmpDir) env.TMPDIR = input.tmpDir;
  return env;
}
