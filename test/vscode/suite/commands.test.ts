// Commands as a person calls them: a CodeLens click is a click (the event picker opens, failures are
// shown), Escape in a picker says nothing, and calls from code still never wait on a picker.
// Each test works on a function folder it writes itself, so it depends on no other suite.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, codeLensesOf, inWorkspace, pickQuickPickItem, stepOf, tidyWorkbench, waitFor, watchQuickPicks, type FunctionGraphApi } from './helpers';

const FUNCTION = 'cmd-two-events';
let api: FunctionGraphApi;
let dir: string;

/**
 * Records what the extension shows through `vscode.window` (the test shares the extension's API
 * object), calling through so that the real picker opens; `onPick` runs once a quick pick is open.
 */
function watchWindow(onPick?: (items: readonly (vscode.QuickPickItem | string)[]) => PromiseLike<unknown> | void) {
  const win = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const original = { showErrorMessage: win.showErrorMessage, showWarningMessage: win.showWarningMessage };
  const shown = { picks: [] as string[], errors: [] as string[], warnings: [] as string[] };
  const picking = watchQuickPicks({
    seen: (_items, options) => { shown.picks.push(options?.placeHolder ?? options?.title ?? ''); },
    act: onPick && ((items) => onPick(items)),
  });
  win.showErrorMessage = ((message: string, ...rest: never[]) => {
    shown.errors.push(message);
    return original.showErrorMessage(message, ...rest);
  }) as typeof win.showErrorMessage;
  win.showWarningMessage = ((message: string, ...rest: never[]) => {
    shown.warnings.push(message);
    return original.showWarningMessage(message, ...rest);
  }) as typeof win.showWarningMessage;
  return { shown, dispose: () => { Object.assign(win, original); picking.dispose(); } };
}

const escape = () => vscode.commands.executeCommand('workbench.action.closeQuickOpen');

suiteSetup(async () => {
  ({ api } = await activateExtension());
  dir = inWorkspace(FUNCTION);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'events'), { recursive: true });
  writeFileSync(path.join(dir, 'template.yml'), [
    'HcCrmTemplateVersion: v2', 'Resources:', `  ${FUNCTION}:`, '    Type: HC::Serverless::Function', '    Properties:',
    `      Name: ${FUNCTION}`, '      Handler: index.handler', '      Runtime: Node.js18.15', '      MemorySize: 128', '      Timeout: 3', '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async (event) => ({ got: event.which });\n');
  writeFileSync(path.join(dir, 'events', 'a.json'), '{"which": "a"}\n');
  writeFileSync(path.join(dir, 'events', 'b.json'), '{"which": "b"}\n');
  await waitFor(`${FUNCTION} in listFunctions()`, async () => (await api.listFunctions()).find((f) => f.name === FUNCTION), 20_000);
});

suiteTeardown(async () => {
  await tidyWorkbench();
  rmSync(dir, { recursive: true, force: true });
});

suite('Commands called by a person or by code', () => {
  test('the Invoke CodeLens is a click: it asks which event, and runs the one picked', async () => {
    const lens = await stepOf('an Invoke CodeLens above the handler', async () =>
      (await codeLensesOf(path.join(dir, 'index.js'))).find((l) => l.command?.command === 'functiongraph.invoke')!);
    // Events are listed a, b, then the empty event: pick b.
    const watch = watchWindow((items) => pickQuickPickItem(items, 'b'));
    try {
      const result = await stepOf('click it: the event picker opens and the picked event runs', async () =>
        vscode.commands.executeCommand<{ status: string; outputText: string }>(lens.command!.command, ...(lens.command!.arguments ?? [])));
      assert.equal(watch.shown.picks.length, 1, `one event picker was shown (${JSON.stringify(watch.shown.picks)})`);
      assert.match(watch.shown.picks[0], new RegExp(FUNCTION), 'the picker names the function');
      assert.equal(result?.status, 'ok', JSON.stringify(result));
      assert.deepEqual(JSON.parse(result.outputText), { got: 'b' }, 'the picked event (b.json) was sent');
    } finally {
      watch.dispose();
    }
  });

  test('Escape in the CodeLens event picker cancels quietly: no error, nothing invoked', async () => {
    const lens = (await codeLensesOf(path.join(dir, 'index.js'))).find((l) => l.command?.command === 'functiongraph.invoke')!;
    const watch = watchWindow(escape);
    try {
      const result = await stepOf('click Invoke, then press Escape', () =>
        vscode.commands.executeCommand<unknown>(lens.command!.command, ...(lens.command!.arguments ?? [])));
      assert.equal(watch.shown.picks.length, 1, 'the picker was shown');
      assert.equal(result, undefined, 'nothing was invoked');
      assert.deepEqual(watch.shown.errors, [], 'no error message (it said "Canceled" before)');
    } finally {
      watch.dispose();
    }
  });

  test('Escape in the function picker of the Command Palette cancels quietly', async () => {
    await tidyWorkbench(); // no active editor: the command asks which function
    const watch = watchWindow(escape);
    try {
      const result = await stepOf('FunctionGraph: Invoke Locally from the palette, then Escape', () =>
        vscode.commands.executeCommand<unknown>('functiongraph.invoke'));
      assert.ok(watch.shown.picks.length >= 1, 'a function picker was shown');
      assert.equal(result, undefined);
      assert.deepEqual(watch.shown.errors, [], 'no "Canceled" error toast');
    } finally {
      watch.dispose();
    }
  });

  test('a click that fails shows the failure; the same call from code rejects with it', async () => {
    const missing = inWorkspace('no-such-function');
    const watch = watchWindow();
    try {
      const clicked = await stepOf('an interactive request for a folder that does not exist', () =>
        vscode.commands.executeCommand<unknown>('functiongraph.invoke', { function: missing, interactive: true }));
      assert.equal(clicked, undefined);
      await waitFor('an error message naming the folder', () => watch.shown.errors.find((m) => m.includes('no-such-function')));
      const fromCode = await stepOf('the same request from code', async () => {
        try {
          await vscode.commands.executeCommand('functiongraph.invoke', { function: missing });
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      });
      assert.match(fromCode ?? '', /no-such-function/, 'code gets the failure as a rejection');
      assert.equal(watch.shown.errors.filter((m) => m.includes('no-such-function')).length, 1, 'code\'s call showed nothing');
    } finally {
      watch.dispose();
    }
  });

  test('code never waits on a picker: without an event, the first test event runs', async () => {
    const watch = watchWindow(escape);
    try {
      const result = await vscode.commands.executeCommand<{ status: string; outputText: string }>('functiongraph.invoke', { function: dir });
      assert.deepEqual(watch.shown.picks, [], 'no picker');
      assert.deepEqual(JSON.parse(result?.outputText ?? 'null'), { got: 'a' }, 'events/a.json, the first');
    } finally {
      watch.dispose();
    }
  });
});
