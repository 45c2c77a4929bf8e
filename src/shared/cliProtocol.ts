// What `fgtk` prints with --json / --format json: the CLI writes these shapes and the extension (which
// runs `fgtk package` in its own process) and scripts read them. One typed module both sides import.
import type { InvocationResultJson } from '../core/invoke/report';
import type { Severity } from '../core/lint/types';

/** One diagnostic of `fgtk lint --format json` and `fgtk package --format json`; line and column are 1-based. */
export interface LintJsonDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  /** Relative to the working folder when inside it, else absolute; `/`-separated. */
  file: string;
  line: number;
  column: number;
}

/** `fgtk lint --format json`. */
export interface LintJson {
  diagnostics: LintJsonDiagnostic[];
}

/** `fgtk package --format json`: the ZIP written, what went in, what was left out, and the ZIP's lint. */
export interface PackageJson extends LintJson {
  zip: string;
  entries: { name: string; size: number }[];
  /** Links to folders, or outside the function, that were not packed. */
  skipped: string[];
  /** Secrets and deployment leftovers left out (a .fgtkignore line !NAME brings one back). */
  leftOutSecrets: string[];
}

/** `fgtk invoke --json`: one line per invocation. */
export type InvokeJson = InvocationResultJson;
