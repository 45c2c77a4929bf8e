// Functions and their configs in a real VS Code (issues 10.1, 10.7, 16): a template with several
// functions is several functions everywhere (the index, the tree, the language server, F5), and
// the index and the server agree after the template changes; CodeUri ./src works from the handler's
// editor (F5 with no function named, as without launch.json, and the Debug CodeLens); CodeUri
// code.zip runs; a broken template.yml is refused with "Open template.yml" on the line.
// Each test writes the function folders it uses, so it depends on no other suite.
import assert from 'node:assert/strict';
import AdmZip from 'adm-zip';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension, captureDebugOutput, codeOf, inWorkspace, labelOf, stepOf, tidyWorkbench, waitFor, watchSessions, workspaceFolder,
  type FunctionGraphApi,
} from './helpers';

let api: FunctionGraphApi;
const written: string[] = [];

function writeFunction(name: string, files: Record<string, string | Buffer>): string {
  const dir = inWorkspace(name);
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  written.push(dir);
  return dir;
}

const resource = (id: string, props: string[]) => [`  ${id}:`, '    Type: HC::Serverless::Function', '    Properties:', ...props.map((p) => `      ${p}`)];
const template = (...resources: string[][]) => ['HcCrmTemplateVersion: v2', 'Resources:', ...resources.flat(), ''].join('\n');

const keysUnder = async (dir: string) => (await api.listFunctions()).filter((f) => f.dir === dir).map((f) => f.key).sort();
const configDiagnostics = (file: string) => vscode.languages.getDiagnostics(vscode.Uri.file(file)).map((d) => `${codeOf(d)}@${d.range.start.line}`).sort();

/** Runs a launch configuration without a debugger (no child session) and returns what the Debug Console showed. */
async function runF5(config: vscode.DebugConfiguration): Promise<string> {
  const output = captureDebugOutput();
  const sessions = watchSessions();
  try {
    const ok = await vscode.debug.startDebugging(workspaceFolder(), { keepAlive: false, ...config }, { noDebug: true });
    assert.equal(ok, true, 'the session started');
    await waitFor('the REPORT line', () => output.text().includes('REPORT RequestId:'), 30_000, () => output.text());
    return output.text();
  } finally {
    await sessions.stopAll().catch(() => undefined);
    sessions.dispose();
    output.dispose();
  }
}

/** Replaces vscode.window.showErrorMessage for a moment: records messages and "presses" the first button. */
function pressFirstButtonOfErrors() {
  const win = vscode.window as { showErrorMessage: typeof vscode.window.showErrorMessage };
  const original = win.showErrorMessage;
  const shown: { message: string; buttons: string[] }[] = [];
  win.showErrorMessage = ((message: string, ...items: unknown[]) => {
    const buttons = items.filter((i): i is string => typeof i === 'string');
    shown.push({ message, buttons });
    return Promise.resolve(buttons[0]);
  }) as unknown as typeof win.showErrorMessage;
  return { shown, dispose: () => { win.showErrorMessage = original; } };
}

suiteSetup(async () => {
  ({ api } = await activateExtension());
});

