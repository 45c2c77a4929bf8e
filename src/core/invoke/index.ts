// The invoke engine's public face: the CLI, the debug adapter and the tree import from here.
export * from './types';
export { Invoker, DEFAULT_PROJECT_ID } from './invoker';
export { InvokeErrors, type InvokeErrorType } from './errors';
export { billedDuration } from './result';
export { preflight, planLaunch, MEMORY_SIZES, type LaunchPlan, type PrepareStep } from './launch';
export { watchFunction, type FunctionChange, type FunctionWatcher } from './watchFunction';
export type { DeliveryMode } from './delivery';
export { resolveInterpreter, clearInterpreterCache, wantedRuntime } from './interpreters';
export { planBootstrap, localShIsDash, PLATFORM_CODE_ROOT, type BootstrapPlan } from './launch/bootstrap';
export { buildEnvironment, cpuMillicores } from './environment';
