// The custom messages between the language server (src/server) and the extension's client: one
// typed module both sides import (house style 6).
// Only vscode-jsonrpc types here, so the server never sees `vscode` and the client never sees the core.
import { RequestType } from 'vscode-jsonrpc';

/** Settings section the server pulls per resource (`workspace/configuration`). */
export const LINT_SETTINGS_SECTION = 'functiongraph.lint';

export interface LintPathParams {
  /** A function folder or .zip (absolute path), e.g. the ZIP `functiongraph.package` just wrote. */
  path: string;
}

/** A diagnostic as plain data (the core's LintDiagnostic without the fix details). */
export interface LintPathDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  line: number;
  column: number;
  contract: string;
}

/** One diagnostic as a log line, `severity rule file:line:column message` (its numbers are 1-based already). */
export function lintLogLine(d: LintPathDiagnostic, file: string = d.file): string {
  return `${d.severity} ${d.rule} ${file}:${d.line}:${d.column} ${d.message}`;
}

/** Client → server: lint this path now (also adds it to the published diagnostics). */
export const LintPathRequest = new RequestType<LintPathParams, { diagnostics: LintPathDiagnostic[] }, void>('functiongraph/lintPath');

/** Commands the server executes for quick fixes that are not text edits (workspace/executeCommand). */
export const LintCommands = {
  /** Arguments: [absolute file path]. chmod +x (u+x, and g/o where readable). */
  makeExecutable: 'functiongraph.lint.makeExecutable',
  /** Arguments: [absolute file path]. Rewrites CRLF as LF on disk (VS Code re-applies a document's EOL to text edits). */
  convertToLf: 'functiongraph.lint.convertToLf',
} as const;
