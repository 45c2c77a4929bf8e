// Every command, from one table (house style 10). Each entry says what it needs; when something
// is missing (Workspace Trust, the language server) the command explains why it cannot run instead
// of running. How it was called (src/shared/commandCall.ts) decides the rest: a person's click may
// open pickers and is shown failures (a cancelled picker says nothing); calls from code reject.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isTestEventFile, listEvents, loadFunction, type FunctionSpec } from '../core/config';
import { formatBytes } from '../core/format';
import { openFunctionCode } from '../core/package/openPackage';
import * as eventTemplates from '../core/events';
import { localInvokeCredentials } from '../core/cloud/localInvokeCredentials';
import { Invoker } from '../core/invoke/invoker';
import { prepareFunction } from '../core/invoke/prepare';
import { resolveEvent } from '../core/invoke/launchTarget';
import { reportLine } from '../core/invoke/report';
import { failureLine, resultText, resultToCommandJson } from '../core/invoke/resultFormat';
import type { InvocationResult } from '../core/invoke/types';
import * as templates from '../core/templates';
import { CustomRequests, type SendEventArguments } from '../shared/dapProtocol';
import { lintLogLine, LintPathRequest } from '../shared/lspProtocol';
import type { Ctx } from './ctx';
import { CLOUD_COMMANDS } from './cloud/cloudCommands';
import { DEBUG_TYPE } from './debugAdapters';
import { launchConfigFor } from './debugConfig';
import { packageWithCli } from './cliPackage';
import { configRefusal, configWarnings } from './configCheck';
import { isUiObject, NoFunctionError, resolveTarget } from './targets';
import { failureHandling, parseCommandCall, type CommandCall } from '../shared/commandCall';
import { saveLastSessionResult, saveResultAsExpected } from './testing/saveExpected';
import { offerTrust, trustProblem } from './trust';

type Need = 'trust' | 'server';

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

/** The one config check before anything starts: an error stops here, with "Open template.yml". */
function refuseOnConfigErrors(spec: FunctionSpec): void {
  const refusal = configRefusal(spec);
  if (refusal) throw new UserError(refusal.message, refusal.action);
}

async function requireTarget(ctx: Ctx, arg: unknown, purpose: string) {
  const target = await resolveTarget(ctx, arg, purpose);
  if (!target) throw new vscode.CancellationError();
  return target;
}

// ---- create -------------------------------------------------------------------------------

interface CreateOptions { runtime?: string; template?: string; name?: string; folder?: string }

/** FunctionGraph function names: a letter first, then letters, digits, `_` and `-`, at most 60 characters. */
export function functionNameProblem(name: string): string | undefined {
  if (!name) return vscode.l10n.t('Enter a function name.');
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(name)) {
    return vscode.l10n.t('A function name starts with a letter and has at most 60 letters, digits, underscores (_) and hyphens (-).');
  }
  return undefined;
}

