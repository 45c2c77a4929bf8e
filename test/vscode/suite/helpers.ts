// Small tools the journeys share: named steps (so a failure says which step broke), polling,
// the extension's test API, Debug Adapter output capture and screenshots of the workbench.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'functiongraph-toolkit.functiongraph-toolkit';

/** What activate() returns (src/extension/extension.ts). */
export interface FunctionGraphApi {
  /** `dir`: the config folder; `codeDir`: CodeUri resolved; `key`: `dir`, or `dir#logicalId` where the template declares several. */
  listFunctions(): Promise<{ dir: string; codeDir: string; key: string; name: string; runtime: string; handler: string; memoryMB: number; timeoutS: number; diagnostics: number }[]>;
  treeItems(): Promise<vscode.TreeItem[]>;
}

let step: string | undefined;
/** The step that was running when the current test failed (read by index.ts). */
export const currentStep = (): string | undefined => step;
export const resetStep = (): void => { step = undefined; };

/** Runs one named step of a journey; on failure the step's name stays recorded for the report. */
export async function stepOf<T>(name: string, body: () => PromiseLike<T> | T): Promise<T> {
  step = name;
  const value = await body();
  step = undefined;
  return value;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something truthy; fails with `what` and `explain()` (or the last value seen). */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000, explain?: () => string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${explain ? explain() : `last: ${JSON.stringify(last)}`})`);
    }
    await sleep(200);
  }
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the runner opens a workspace folder; none is open');
  return folder;
}

export const inWorkspace = (...parts: string[]) => path.join(workspaceFolder().uri.fsPath, ...parts);

/** The extension, activated, and the API its activate() returned. */
export async function activateExtension(): Promise<{ ext: vscode.Extension<FunctionGraphApi>; api: FunctionGraphApi }> {
  const ext = vscode.extensions.getExtension<FunctionGraphApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the extension development host`);
  const api = await ext.activate();
  return { ext, api };
}

/** The label of a tree item as a plain string. */
export const labelOf = (item: vscode.TreeItem) =>
  typeof item.label === 'string' ? item.label : item.label?.label ?? '';

export interface OutputEvent { category: string; output: string; sessionType: string }

/**
 * Records the `output` events the debug adapters of `sessionType` send (what the Debug Console
 * shows): ours by default, `'*'` for every session (the child sessions share our console).
 */
export function captureDebugOutput(sessionType = 'functiongraph'): vscode.Disposable & { events: OutputEvent[]; text(): string } {
  const events: OutputEvent[] = [];
  const registration = vscode.debug.registerDebugAdapterTrackerFactory(sessionType, {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (message: { type?: string; event?: string; body?: { category?: string; output?: string } }) => {
        if (message.type === 'event' && message.event === 'output' && message.body?.output !== undefined) {
          events.push({ category: message.body.category ?? 'console', output: message.body.output, sessionType: session.type });
        }
      },
    }),
  });
  return { events, text: () => events.map((e) => e.output).join(''), dispose: () => registration.dispose() };
}

/** Diagnostics VS Code holds for files under `dir`, with the file each belongs to. */
export function diagnosticsUnder(dir: string): { file: string; diagnostic: vscode.Diagnostic }[] {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return vscode.languages.getDiagnostics()
    .filter(([uri]) => uri.fsPath === dir || uri.fsPath.startsWith(prefix))
    .flatMap(([uri, list]) => list.map((diagnostic) => ({ file: uri.fsPath, diagnostic })));
}

/** One line per diagnostic under `dir`, for failure messages. */
export const describeDiagnosticsUnder = (dir: string): string => {
  const all = diagnosticsUnder(dir).map(({ file, diagnostic: d }) =>
    `${path.relative(dir, file)}:${d.range.start.line + 1} [${codeOf(d)}] ${d.message}`);
  const elsewhere = vscode.languages.getDiagnostics().filter(([, list]) => list.length).map(([uri, list]) => `${uri.toString()} (${list.length})`);
  return (all.length ? `diagnostics under ${path.basename(dir)}/: ${all.join('; ')}` : `no diagnostics under ${path.basename(dir)}/`) +
    (elsewhere.length ? `; VS Code has diagnostics for ${elsewhere.join(', ')}` : '; VS Code has no diagnostics at all');
};

