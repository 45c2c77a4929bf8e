// The user's three journeys, end to end through VS Code's API in a real VS Code:
//   1. create a function from a template (the command with arguments) and find it in the tree;
//   2. press F5 on it and read the result and the REPORT summary the Debug Console shows;
//   3. see packaging problems of broken functions as diagnostics and on their tree nodes.
// Each journey ends with a screenshot of what the user would be looking at. Each suite creates the
// function it needs itself, so any journey runs (and fails) alone, e.g. with --grep.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension, captureDebugOutput, codeOf, describeDiagnosticsUnder, diagnosticsUnder, inWorkspace, labelOf, screenshot, showFunctionsView, stepOf,
  tidyWorkbench, waitFor, workspaceFolder, type FunctionGraphApi,
} from './helpers';

// The template the user picks in journey 1 (ids from listRuntimes()/listTemplates();
// src/core/templates/catalogue.json) and the Runtime its template.yml then names.
const NEW_FUNCTION = { runtime: 'nodejs20.15', template: 'blank', name: 'hello-journey' };
const CONFIGURED_RUNTIME = 'Node.js20.15';

let api: FunctionGraphApi;

suiteSetup(async () => {
  ({ api } = await activateExtension());
});

/** A function fresh from the blank Node.js template, under its own name (created once). */
async function freshFunction(name: string): Promise<string> {
  const dir = inWorkspace(name);
  if (!existsSync(path.join(dir, 'template.yml'))) {
    await vscode.commands.executeCommand('functiongraph.createFunction', { ...NEW_FUNCTION, name, folder: workspaceFolder().uri.fsPath });
  }
  await waitFor(`${name} in listFunctions()`, async () => (await api.listFunctions()).find((f) => path.resolve(f.dir) === dir));
  return dir;
}

suite('Journey 1: create a function from a template', () => {
  test('functiongraph.createFunction with arguments writes the function and the tree lists it', async () => {
    const dir = await stepOf('run functiongraph.createFunction', async () => {
      const result = await vscode.commands.executeCommand<unknown>('functiongraph.createFunction', {
        ...NEW_FUNCTION, folder: workspaceFolder().uri.fsPath,
      });
      assert.equal(typeof result, 'string', `the command resolves with the new folder's path (got ${JSON.stringify(result)})`);
      return result as string;
    });

    await stepOf('the new folder holds template.yml and events', () => {
      assert.equal(path.resolve(dir), inWorkspace(NEW_FUNCTION.name));
      assert.ok(existsSync(path.join(dir, 'template.yml')), 'template.yml written');
      const events = existsSync(path.join(dir, 'events')) ? readdirSync(path.join(dir, 'events')) : [];
      assert.ok(events.some((n) => n.endsWith('.json')), `events/*.json written (found ${events.join(', ') || 'none'})`);
    });

    await stepOf('listFunctions() reports it with its runtime', async () => {
      const fn = await waitFor(`${NEW_FUNCTION.name} in listFunctions()`,
        async () => (await api.listFunctions()).find((f) => path.resolve(f.dir) === path.resolve(dir)));
      assert.equal(fn.name, NEW_FUNCTION.name);
      assert.equal(fn.runtime, CONFIGURED_RUNTIME);
    });

    await stepOf('the tree shows a node for it', async () => {
      await waitFor(`a tree item labelled ${NEW_FUNCTION.name}`,
        async () => (await api.treeItems()).find((item) => labelOf(item) === NEW_FUNCTION.name));
    });

    await stepOf('screenshot: the tree with the functions', async () => {
      await tidyWorkbench();
      await showFunctionsView();
      const entry = readdirSync(dir).find((n) => /^index\.(js|mjs|cjs)$/.test(n));
      if (entry) await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, entry)), { preview: false });
      await screenshot('tree-with-functions');
    });
  });

  test('creating it again refuses to overwrite the folder, and loses nothing', async () => {
    const existing = await freshFunction('hello-twice');
    const config = path.join(existing, 'template.yml');
    const before = readFileSync(config, 'utf8');
    const error = await stepOf('run functiongraph.createFunction with the same name', async () => {
      try {
        await vscode.commands.executeCommand('functiongraph.createFunction', { ...NEW_FUNCTION, name: 'hello-twice', folder: workspaceFolder().uri.fsPath });
        return undefined;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    });
    await stepOf('a clear error naming the folder; the files are unchanged', () => {
      assert.ok(error, 'the command fails');
      assert.match(error, /hello-twice/, 'the error names the folder');
      assert.equal(readFileSync(config, 'utf8'), before, 'template.yml unchanged');
    });
  });
});

