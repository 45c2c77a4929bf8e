// "Invoke | Debug" above the handler of a Node.js or Python function, in the handler's own file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FunctionSpec } from '../core/config';
import type { CommandRequest } from '../shared/commandCall';
import type { Config } from './config';
import type { FunctionIndex } from './functionIndex';

/** The handler's file (without extension, relative to the code dir) and exported name. */
export function splitHandler(spec: FunctionSpec): { file: string; name: string } | undefined {
  const dot = spec.handler.lastIndexOf('.');
  if (dot <= 0 || dot === spec.handler.length - 1) return undefined;
  return { file: spec.handler.slice(0, dot), name: spec.handler.slice(dot + 1) };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line where `name` is defined or exported, in Node.js or Python source. */
export function findHandlerLine(text: string, name: string, family: 'nodejs' | 'python'): number | undefined {
  const n = escapeRe(name);
  const patterns = family === 'python'
    ? [new RegExp(`^(async\\s+)?def\\s+${n}\\s*\\(`, 'm')]
    : [
      new RegExp(`^\\s*(module\\.)?exports\\.${n}\\s*=`, 'm'),
      new RegExp(`^\\s*export\\s+(async\\s+)?function\\s*\\*?\\s*${n}\\b`, 'm'),
      new RegExp(`^\\s*export\\s+(const|let|var)\\s+${n}\\b`, 'm'),
      new RegExp(`^\\s*(async\\s+)?function\\s*\\*?\\s*${n}\\s*\\(`, 'm'),
      new RegExp(`^\\s*(const|let|var)\\s+${n}\\s*=`, 'm'),
      new RegExp(`^\\s*module\\.exports\\s*=\\s*\\{[^}]*\\b${n}\\b`, 'm'),
    ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return text.slice(0, m.index + (m[0].length - m[0].trimStart().length)).split('\n').length - 1;
  }
  return undefined;
}

export class HandlerCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly index: FunctionIndex, private readonly config: Config) {
    index.onDidChange(() => this.emitter.fire());
  }

  refresh(): void { this.emitter.fire(); }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.config.codeLensEnabled || doc.uri.scheme !== 'file') return [];
    const spec = await this.index.functionOf(doc.uri.fsPath);
    if (!spec || (spec.family !== 'nodejs' && spec.family !== 'python')) return [];
    const handler = splitHandler(spec);
    if (!handler) return [];
    const rel = path.relative(spec.dir, doc.uri.fsPath);
    const withoutExt = rel.slice(0, rel.length - path.extname(rel).length).split(path.sep).join('/');
    if (withoutExt !== handler.file) return [];
    const line = findHandlerLine(doc.getText(), handler.name, spec.family);
    if (line === undefined) return [];
    const range = new vscode.Range(line, 0, line, 0);
    // A click on a CodeLens is a person's: pickers may open and failures are shown (commandCall.ts).
    const request: CommandRequest = { function: spec.dir, interactive: true };
    return [
      new vscode.CodeLens(range, { title: vscode.l10n.t('Invoke'), command: 'functiongraph.invoke', arguments: [request], tooltip: vscode.l10n.t('Invoke {0} locally with a test event', spec.name) }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Debug'), command: 'functiongraph.debug', arguments: [request], tooltip: vscode.l10n.t('Debug {0} locally with its first test event', spec.name) }),
    ];
  }

  dispose(): void { this.emitter.dispose(); }
}