export const codeOf = (d: vscode.Diagnostic) =>
  String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code ?? '');

/**
 * Asks run-real.mjs to act on the workbench page, as a user would: it reads `@@do <id> <verb> <arg>`
 * from the extension host's console, acts, then writes `<FGTK_RUNNER_ACK_DIR>/<id>` ("ok" or the
 * error), which this polls. Verbs: `screenshot NAME` (writes test-output/vscode/NAME.png), `statusbar`
 * (answers `ok <JSON array of the status bar entries' texts>`), `quickpick` (answers once a quick pick
 * shows its items).
 * Under run-electron.mjs there is no page: `hasRunner()` is false.
 */
export const hasRunner = (): boolean => Boolean(process.env.FGTK_RUNNER_ACK_DIR);
let requests = 0;
async function askRunner(verb: 'screenshot' | 'statusbar' | 'quickpick', arg: string): Promise<string> {
  const ackDir = process.env.FGTK_RUNNER_ACK_DIR;
  if (!ackDir) throw new Error(`"${verb} ${arg}" needs run-real.mjs (a workbench page to act on)`);
  const id = `${process.pid}-${++requests}`;
  console.log(`@@do ${id} ${verb} ${arg}`);
  const ack = path.join(ackDir, id);
  await waitFor(`the runner to ${verb} ${arg}`, () => existsSync(ack), 15_000);
  const answer = readFileSync(ack, 'utf8');
  if (answer !== 'ok' && !answer.startsWith('ok ')) throw new Error(`the runner could not ${verb} ${arg}: ${answer}`);
  return answer.slice(3);
}

/**
 * Lets a test see and answer the real pickers a command opens, as a person would: `seen` runs at each
 * call, `act` once that picker is on screen with its items (run-real.mjs waits for that; without it,
 * 700 ms after the call); pickQuickPickItem answers it with the item a person would pick.
 * Nothing acts after dispose, so a late picker of one test is never answered by another's.
 */
export function watchQuickPicks(handlers: {
  seen?: (items: readonly (vscode.QuickPickItem | string)[], options: vscode.QuickPickOptions | undefined) => void;
  act?: (items: readonly (vscode.QuickPickItem | string)[], index: number) => PromiseLike<unknown> | void;
}): { dispose(): void } {
  const win = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const original = win.showQuickPick;
  let disposed = false;
  let count = 0;
  win.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken) => {
    const list = await items;
    const index = count++;
    handlers.seen?.(list, options);
    const picked = original(list, options, token);
    const act = handlers.act;
    if (act) {
      void (async () => {
        if (hasRunner()) await askRunner('quickpick', '');
        else await sleep(700);
        if (!disposed) await act(list, index);
      })().catch(() => undefined);
    }
    return picked;
  }) as unknown as typeof win.showQuickPick;
  return { dispose: () => { disposed = true; win.showQuickPick = original; } };
}

/**
 * Picks the open quick pick's item labelled `label` (closes the picker for undefined or an unknown
 * label). With run-real.mjs the browser types it into the filter and clicks its row, as a person
 * would; without it, keyboard commands move to the item and accept it.
 */
export async function pickQuickPickItem(items: readonly (vscode.QuickPickItem | string)[], label: string | undefined): Promise<void> {
  const index = label === undefined ? -1 : items.findIndex((i) => (typeof i === 'string' ? i : i.label) === label);
  if (index >= 0 && hasRunner()) {
    await askRunner('quickpick', label!);
    return;
  }
  for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand(index < 0 ? 'workbench.action.closeQuickOpen' : 'workbench.action.acceptSelectedQuickOpenItem');
}

/** The texts of the status bar's entries as the workbench shows them (undefined without run-real.mjs). */
export async function statusBarTexts(): Promise<string[] | undefined> {
  if (!hasRunner()) return undefined;
  return JSON.parse(await askRunner('statusbar', '')) as string[];
}

