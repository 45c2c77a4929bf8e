// "Invoke | Debug" above the handler of a Node.js, Python, PHP, Java or Go 1.x function, in the handler's own
// file (Go: above the function main() registers with runtime.Register).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FunctionSpec } from '../core/config';
import { findHandlerIn } from '../core/handler';
import type { CommandRequest } from '../shared/commandCall';
import type { Config } from './config';
import type { FunctionIndex } from './functionIndex';

export class HandlerCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly index: FunctionIndex, private readonly config: Config) {
    index.onDidChange(() => this.emitter.fire());
  }

  refresh(): void { this.emitter.fire(); }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.config.codeLensEnabled || doc.uri.scheme !== 'file') return [];
    // Several functions may have their handlers in one file (one template, one code folder).
    const specs = await this.index.functionsOf(doc.uri.fsPath);
    return specs.flatMap((spec) => this.lensesFor(doc, spec, specs.length > 1));
  }

  private lensesFor(doc: vscode.TextDocument, spec: FunctionSpec, named: boolean): vscode.CodeLens[] {
    if (spec.family !== 'nodejs' && spec.family !== 'python' && spec.family !== 'php' && spec.family !== 'java' && spec.family !== 'go') return [];
    const rel = path.relative(spec.codeDir, doc.uri.fsPath).split(path.sep).join('/');
    const line = findHandlerIn(spec.family, spec.handler, rel, doc.getText())?.line;
    if (line === undefined) return [];
    const range = new vscode.Range(line, 0, line, 0);
    // A click on a CodeLens is a person's: pickers may open and failures are shown (commandCall.ts).
    // The function's key, not a folder: it names one function of a template that declares several.
    const request: CommandRequest = { function: spec.key, interactive: true };
    return [
      new vscode.CodeLens(range, { title: named ? vscode.l10n.t('Invoke {0}', spec.name) : vscode.l10n.t('Invoke'), command: 'functiongraph.invoke', arguments: [request], tooltip: vscode.l10n.t('Invoke {0} locally with a test event', spec.name) }),
      new vscode.CodeLens(range, { title: named ? vscode.l10n.t('Debug {0}', spec.name) : vscode.l10n.t('Debug'), command: 'functiongraph.debug', arguments: [request], tooltip: vscode.l10n.t('Debug {0} locally with its first test event', spec.name) }),
    ];
  }

  dispose(): void { this.emitter.dispose(); }
}
