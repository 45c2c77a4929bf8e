// Running locally: Invoke (the result in the Invocations channel), Debug (an F5 session), and Send
// Test Event to a running session's warm instance.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listEvents, type FunctionSpec } from '../../core/config';
import { localInvokeCredentials } from '../../core/cloud/localInvokeCredentials';
import { Invoker } from '../../core/invoke/invoker';
import { resolveEvent } from '../../core/invoke/launchTarget';
import { prepareFunction } from '../../core/invoke/prepare';
import { reportLine } from '../../core/invoke/report';
import { failureLine, resultText, resultToCommandJson } from '../../core/invoke/resultFormat';
import type { InvocationResult } from '../../core/invoke/types';
import { openFunctionCode } from '../../core/package/openPackage';
import type { CommandCall } from '../../shared/commandCall';
import { CustomRequests, type SendEventArguments } from '../../shared/dapProtocol';
import { configWarnings } from '../configCheck';
import type { Ctx } from '../ctx';
import { DEBUG_TYPE } from '../debugAdapters';
import { launchConfigFor } from '../debugConfig';
import { refuseOnConfigErrors, requireTarget, UserError } from './kit';

async function chooseEvent(spec: FunctionSpec, purpose: string): Promise<string | object | undefined> {
  const files = await listEvents(spec);
  const empty = vscode.l10n.t('Empty event {}');
  const picked = await vscode.window.showQuickPick(
    [...files.map((f) => ({ label: path.basename(f, '.json'), description: path.relative(spec.configDir, f), file: f as string | undefined })), { label: empty, description: '', file: undefined }],
    { placeHolder: purpose },
  );
  if (!picked) return undefined;
  return picked.file ?? {};
}

export async function invoke(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const target = await requireTarget(ctx, call.target, vscode.l10n.t('Which function do you want to invoke?'));
  const { spec } = target;
  let event: unknown = call.event ?? target.eventFile;
  if (event === undefined) {
    const files = await listEvents(spec);
    event = !call.interactive || files.length <= 1 ? files[0] ?? {} : await chooseEvent(spec, vscode.l10n.t('Invoke {0} with which test event?', spec.name));
    if (event === undefined) return undefined;
  }
  const resolved = await resolveEvent(event, spec.configDir);
  refuseOnConfigErrors(spec);
  const out = ctx.invocations;
  out.show(true);
  out.appendLine(`=== ${spec.name} (${spec.runtime}) <- ${resolved.label}`);
  for (const w of configWarnings(spec)) out.appendLine(`WARNING ${w}`);
  // API-2: environment, credentials file, then the signed-in account.
  const credentials = await localInvokeCredentials([ctx.cloud.context.secretProvider]);
  // A CodeUri that names a .zip runs from an unpacked private copy (removed below).
  const code = await openFunctionCode(spec);
  // Compiled runtimes build first (Go 1.x: go build when a source changed); a failure is a build error.
  const prepared = await prepareFunction(code.spec, { debug: false, onLine: (line) => out.appendLine(line) });
  if (!prepared.ok) {
    out.appendLine(prepared.message);
    await code.dispose();
    throw new Error(prepared.message);
  }
  if (prepared.note) out.appendLine(`[fgtk] ${prepared.note}`);
  const invoker = new Invoker(code.spec, { interpreters: ctx.config.interpreters, enforceMemory: ctx.config.enforceMemory, credentials });
  invoker.on('log', (line) => out.appendLine(line.stream === 'emulator' ? `[fgtk] ${line.text}` : line.text));
  let result: InvocationResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Invoking {0} locally...', spec.name), cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => void invoker.dispose());
        return invoker.invoke(resolved.body);
      },
    );
  } finally {
    await invoker.dispose();
    await code.dispose();
  }
  out.appendLine(resultText(result));
  const failure = failureLine(result);
  if (failure) out.appendLine(failure);
  for (const w of result.warnings) out.appendLine(`WARNING ${w}`);
  out.appendLine(reportLine(result));
  if (failure && call.interactive) void vscode.window.showWarningMessage(vscode.l10n.t('{0} failed: {1}', spec.name, failure));
  return resultToCommandJson(result);
}

export async function debug(ctx: Ctx, call: CommandCall): Promise<boolean> {
  const target = await requireTarget(ctx, call.target, vscode.l10n.t('Which function do you want to debug?'));
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.spec.configDir));
  const config = await launchConfigFor(target.spec, folder, typeof call.event === 'string' ? call.event : target.eventFile);
  if (call.event !== undefined && typeof call.event !== 'string') config.event = call.event;
  return vscode.debug.startDebugging(folder, config);
}

/** The FunctionGraph session a "send event" goes to: the active one (or its parent), else the only one. */
function targetSession(ctx: Ctx): vscode.DebugSession | undefined {
  for (let s = vscode.debug.activeDebugSession; s; s = s.parentSession) if (s.type === DEBUG_TYPE) return s;
  const running = [...ctx.sessions];
  return running.length === 1 ? running[0] : undefined;
}

/**
 * The event: code's `{event}` (a file or a JSON value); else what the command was called on (an event
 * node or an event file: that file; a function: a pick among its events); else a pick among the
 * running function's events. A function is never taken for an event, nor an event for a function.
 */
export async function sendEvent(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const session = targetSession(ctx);
  if (!session) {
    throw new UserError(ctx.sessions.size
      ? vscode.l10n.t('Several FunctionGraph sessions are running: select the one to send the event to in the Call Stack view.')
      : vscode.l10n.t('No FunctionGraph debug session is running. Start one with F5 (or "FunctionGraph: Debug Locally"), then send more test events to the warm instance.'),
    ctx.sessions.size ? undefined : { title: vscode.l10n.t('Debug Locally'), command: 'functiongraph.debug' });
  }
  let event: unknown = call.event;
  if (event === undefined && call.target !== undefined) {
    const target = await requireTarget(ctx, call.target, '');
    event = target.eventFile;
    if (event === undefined && !call.interactive) throw new UserError(vscode.l10n.t('Say which test event to send: pass it as "event" (a file or a JSON value).'));
    event ??= await chooseEvent(target.spec, vscode.l10n.t('Send which test event?'));
  } else if (event === undefined) {
    const dir = String(session.configuration.function ?? '');
    const spec = dir ? await ctx.index.functionOf(path.resolve(dir)) : undefined;
    event = spec ? await chooseEvent(spec, vscode.l10n.t('Send which test event to {0}?', spec.name)) : {};
  }
  if (event === undefined) return undefined;
  return session.customRequest(CustomRequests.sendEvent, { event } satisfies SendEventArguments);
}