/** A screenshot of the workbench as it is now (skipped without run-real.mjs). */
export async function screenshot(name: string): Promise<void> {
  if (!hasRunner()) return;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot name ${name}: use a-z, 0-9 and -`);
  await sleep(800); // let the workbench paint what the step just opened
  await askRunner('screenshot', name);
}

/** Closes notifications and editors so a screenshot shows only what the journey is about. */
export async function tidyWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let widened = false;
/** Shows the FunctionGraph view, wide enough that its nodes' descriptions (runtime, handler) fit. */
export async function showFunctionsView(): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.functiongraph');
  if (widened) return;
  widened = true;
  // "Decrease Editor Width" always resizes the editor part (60 px a step): the side bar gets the room.
  for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
}

export interface StopEvent { session: vscode.DebugSession; threadId: number; reason: string }

/** Records the `stopped` events of every debug session, child sessions (js-debug, debugpy) included. */
export function captureStops(): vscode.Disposable & { stops: StopEvent[] } {
  const stops: StopEvent[] = [];
  const registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (message: { type?: string; event?: string; body?: { threadId?: number; reason?: string } }) => {
        if (message.type === 'event' && message.event === 'stopped') {
          stops.push({ session, threadId: message.body?.threadId ?? 0, reason: message.body?.reason ?? '' });
        }
      },
    }),
  });
  return { stops, dispose: () => registration.dispose() };
}

/**
 * The debug sessions started while this watches. stopAll() stops every session and waits until
 * each watched one has ended, so a test leaves no session (and no function instance) behind.
 */
export function watchSessions(): vscode.Disposable & { started: vscode.DebugSession[]; live(): vscode.DebugSession[]; stopAll(timeoutMs?: number): Promise<void> } {
  const started: vscode.DebugSession[] = [];
  const ended = new Set<string>();
  const subscriptions = [
    vscode.debug.onDidStartDebugSession((s) => started.push(s)),
    vscode.debug.onDidTerminateDebugSession((s) => ended.add(s.id)),
  ];
  const live = () => started.filter((s) => !ended.has(s.id));
  return {
    started,
    live,
    async stopAll(timeoutMs = 10_000) {
      // Stop the top sessions only: each ends its children. Stopping a child at the same time
      // races its parent, and VS Code then rejects with "Canceled" although everything ends; what
      // counts is that every session ends, which the wait checks.
      const refusals: string[] = [];
      const tops = live().filter((s) => !live().some((p) => p.id === s.parentSession?.id));
      await Promise.all(tops.map((s) => vscode.debug.stopDebugging(s).then(undefined, (err: Error) => { refusals.push(`${s.type}: ${err.message}`); })));
      await waitFor('every debug session to end', () => live().length === 0, timeoutMs,
        () => `still running: ${live().map((s) => `${s.type} "${s.name}"`).join(', ')}${refusals.length ? `; stopDebugging failed: ${refusals.join('; ')}` : ''}`);
    },
    dispose: () => { for (const s of subscriptions) s.dispose(); },
  };
}

/** The CodeLenses VS Code shows in `file`, asked of the providers as VS Code asks them, once ours has answered. */
export async function codeLensesOf(file: string): Promise<vscode.CodeLens[]> {
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc, { preview: false });
  return waitFor(`an Invoke CodeLens in ${path.basename(file)}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    return lenses?.some((l) => l.command?.command === 'functiongraph.invoke') ? lenses : undefined;
  }, 20_000);
}

/**
 * A PHP8.3 function `name` (Timeout: 3) written afresh in the workspace: template.yml, index.php with
 * `source`, and `events/<eventFile>`; resolves with its folder once the extension lists it.
 */
export async function writePhpFunction(api: FunctionGraphApi, name: string, source: string[], eventFile: string, event: string): Promise<string> {
  const dir = inWorkspace(name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'events'), { recursive: true });
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', `  ${name}:`, '    Type: HC::Serverless::Function', '    Properties:',
    `      Name: ${name}`, '      Handler: index.handler', '      Runtime: PHP8.3', '      MemorySize: 128', '      Timeout: 3', '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'index.php'), source.join('\n'));
  writeFileSync(path.join(dir, 'events', eventFile), event);
  await waitFor(`${name} in listFunctions()`, async () => (await api.listFunctions()).find((f) => f.name === name), 20_000);
  return dir;
}