async function createFunction(ctx: Ctx, opts: CreateOptions = {}): Promise<string | undefined> {
  const runtimes = templates.listRuntimes();
  const runtime = opts.runtime ?? (await vscode.window.showQuickPick(
    runtimes.map((r) => ({ label: r.label, description: r.description, id: r.id })),
    { title: vscode.l10n.t('Create Function (1/4)'), placeHolder: vscode.l10n.t('Select a runtime') },
  ))?.id;
  if (!runtime) return undefined;
  if (!runtimes.some((r) => r.id === runtime)) {
    throw new UserError(vscode.l10n.t('Unknown runtime "{0}". Known runtimes: {1}.', runtime, runtimes.map((r) => r.id).join(', ')));
  }
  const choices = templates.listTemplates(runtime);
  const template = opts.template ?? (choices.length === 1 ? choices[0].id : (await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, description: c.description, id: c.id })),
    { title: vscode.l10n.t('Create Function (2/4)'), placeHolder: vscode.l10n.t('Select a template') },
  ))?.id);
  if (!template) return undefined;
  if (!choices.some((c) => c.id === template)) {
    throw new UserError(vscode.l10n.t('Unknown template "{0}" for {1}. Templates: {2}.', template, runtime, choices.map((c) => c.id).join(', ')));
  }
  const name = opts.name ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Function (3/4)'),
    prompt: vscode.l10n.t('Function name'),
    value: `${template.replace(/[^A-Za-z0-9_-]/g, '-')}-function`.replace(/^[^A-Za-z]+/, 'fn-'),
    validateInput: (v) => functionNameProblem(v.trim()),
  });
  if (!name) return undefined;
  const nameProblem = functionNameProblem(name.trim());
  if (nameProblem) throw new UserError(nameProblem);
  const folder = opts.folder ?? await pickParentFolder();
  if (!folder) return undefined;

  const created = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating function {0}...', name) },
    () => templates.scaffold({ runtime, template, name: name.trim(), folder }),
  );
  ctx.log.info(`Created ${created.dir} (${created.files.length} files) from ${runtime}/${template}`);
  for (const note of created.notes) {
    ctx.log.warn(note);
    if (!opts.name) void vscode.window.showWarningMessage(note);
  }
  await addLaunchConfiguration(ctx, created.dir).catch((err: Error) => ctx.log.warn(`Could not add a launch configuration: ${err.message}`));
  const doc = await vscode.workspace.openTextDocument(created.entryFile);
  await vscode.window.showTextDocument(doc, { preview: false });
  await ctx.reveal(created.dir).catch((err: Error) => ctx.log.warn(`Could not reveal ${created.dir}: ${err.message}`));
  return created.dir;
}

async function pickParentFolder(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const browse = vscode.l10n.t('Browse...');
  const items = [...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, path: f.uri.fsPath })), { label: browse, description: '', path: '' }];
  const picked = folders.length === 0 ? items[0] : await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Create Function (4/4)'), placeHolder: vscode.l10n.t('Where should the function folder be created?'),
  });
  if (!picked) return undefined;
  if (picked.path) return picked.path;
  const uris = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Create Here') });
  return uris?.[0]?.fsPath;
}

/** The new function gets its own entry in launch.json when it sits in a workspace folder. */
async function addLaunchConfiguration(ctx: Ctx, dir: string): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  if (!folder) return;
  const spec = (await ctx.index.get(dir)) ?? (await loadFunction(dir));
  if (!spec) return;
  const config = await launchConfigFor(spec, folder);
  const launch = vscode.workspace.getConfiguration('launch', folder.uri);
  const existing = launch.get<vscode.DebugConfiguration[]>('configurations') ?? [];
  if (existing.some((c) => c.name === config.name)) return;
  await launch.update('configurations', [...existing, config], vscode.ConfigurationTarget.WorkspaceFolder);
}

// ---- invoke / debug / send ----------------------------------------------------------------

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

