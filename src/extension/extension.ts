// Entry point. Activation only wires things up: no scan, no process start that the user waits
// for (the tree scans when first shown; the language server starts in the background).
import * as vscode from 'vscode';
import { initL10n } from '../core/l10n';
import { HandlerCodeLensProvider } from './codeLens';
import { registerCommands } from './commands';
import { Config } from './config';
import { Ctx } from './ctx';
import { registerDebugAdapters, DEBUG_TYPE } from './debugAdapters';
import { FunctionGraphConfigurationProvider } from './debugConfig';
import { diagnosticsOf, FunctionNode } from './functionsTree';
import { createLanguageClient, feedFunctionsToServer } from './languageClient';

/** What activate() returns: for tests and other extensions (keep it stable). */
export interface FunctionGraphApi {
  /** `dir`: the config folder; `codeDir`: CodeUri resolved; `key`: `dir`, or `dir#logicalId` where the template declares several. */
  listFunctions(): Promise<{ dir: string; codeDir: string; key: string; name: string; runtime: string; handler: string; memoryMB: number; timeoutS: number; diagnostics: number }[]>;
  treeItems(): Promise<vscode.TreeItem[]>;
}

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): FunctionGraphApi {
  const started = performance.now();
  // The core, the language server and the debug adapter translate through the same bundle.
  initL10n(context.extensionPath, vscode.env.language);
  const c = (ctx = new Ctx(context));
  context.subscriptions.push(c);

  registerCommands(c);
  for (const d of registerDebugAdapters(c.log, context.extensionPath, [c.cloud.context.secretProvider])) c.own(d);
  const provider = new FunctionGraphConfigurationProvider(c.index, c.config);
  c.own(vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider, vscode.DebugConfigurationProviderTriggerKind.Initial));
  c.own(vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, {
    provideDebugConfigurations: (folder) => provider.provideDebugConfigurations(folder),
  }, vscode.DebugConfigurationProviderTriggerKind.Dynamic));

  const lenses = c.own(new HandlerCodeLensProvider(c.index, c.config));
  c.own(vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'javascript' }, { scheme: 'file', language: 'python' }, { scheme: 'file', language: 'php' }, { scheme: 'file', language: 'java' }, { scheme: 'file', pattern: '**/*.go' }], lenses));
  c.own(vscode.workspace.onDidChangeConfiguration((e) => {
    if (Config.affects(e, 'codeLens')) lenses.refresh();
  }));
  // "Debug / Invoke" in the editor's Run menu and context menu, for files of a function.
  const updateEditorContext = (editor: vscode.TextEditor | undefined) => {
    const uri = editor?.document.uri;
    const known = uri?.scheme === 'file' ? c.index.functionOf(uri.fsPath) : Promise.resolve(undefined);
    known.then(
      (spec) => vscode.commands.executeCommand('setContext', 'functiongraph.editorInFunction', Boolean(spec)),
      (err: Error) => c.log.warn(`editor context: ${err.message}`),
    );
  };
  c.own(vscode.window.onDidChangeActiveTextEditor(updateEditorContext));
  c.own(c.index.onDidChange(() => updateEditorContext(vscode.window.activeTextEditor)));
  updateEditorContext(vscode.window.activeTextEditor);
  c.own(vscode.workspace.onDidGrantWorkspaceTrust(() => c.log.info('Workspace trusted: invoking and debugging are available.')));

  c.client = createLanguageClient(context, c.log, c.watcher);
  if (c.client) {
    const client = c.client;
    c.own({ dispose: () => void client.stop().catch(() => undefined) });
    client.start().then(
      () => {
        c.log.info('Language server started');
        c.own(feedFunctionsToServer(client, c.index, c.log));
      },
      (err: Error) => c.log.error(`The language server did not start: ${err.message}`),
    );
  }
  void vscode.commands.executeCommand('setContext', 'functiongraph.activated', true);
  c.log.info(`FunctionGraph Toolkit ${context.extension.packageJSON.version as string} activated in ${(performance.now() - started).toFixed(1)} ms`);

  return {
    async listFunctions() {
      const all = vscode.languages.getDiagnostics();
      return (await c.index.all()).map((s) => ({
        dir: s.configDir, codeDir: s.codeDir, key: s.key, name: s.name, runtime: s.runtime, handler: s.handler, memoryMB: s.memoryMB, timeoutS: s.timeoutS,
        diagnostics: diagnosticsOf(s, all).length,
      }));
    },
    async treeItems() {
      const roots = await c.tree.getChildren();
      return roots.map((n) => c.tree.getTreeItem(n as FunctionNode));
    },
  };
}

export async function deactivate(): Promise<void> {
  const client = ctx?.client;
  ctx = undefined;
  await client?.stop().catch(() => undefined);
}
