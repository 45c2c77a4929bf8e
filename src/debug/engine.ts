// The one invoke engine (architecture.md): the debug adapter and the tree's Invoke action create
// their Invoker here, from the core that the CLI uses too.
import type { FunctionSpec } from '../core/config';
import type { IInvoker, InvokerOptions } from '../core/invoke/types';

export type InvokerFactory = (spec: FunctionSpec, options: InvokerOptions) => IInvoker;

export const createInvoker: InvokerFactory = () => {
  throw new Error('The local invoke engine (src/core/invoke, issue 1) is not part of this build yet: invoking and debugging are unavailable until it lands.');
};

/** Why invoking cannot run in this build, or undefined when it can. */
export function engineUnavailable(): string | undefined {
  return 'The local invoke engine (src/core/invoke) is not part of this build yet.';
}