suiteTeardown(async () => {
  await tidyWorkbench();
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

suite('Functions and their configs', () => {
  test('a template with two functions: two functions in the index and the tree, linted each by the server; both sides agree after the template changes', async () => {
    const dir = writeFunction('cfg-two', {
      'template.yml': template(
        resource('orders', ['Handler: index.orders', 'Runtime: Node.js18.15', 'CodeUri: ./src']),
        resource('billing', ['Name: billing-fn', 'Handler: index.billing', 'Runtime: Node.js18.15', 'CodeUri: ./src', 'Timeout: 100000']),
      ),
      'src/index.js': 'exports.orders = async () => "orders ran";\nexports.billing = async () => "billing ran";\nexports.refunds = async () => "refunds ran";\n',
    });
    const cfg = path.join(dir, 'template.yml');
    await stepOf('the index lists both, keyed <folder>#<logical ID>', () =>
      waitFor('two keys', async () => JSON.stringify(await keysUnder(dir)) === JSON.stringify([`${dir}#billing`, `${dir}#orders`]), 20_000));
    await stepOf('the tree shows a node for each', async () => {
      const labels = (await api.treeItems()).map(labelOf);
      assert.ok(labels.includes('orders') && labels.includes('billing-fn'), JSON.stringify(labels));
    });
    await stepOf('the server lints billing (its Timeout line) and orders (nothing)', () =>
      waitFor('config-invalid on billing\'s Timeout', () => configDiagnostics(cfg).includes('config-invalid@15'), 20_000, () => JSON.stringify(configDiagnostics(cfg))));

    await stepOf('F5 on "<folder>#orders" runs orders, not billing (whose config is broken)', async () => {
      const shown = await runF5({ type: 'functiongraph', request: 'launch', name: 'orders', function: `${dir}#orders` });
      assert.match(shown, /orders ran/);
    });

    // The file changes: orders goes, refunds (an unknown runtime) comes, billing is fixed.
    writeFileSync(cfg, template(
      resource('billing', ['Name: billing-fn', 'Handler: index.billing', 'Runtime: Node.js18.15', 'CodeUri: ./src']),
      resource('refunds', ['Handler: index.refunds', 'Runtime: Nodejs18', 'CodeUri: ./src']),
    ));
    await stepOf('the index follows: billing and refunds', () =>
      waitFor('the new keys', async () => JSON.stringify(await keysUnder(dir)) === JSON.stringify([`${dir}#billing`, `${dir}#refunds`]), 20_000));
    await stepOf('the server agrees: refunds\' Runtime is flagged with a suggestion, billing\'s Timeout error is gone', async () => {
      await waitFor('only refunds\' runtime', () => JSON.stringify(configDiagnostics(cfg)) === JSON.stringify(['config-invalid@13']), 20_000, () => JSON.stringify(configDiagnostics(cfg)));
      const [d] = vscode.languages.getDiagnostics(vscode.Uri.file(cfg));
      assert.match(d.message, /did you mean Node\.js18\.15\?/);
    });
  });

  test('CodeUri: ./src — F5 with no function named (as without launch.json) takes the handler\'s editor, and so does the Debug CodeLens', async () => {
    const dir = writeFunction('cfg-src', {
      'template.yml': template(resource('cfg-src', ['Handler: index.handler', 'Runtime: Node.js18.15', 'CodeUri: ./src'])),
      'src/index.js': 'exports.handler = async (event) => "from src, " + event.who;\n',
      'events/a.json': '{"who": "the config folder\'s event"}',
    });
    await waitFor('cfg-src indexed', async () => (await keysUnder(dir)).length === 1, 20_000);
    const handler = path.join(dir, 'src', 'index.js');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(handler), { preview: false });
    const shown = await stepOf('startDebugging a configuration without "function": the provider fills it from the active editor', () =>
      runF5({ type: 'functiongraph', request: 'launch', name: 'no function named' }));
    assert.match(shown, /from src, the config folder's event/);
    assert.doesNotMatch(shown, /is not a FunctionGraph function/);

    await stepOf('F5 with no launch.json at all (an empty configuration) on its template.yml: resolved through our provider', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path.join(dir, 'template.yml')), { preview: false });
      const output = captureDebugOutput();
      const sessions = watchSessions();
      try {
        // VS Code picks the debugger for the editor's language (only ours takes YAML) and hands our
        // provider the empty configuration, which fills in this function and its first event.
        const started = await Promise.race([
          vscode.debug.startDebugging(workspaceFolder(), {} as vscode.DebugConfiguration, { noDebug: true }),
          new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000)),
        ]);
        assert.equal(started, true, 'an empty configuration starts a session');
        const named = String(sessions.started[0]?.configuration.function).replace('${workspaceFolder}', workspaceFolder().uri.fsPath);
        assert.equal(path.resolve(named), dir, 'the provider named the config folder');
        await waitFor('"from src" in the Debug Console', () => output.text().includes('from src, the config folder\'s event'), 30_000, () => output.text());
      } finally {
        await sessions.stopAll().catch(() => undefined);
        sessions.dispose();
        output.dispose();
      }
    });

    const lens = await stepOf('the Debug CodeLens above the handler', () => waitFor('a Debug CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(handler), 10);
      return lenses?.find((l) => l.command?.command === 'functiongraph.debug');
    }, 20_000));
    const output = captureDebugOutput();
    const sessions = watchSessions();
    try {
      await stepOf('click it: the function runs (it said "…/src is not a FunctionGraph function")', async () => {
        await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
        await waitFor('"from src" in the Debug Console', () => output.text().includes('from src, the config folder\'s event'), 30_000, () => output.text());
      });
    } finally {
      await sessions.stopAll().catch(() => undefined);
      sessions.dispose();
      output.dispose();
    }
  });

  test('CodeUri: code.zip — Invoke runs the ZIP unpacked into a private folder', async () => {
    const zip = new AdmZip();
    zip.addFile('index.js', Buffer.from('exports.handler = async () => "from the zip in " + require("path").basename(process.env.RUNTIME_CODE_ROOT);\n'));
    const dir = writeFunction('cfg-zip', {
      'template.yml': template(resource('cfg-zip', ['Handler: index.handler', 'Runtime: Node.js18.15', 'CodeUri: code.zip'])),
      'code.zip': zip.toBuffer(),
    });
    await waitFor('cfg-zip indexed', async () => (await keysUnder(dir)).length === 1, 20_000);
    const result = await stepOf('functiongraph.invoke from code', () =>
      vscode.commands.executeCommand<{ status: string; outputText: string }>('functiongraph.invoke', { function: dir, event: {} }));
    assert.equal(result?.status, 'ok', JSON.stringify(result));
    assert.match(result.outputText, /from the zip in fgtk-pkg-/);
  });

  test('a broken template.yml is refused: file, line and config-invalid; "Open template.yml" puts the cursor on the line', async () => {
    const dir = writeFunction('cfg-broken', {
      'template.yml': template(resource('cfg-broken', ['Handler: index.handler', 'Runtime: Node.js18.15', 'Timeout: 100000'])),
      'index.js': 'exports.handler = async () => "must not run";\n',
    });
    const cfg = path.join(dir, 'template.yml');
    await waitFor('cfg-broken indexed', async () => (await keysUnder(dir)).length === 1, 20_000);
    const fromCode = await stepOf('Invoke from code rejects with the reason', async () => {
      try {
        await vscode.commands.executeCommand('functiongraph.invoke', { function: dir, event: {} });
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    });
    assert.match(fromCode, /cfg-broken was not started: template\.yml line 8: Timeout 100000 is out of range: use 3 to 900 seconds\. \[config-invalid\]/);

    await tidyWorkbench();
    const errors = pressFirstButtonOfErrors();
    try {
      const started = await stepOf('F5 on it: no session starts', () =>
        vscode.debug.startDebugging(workspaceFolder(), { type: 'functiongraph', request: 'launch', name: 'broken', function: dir }, { noDebug: true }));
      assert.equal(started, false);
      const shown = await waitFor('the error message', () => errors.shown[0]);
      assert.match(shown.message, /template\.yml line 8: .*\[config-invalid\]/);
      assert.deepEqual(shown.buttons, ['Open template.yml']);
      await stepOf('its button opened template.yml with the cursor on line 8', () => waitFor('the editor on line 8', () => {
        const editor = vscode.window.activeTextEditor;
        return editor?.document.uri.fsPath === cfg && editor.selection.active.line === 7;
      }, 10_000, () => `${vscode.window.activeTextEditor?.document.uri.fsPath}:${vscode.window.activeTextEditor?.selection.active.line}`));
    } finally {
      errors.dispose();
    }
  });
});
