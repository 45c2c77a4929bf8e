// The invoke engine's public face: the CLI, the debug adapter and the tree import from here.
export * from './types';
export { Invoker, PreflightError, billedDuration, freePort, DEFAULT_PROJECT_ID } from './invoker';
export { preflight, planLaunch, MEMORY_SIZES, type LaunchPlan, type InstanceMode, type PrepareStep } from './preflight';
export { watchFunction, type FunctionChange, type FunctionWatcher } from './watchFunction';
export { resolveInterpreter, clearInterpreterCache, wantedRuntime, which } from './interpreters';
export { planBootstrap, localShIsDash, PLATFORM_CODE_ROOT, type BootstrapPlan } from './bootstrapPlan';
export { buildEnvironment, cpuMillicores } from './environment';