suite('Journey 2: press F5 on the function', () => {
  test('startDebugging runs it once; the Debug Console shows its result and the REPORT summary', async () => {
    const dir = await stepOf('a function fresh from the Node.js template', () => freshFunction('hello-f5'));
    const eventsDir = path.join(dir, 'events');
    const event = path.join(eventsDir, readdirSync(eventsDir).filter((n) => n.endsWith('.json')).sort()[0]);
    const output = captureDebugOutput();
    let session: vscode.DebugSession | undefined;
    const started = vscode.debug.onDidStartDebugSession((s) => { if (s.type === 'functiongraph') session = s; });
    try {
      await stepOf('vscode.debug.startDebugging with a functiongraph launch configuration', async () => {
        const ok = await vscode.debug.startDebugging(workspaceFolder(), {
          type: 'functiongraph', request: 'launch', name: 'F5 journey', function: dir, event,
        });
        assert.equal(ok, true, 'startDebugging resolves true (the session started)');
      });

      const report = await stepOf('the debug adapter sends a REPORT RequestId: summary', async () => {
        const line = await waitFor('a "REPORT RequestId:" output event', () =>
          output.text().split('\n').find((l) => l.startsWith('REPORT RequestId:')), 20_000);
        return line;
      });

      await stepOf('the summary has INV-4 fields (duration, billed, memory size, max used) and the cold start', async () => {
        const configured = (await api.listFunctions()).find((f) => path.resolve(f.dir) === path.resolve(dir));
        assert.ok(configured, `listFunctions() lists ${dir}`);
        assert.match(report, /REPORT RequestId: \S+/);
        assert.match(report, /Duration: \d+(\.\d+)? ms/);
        assert.match(report, /Billed Duration: \d+ ms/);
        assert.match(report, new RegExp(`Memory Size: ${configured.memoryMB} MB`), 'the configured MemorySize');
        assert.match(report, /Max Memory Used: \d+ MB/);
        assert.match(report, /Init Duration: \d+(\.\d+)? ms/, 'the first invocation is a cold start');
      });

      await stepOf('the result appears before the summary, as the function returned it', async () => {
        const shown = output.text();
        const before = shown.slice(0, shown.indexOf('REPORT RequestId:'));
        // The same function and event through the invoke command (the one engine) give the result
        // to look for, up to the request ID (each invocation has its own) and whitespace (the Debug
        // Console may pretty-print JSON).
        const invoked = await vscode.commands.executeCommand<{ status: string; outputText: string; requestId: string }>('functiongraph.invoke', dir, event);
        assert.equal(invoked?.status, 'ok', `functiongraph.invoke status (got ${JSON.stringify(invoked)})`);
        assert.ok(invoked.outputText.length > 0, 'the function returns something');
        const debugRequestId = /REPORT RequestId: (\S+)/.exec(report)?.[1] ?? '';
        const squeeze = (text: string) => text.replace(/\s+/g, '');
        const expected = squeeze(JSON.stringify(JSON.parse(invoked.outputText))).replaceAll(invoked.requestId, debugRequestId);
        assert.ok(squeeze(before).includes(expected),
          `the Debug Console shows the result ${invoked.outputText} (request ${debugRequestId}) before the REPORT line; it showed:\n${before}`);
      });

      await stepOf('screenshot: the Debug Console after F5', async () => {
        await tidyWorkbench();
        const entry = readdirSync(dir).find((n) => /^index\.(js|mjs|cjs|py)$/.test(n));
        if (entry) await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, entry)), { preview: false });
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await vscode.commands.executeCommand('workbench.debug.action.focusRepl');
        // A Node.js function runs under a child js-debug session, whose console is focused: show the
        // FunctionGraph session's console (the result and REPORT line), the one created first.
        await vscode.commands.executeCommand('workbench.action.debug.prevConsole');
        await screenshot('debug-console-after-f5');
      });
    } finally {
      started.dispose();
      output.dispose();
      if (session) await vscode.debug.stopDebugging(session);
    }
  });
});

