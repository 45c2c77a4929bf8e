// The custom messages between the language server (src/server) and the extension's client, and the
// shape of the `functiongraph.lint` settings: one typed module both sides import (house style 6).
// Only vscode-jsonrpc types here, so the server never sees `vscode` and the client never sees the core.
import { NotificationType, RequestType } from 'vscode-jsonrpc';

/** Settings section the server pulls per resource (`workspace/configuration`). */
export const LINT_SETTINGS_SECTION = 'functiongraph.lint';

export type LintSeveritySetting = 'error' | 'warning' | 'info' | 'off';

/** `functiongraph.lint.*` settings; the server fills missing values with these defaults. */
export interface LintSettingsShape {
  /** Lint at all. Default true. */
  enable: boolean;
  /** PKG-6: largest ZIP of a direct upload, MB. Default 50. */
  maxZipSizeMB: number;
  /** PKG-6: largest ZIP through OBS, MB. Default 300. */
  maxObsZipSizeMB: number;
  /** PKG-6: largest unzipped code, MB. Default 1500. */
  maxUnzippedSizeMB: number;
  /** Per-rule severity overrides, e.g. `{ "python-stdlib-shadow": "off" }`. */
  rules: Record<string, LintSeveritySetting>;
}

/** Diagnostic counts of one function folder or one .zip, for the tree view. */
export interface FunctionLintSummary {
  /** Absolute path of the function folder, or of the .zip. */
  path: string;
  kind: 'folder' | 'zip';
  /** The function's name, when a config names it. */
  name?: string;
  errors: number;
  warnings: number;
  infos: number;
  /** The first few messages (`rule: message`), most severe first, for a tooltip. */
  top: string[];
}

export interface LintSummaryParams {
  /** Only this function folder or .zip (absolute path); all when absent. */
  path?: string;
}

export interface LintSummaryResult {
  /** False while the first workspace scan is still running. */
  ready: boolean;
  functions: FunctionLintSummary[];
}

/** Client → server: the current summary per function (the tree's decoration). */
export const LintSummaryRequest = new RequestType<LintSummaryParams, LintSummaryResult, void>('functiongraph/lintSummary');

/** Server → client: summaries changed (after any re-lint); the client re-queries or uses them. */
export const LintSummaryChangedNotification = new NotificationType<LintSummaryResult>('functiongraph/lintSummaryChanged');

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
