// What every command module shares: the command definition, the error a person can act on, and
// the first steps of a command on a function (which function, its config check).
import * as vscode from 'vscode';
import type { FunctionSpec } from '../../core/config';
import type { CommandCall } from '../../shared/commandCall';
import { configRefusal } from '../configCheck';
import type { Ctx } from '../ctx';
import { resolveTarget } from '../targets';

export type Need = 'trust' | 'server';

export interface CommandDef {
  needs?: Need[];
  /** `args` are the raw arguments, for commands that take an options object of their own. */
  run(ctx: Ctx, call: CommandCall, args: unknown[]): Promise<unknown>;
}

/** A problem the user can act on: the message, and an action offered with it. */
export class UserError extends Error {
  constructor(message: string, readonly action?: { title: string; command: string; args?: unknown[] }) {
    super(message);
  }
}

/** The one config check before anything starts: an error stops here, with "Open template.yml". */
export function refuseOnConfigErrors(spec: FunctionSpec): void {
  const refusal = configRefusal(spec);
  if (refusal) throw new UserError(refusal.message, refusal.action);
}

export async function requireTarget(ctx: Ctx, arg: unknown, purpose: string) {
  const target = await resolveTarget(ctx, arg, purpose);
  if (!target) throw new vscode.CancellationError();
  return target;
}
