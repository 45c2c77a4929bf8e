// Every command, from one table (house style 10). Each entry says what it needs; when something
// is missing (Workspace Trust, the language server) the command explains why it cannot run instead
// of running. How it was called (src/shared/commandCall.ts) decides the rest: a person's click may
// open pickers and is shown failures (a cancelled picker says nothing); calls from code reject.
// The commands themselves live beside this file, one module per kind of work.
import * as vscode from 'vscode';
import { failureHandling, parseCommandCall } from '../../shared/commandCall';
import { CLOUD_COMMANDS } from '../cloud/cloudCommands';
import type { Ctx } from '../ctx';
import { isUiObject, NoFunctionError } from '../targets';
import { offerTrust, trustProblem } from '../trust';
import { createFunction, newEvent, type CreateOptions, type NewEventOptions } from './createCommands';
import { saveExpected, saveLastExpected } from './expectedCommands';
import { UserError, type CommandDef, type Need } from './kit';
import { lint, openConfig, packageFunction } from './packageCommands';
import { debug, invoke, sendEvent } from './runCommands';

function whyNot(ctx: Ctx, need: Need): string | undefined {
  switch (need) {
    case 'trust': return trustProblem();
    case 'server': return ctx.client?.isRunning() ? undefined : vscode.l10n.t('The FunctionGraph language server is not running, so there are no package diagnostics. See the "FunctionGraph" output for why.');
  }
}

export const COMMANDS: Record<string, CommandDef> = {
  'functiongraph.createFunction': { run: (ctx, _call, [opts]) => createFunction(ctx, opts as CreateOptions | undefined) },
  'functiongraph.invoke': { needs: ['trust'], run: (ctx, call) => invoke(ctx, call) },
  'functiongraph.debug': { needs: ['trust'], run: (ctx, call) => debug(ctx, call) },
  'functiongraph.package': { run: (ctx, call) => packageFunction(ctx, call) },
  'functiongraph.lint': { needs: ['server'], run: (ctx, call) => lint(ctx, call) },
  'functiongraph.openConfig': { run: (ctx, call) => openConfig(ctx, call) },
  'functiongraph.newEvent': { run: (ctx, call, [, opts]) => newEvent(ctx, call, opts as NewEventOptions | undefined) },
  'functiongraph.sendEvent': { needs: ['trust'], run: (ctx, call) => sendEvent(ctx, call) },
  'functiongraph.refresh': { run: async (ctx) => { await ctx.index.refresh(); } },
  'functiongraph.showLog': { run: async (ctx) => ctx.log.show() },
  ...CLOUD_COMMANDS,
  // Test events as tests (issue 14)
  'functiongraph.saveResultAsExpected': { needs: ['trust'], run: (ctx, call, args) => saveExpected(ctx, call, args) },
  'functiongraph.saveLastResultAsExpected': { run: (ctx, call) => saveLastExpected(ctx, call) },
  'functiongraph.testing.lastRun': { run: async (ctx) => ctx.tests.lastRun },
  'functiongraph.testing.items': { run: (ctx) => ctx.tests.describeItems() },
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, def] of Object.entries(COMMANDS)) {
    ctx.own(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const call = parseCommandCall(args, isUiObject);
      try {
        for (const need of def.needs ?? []) {
          const reason = whyNot(ctx, need);
          if (reason) {
            throw need === 'trust'
              ? new UserError(reason, { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' })
              : need === 'server' ? new UserError(reason, { title: vscode.l10n.t('Show Log'), command: 'functiongraph.showLog' })
                : new UserError(reason);
          }
        }
        return await def.run(ctx, call, args);
      } catch (err) {
        const message = (err as Error).message;
        const handling = failureHandling(err, call.interactive);
        if (handling === 'ignore') {
          ctx.log.info(`${id}: cancelled`);
          return undefined;
        }
        ctx.log.error(`${id}: ${message}`);
        if (handling === 'reject') throw err;
        if (err instanceof UserError && err.action?.command === 'workbench.trust.manage') void offerTrust(message);
        else void showError(err as Error);
        return undefined;
      }
    }));
  }
}

async function showError(err: Error): Promise<void> {
  if (err instanceof UserError && err.action) {
    const choice = await vscode.window.showErrorMessage(err.message, err.action.title);
    if (choice) await vscode.commands.executeCommand(err.action.command, ...(err.action.args ?? []));
  } else if (err instanceof UserError || err instanceof NoFunctionError) {
    await vscode.window.showErrorMessage(err.message);
  } else {
    const show = vscode.l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(err.message, show);
    if (choice) await vscode.commands.executeCommand('functiongraph.showLog');
  }
}
