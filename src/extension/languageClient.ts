// The client of our language server (dist/server.js over stdio). The server lints whole function
// folders and .zip files, so the client tells it about files that are never opened as documents.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'functiongraph';

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient | undefined {
  const module = context.asAbsolutePath('dist/server.js');
  if (!existsSync(module)) {
    log.error(`The language server is missing (${module}); package diagnostics are off. Reinstall the extension.`);
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/{bootstrap,*.zip,*.yml,*.yaml}'),
    vscode.workspace.createFileSystemWatcher('**/*.{js,mjs,cjs,py,php,json}'),
  ];
  context.subscriptions.push(...watchers);
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
    synchronize: { fileEvents: watchers, configurationSection: 'functiongraph' },
    // The server needs no editor state to lint, and it must not stop the extension when it fails.
    initializationFailedHandler: (err) => {
      log.error(`The FunctionGraph language server failed to start: ${String(err)}`);
      return false;
    },
  };
  return new LanguageClient(CLIENT_ID, vscode.l10n.t('FunctionGraph Language Server'), serverOptions, clientOptions);
}
