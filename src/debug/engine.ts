// The one invoke engine (architecture.md): the debug adapter and the tree's Invoke action create
// their Invoker here, from the core that the CLI uses too.
import type { FunctionSpec } from '../core/config';
import { Invoker } from '../core/invoke';
import type { IInvoker, InvokerOptions } from '../core/invoke/types';

export type InvokerFactory = (spec: FunctionSpec, options: InvokerOptions) => IInvoker;

export const createInvoker: InvokerFactory = (spec, options) => new Invoker(spec, options);

/** Why invoking cannot run in this build, or undefined when it can. */
export function engineUnavailable(): string | undefined {
  return undefined;
}