suite('Journey 3: packaging problems show up before upload', () => {
  test('a function fresh from a template has no packaging problems', async () => {
    const dir = await stepOf('a function fresh from the Node.js template', () => freshFunction('hello-clean'));
    // Once the linter has reported the broken fixture, it has scanned the workspace.
    await stepOf('the linter has scanned the workspace', () => waitFor('a linter diagnostic under broken-bootstrap/',
      () => diagnosticsUnder(inWorkspace('broken-bootstrap')).find(({ diagnostic }) => diagnostic.source === 'functiongraph'), 20_000));
    await stepOf('no linter diagnostic under the new function', () => {
      const found = diagnosticsUnder(dir).filter(({ diagnostic }) => diagnostic.source === 'functiongraph');
      assert.deepEqual(found.map(({ diagnostic }) => `${codeOf(diagnostic)}: ${diagnostic.message}`), []);
    });
  });

  test('PKG-2: a bootstrap that is not executable is a diagnostic and marks its tree node', async () => {
    const dir = inWorkspace('broken-bootstrap');
    await stepOf('a bootstrap-not-executable diagnostic on broken-bootstrap/bootstrap', async () => {
      const found = await waitFor('a bootstrap-not-executable diagnostic under broken-bootstrap/', () =>
        diagnosticsUnder(dir).find(({ diagnostic }) => codeOf(diagnostic) === 'bootstrap-not-executable'), 20_000, () => describeDiagnosticsUnder(dir));
      assert.equal(found.file, path.join(dir, 'bootstrap'), 'the diagnostic is on the bootstrap file');
      assert.match(found.diagnostic.message, /chmod \+x/, 'the message says how to fix it');
    });
    await stepOf('listFunctions() counts the problem on broken-bootstrap', async () => {
      const fn = await waitFor('broken-bootstrap with diagnostics > 0 in listFunctions()',
        async () => (await api.listFunctions()).find((f) => path.resolve(f.dir) === dir && f.diagnostics > 0));
      assert.ok(fn.diagnostics >= 1);
    });
    await stepOf('its tree node is marked', async () => {
      const item = await waitFor('a tree item labelled broken-bootstrap',
        async () => (await api.treeItems()).find((i) => labelOf(i) === 'broken-bootstrap'));
      assert.ok(markedAsProblem(item), `the node shows the problem (icon, description or tooltip); got ${describeItem(item)}`);
    });
  });

  test('PKG-4: a handler whose file does not exist is a diagnostic on the Handler line', async () => {
    const dir = inWorkspace('missing-handler');
    const config = path.join(dir, 'template.yml');
    await stepOf('a handler-not-found diagnostic on template.yml naming the missing index.js', async () => {
      const found = await waitFor('a handler-not-found diagnostic on missing-handler/template.yml', () =>
        diagnosticsUnder(dir).find(({ file, diagnostic }) => file === config && codeOf(diagnostic) === 'handler-not-found'), 20_000, () => describeDiagnosticsUnder(dir));
      assert.match(found.diagnostic.message, /index\.js/, 'the message names the missing file');
      const doc = await vscode.workspace.openTextDocument(config);
      assert.match(doc.lineAt(found.diagnostic.range.start.line).text, /Handler:/, 'the diagnostic sits on the Handler line');
    });
    await stepOf('listFunctions() counts the problem on missing-handler', async () => {
      await waitFor('missing-handler with diagnostics > 0 in listFunctions()',
        async () => (await api.listFunctions()).find((f) => path.resolve(f.dir) === dir && f.diagnostics > 0));
    });
    await stepOf('screenshot: the Problems panel with the packaging warnings', async () => {
      await tidyWorkbench();
      await showFunctionsView();
      await vscode.commands.executeCommand('workbench.actions.treeView.functiongraph.functions.collapseAll');
      await vscode.window.showTextDocument(vscode.Uri.file(config), { preview: false });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await screenshot('problems-with-packaging-warning');
    });
  });
});

/** A node with a packaging problem shows the codicon of its worst severity instead of its runtime's. */
function markedAsProblem(item: vscode.TreeItem): boolean {
  return item.iconPath instanceof vscode.ThemeIcon && (item.iconPath.id === 'error' || item.iconPath.id === 'warning');
}

const describeItem = (item: vscode.TreeItem) => JSON.stringify({
  label: labelOf(item), description: item.description,
  icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : typeof item.iconPath,
  tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
});
