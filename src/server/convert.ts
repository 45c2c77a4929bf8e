// LintDiagnostic (core, plain data) → LSP diagnostics and code actions. The only place that knows both.
import { pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, DiagnosticSeverity, RenameFile, TextEdit, type Diagnostic, type Range,
} from 'vscode-languageserver/node';
import type { LintDiagnostic, LintFix } from '../core/lint/index';
import { LintCommands } from '../shared/lspProtocol';

export const SOURCE = 'functiongraph';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const WHOLE_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export const uriOf = (file: string): string => pathToFileURL(file).href;

export function toLspDiagnostic(d: LintDiagnostic): Diagnostic {
  return {
    range: d.range ?? WHOLE_FILE,
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: SOURCE,
    message: d.entry !== undefined && !d.message.includes(d.entry) ? `${d.message} [${d.entry}]` : d.message,
    data: { contract: d.contract, fix: d.fix ?? [] },
  };
}

/** Quick fixes carried in a diagnostic's `data` (set by toLspDiagnostic). */
export function codeActionsFor(diagnostic: Diagnostic): CodeAction[] {
  const fixes = ((diagnostic.data as { fix?: LintFix[] } | undefined)?.fix ?? []);
  return fixes.map((fix) => {
    const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    switch (fix.kind) {
      case 'make-executable':
        action.command = { title: fix.title, command: LintCommands.makeExecutable, arguments: [fix.file] };
        break;
      case 'crlf-to-lf':
        action.command = { title: fix.title, command: LintCommands.convertToLf, arguments: [fix.file] };
        break;
      case 'replace-text':
        action.edit = { changes: { [uriOf(fix.file)]: [TextEdit.replace(fix.range, fix.newText)] } };
        break;
      case 'rename-file':
        action.edit = { documentChanges: [RenameFile.create(uriOf(fix.from), uriOf(fix.to))] };
        break;
    }
    if (fixes.length === 1) action.isPreferred = true;
    return action;
  });
}