async function invoke(ctx: Ctx, call: CommandCall): Promise<unknown> {
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

async function debug(ctx: Ctx, call: CommandCall): Promise<boolean> {
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
async function sendEvent(ctx: Ctx, call: CommandCall): Promise<unknown> {
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

// ---- package / lint / config / events ------------------------------------------------------

async function packageFunction(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Which function do you want to package?'));
  refuseOnConfigErrors(spec);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Packaging {0}...', spec.name), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return packageWithCli(ctx.extension.extensionPath, spec, abort.signal);
    },
  );
  const size = (await fs.stat(result.zipPath)).size;
  // The server publishes the ZIP's diagnostics too, so they show in Problems beside the folder's.
  if (ctx.client?.isRunning()) {
    ctx.client.sendRequest(LintPathRequest, { path: result.zipPath }).then(undefined, (err: Error) => ctx.log.warn(`Linting ${result.zipPath}: ${err.message}`));
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  ctx.log.info(`Packaged ${spec.name}: ${result.zipPath} (${result.entries.length} entries, ${size} bytes, ${errors.length} errors, ${warnings.length} warnings)`);
  for (const d of result.diagnostics) ctx.log.info(`  ${d.severity} ${d.rule}: ${d.message}${d.file ? ` (${d.file})` : ''}`);
  if (call.interactive) {
    const reveal = vscode.l10n.t('Reveal in Explorer');
    const problems = vscode.l10n.t('Show Problems');
    const summary = vscode.l10n.t('Packaged {0}: {1} files, {2}, {3} error(s), {4} warning(s).', spec.name, result.entries.length, formatBytes(size), errors.length, warnings.length);
    const show = errors.length ? vscode.window.showErrorMessage : warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(summary, reveal, ...(errors.length + warnings.length ? [problems] : [])).then((choice) => {
      if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(result.zipPath));
      if (choice === problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return { zipPath: result.zipPath, size, entries: result.entries, diagnostics: result.diagnostics };
}

/** The language server lints (the extension never lints on its own thread): lint this function now. */
async function lint(ctx: Ctx, call: CommandCall): Promise<unknown> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Which function do you want to check?'));
  const { diagnostics } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking {0}...', spec.name) },
    () => ctx.client!.sendRequest(LintPathRequest, { path: spec.key }),
  );
  ctx.log.info(`Lint ${spec.name}: ${diagnostics.length} finding(s)`);
  for (const d of diagnostics) ctx.log.info(`  ${lintLogLine(d, vscode.workspace.asRelativePath(d.file))}`);
  if (call.interactive) {
    if (diagnostics.length) await vscode.commands.executeCommand('workbench.actions.view.problems');
    else void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no packaging problems found.', spec.name));
  }
  return diagnostics;
}

async function openConfig(ctx: Ctx, call: CommandCall): Promise<string> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Open the config of which function?'));
  const file = spec.configFile ?? path.join(spec.codeDir, 'bootstrap');
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

interface NewEventOptions { template?: string; name?: string }

async function newEvent(ctx: Ctx, call: CommandCall, opts: NewEventOptions = {}): Promise<string | undefined> {
  const { spec } = await requireTarget(ctx, call.target, vscode.l10n.t('Add a test event to which function?'));
  const list = eventTemplates.listEventTemplates();
  const id = opts.template ?? (await vscode.window.showQuickPick(
    list.map((e) => ({ label: e.title, description: e.trigger, id: e.id })),
    { placeHolder: vscode.l10n.t('Which trigger should the test event come from?'), matchOnDescription: true },
  ))?.id;
  if (!id) return undefined;
  if (!list.some((e) => e.id === id)) throw new UserError(vscode.l10n.t('Unknown event template "{0}". Templates: {1}.', id, list.map((e) => e.id).join(', ')));
  const dir = path.join(spec.configDir, 'events');
  const existing = new Set((await listEvents(spec)).map((f) => path.basename(f, '.json')));
  let suggestion = id;
  for (let i = 2; existing.has(suggestion); i++) suggestion = `${id}-${i}`;
  const name = opts.name ?? await vscode.window.showInputBox({
    prompt: vscode.l10n.t('File name of the test event (in {0})', vscode.workspace.asRelativePath(dir)),
    value: suggestion,
    validateInput: (v) => !/^[\w.-]+$/.test(v.trim()) ? vscode.l10n.t('Use letters, digits, ".", "_" and "-" only.')
      : !isTestEventFile(`${v.trim().replace(/\.json$/i, '')}.json`) ? vscode.l10n.t('Names ending in ".expected" are for expected results, not events; choose another name.')
      : existing.has(v.trim().replace(/\.json$/i, '')) ? vscode.l10n.t('{0}.json exists already.', v.trim().replace(/\.json$/i, '')) : undefined,
  });
  if (!name) return undefined;
  const file = path.join(dir, `${name.trim().replace(/\.json$/i, '')}.json`);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.writeFile(file, eventTemplates.eventTemplate(id), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(vscode.l10n.t('{0} exists already; choose another name.', file));
    throw err;
  }
  if (call.interactive) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

// ---- expectations ---------------------------------------------------------------------------

async function saveExpected(ctx: Ctx, call: CommandCall, args: unknown[]): Promise<string[]> {
  let written: string[];
  try {
    written = await saveResultAsExpected(ctx.tests, ctx.config, args);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  if (call.interactive) void announceSaved(written);
  return written;
}

async function saveLastExpected(ctx: Ctx, call: CommandCall): Promise<string> {
  let file: string;
  try {
    file = await saveLastSessionResult(ctx.tests);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  if (call.interactive) void announceSaved([file]);
  return file;
}

async function announceSaved(files: string[]): Promise<void> {
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved the expected result: {0}', files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')), open);
  if (choice === open) await vscode.window.showTextDocument(vscode.Uri.file(files[0]));
}
