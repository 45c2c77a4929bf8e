// The custom messages between the language server (src/server) and the extension's client: one
// typed module both sides import (house style 6).
// Only vscode-jsonrpc types here, so the server never sees `vscode` and the client never sees the core.
import { NotificationType, RequestType } from 'vscode-jsonrpc';

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

// ---- the function index: one owner (the extension), the server fed from it (issue 10.7) ----

/** One function as the index knows it: its key (`folder` or `folder#logicalId`) and its config folder. */
export interface IndexedFunction {
  key: string;
  configDir: string;
}

export interface FunctionsChangedParams {
  /** Every function in the workspace now. */
  functions: IndexedFunction[];
  /** The keys whose config may have changed (re-read them); absent when any may have (a full scan). */
  changed?: string[];
}

/**
 * Client → server: the workspace's functions, from the extension's one function index (its one
 * file watcher finds them). The server lints exactly these and finds none itself; it re-reads the
 * configs of `changed` and drops the functions no longer listed.
 */
export const FunctionsChangedNotification = new NotificationType<FunctionsChangedParams>('functiongraph/functionsChanged');
