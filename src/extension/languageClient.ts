// The client of our language server (dist/server.js over stdio). The server lints whole function
// folders and .zip files, so the client tells it about files that are never opened as documents,
// and which functions there are (from the extension's one function index).
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FunctionsChangedNotification } from '../shared/lspProtocol';
import type { FunctionIndex, IndexChange } from './functionIndex';

export const CLIENT_ID = 'functiongraph';

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, watcher: vscode.FileSystemWatcher): LanguageClient | undefined {
  const module = context.asAbsolutePath('dist/server.js');
  if (!existsSync(module)) {
    log.error(`The language server is missing (${module}); package diagnostics are off. Reinstall the extension.`);
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'functiongraph-bootstrap' },
      { scheme: 'file', language: 'shellscript', pattern: '**/bootstrap' },
      { scheme: 'file', language: 'json', pattern: '**/events/*.json' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'python' },
      { scheme: 'file', language: 'php' },
    ],
    // The extension's one watcher (Ctx.watcher): the server registers none of its own.
    synchronize: { fileEvents: watcher, configurationSection: 'functiongraph' },
    // The server needs no editor state to lint, and it must not stop the extension when it fails.
    initializationFailedHandler: (err) => {
      log.error(`The FunctionGraph language server failed to start: ${String(err)}`);
      return false;
    },
  };
  return new LanguageClient(CLIENT_ID, vscode.l10n.t('FunctionGraph Language Server'), serverOptions, clientOptions);
}

/**
 * The server lints the functions the extension's index lists (the one owner): the whole list once
 * the client runs, then after every change with the keys that changed.
 */
export function feedFunctionsToServer(client: LanguageClient, index: FunctionIndex, log: vscode.LogOutputChannel): vscode.Disposable {
  let sending = Promise.resolve();
  const send = (change: IndexChange) => {
    sending = sending.then(async () => {
      const all = await index.all();
      await client.sendNotification(FunctionsChangedNotification, {
        functions: all.map((s) => ({ key: s.key, configDir: s.configDir })),
        changed: change.keys ? [...change.keys] : undefined,
      });
    }).catch((err: Error) => log.warn(`Telling the language server about functions failed: ${err.message}`));
  };
  send({});
  // A restarted server (after a crash) starts with no functions: the whole list again.
  const restarted = client.onDidChangeState((e) => {
    if (e.newState === State.Running) send({});
  });
  return vscode.Disposable.from(index.onDidChange(send), restarted);
}
