// Plain data shared by the rules, the CLI and the language server (house style 8: rules return
// data; the server only converts it to LSP).
import type { SourceRange } from '../config';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** What a mechanical fix does; the server turns it into a code action, the CLI prints its title. */
export type LintFix =
  | { kind: 'make-executable'; title: string; file: string }
  | { kind: 'crlf-to-lf'; title: string; file: string }
  | { kind: 'replace-text'; title: string; file: string; range: SourceRange; newText: string }
  | { kind: 'rename-file'; title: string; from: string; to: string };

export interface LintDiagnostic {
  /** Stable rule ID, e.g. `bootstrap-not-executable`. */
  rule: string;
  severity: Severity;
  /** Says what is wrong and what to do. */
  message: string;
  /** Absolute path of the file the diagnostic belongs to (config, bootstrap, an entry, the .zip). */
  file: string;
  /** Where in `file`; the whole file when absent. */
  range?: SourceRange;
  /** Contract section, e.g. `PKG-2`, or `(ours)`. */
  contract: string;
  /** For a ZIP: the entry concerned. */
  entry?: string;
  fix?: LintFix[];
}

/** Settings section `functiongraph.lint` (the same shape over LSP and on the CLI). */
export interface LintSettings {
  enable: boolean;
  /** PKG-6: largest ZIP uploaded directly (API upload). */
  maxZipSizeMB: number;
  /** PKG-6: largest ZIP through OBS. */
  maxObsZipSizeMB: number;
  /** PKG-6: largest unzipped code. */
  maxUnzippedSizeMB: number;
  /** Per-rule severity overrides (`off` silences a rule). */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_LINT_SETTINGS: LintSettings = {
  enable: true,
  maxZipSizeMB: 50,
  maxObsZipSizeMB: 300,
  maxUnzippedSizeMB: 1500,
  rules: {},
};

/** Merges user settings over the defaults, ignoring values of the wrong type. */
export function normalizeSettings(raw: unknown): LintSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [k, v] of Object.entries(s.rules as Record<string, unknown>)) {
      if (v === 'error' || v === 'warning' || v === 'info' || v === 'off') rules[k] = v;
    }
  }
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_LINT_SETTINGS.enable,
    maxZipSizeMB: num(s.maxZipSizeMB, DEFAULT_LINT_SETTINGS.maxZipSizeMB),
    maxObsZipSizeMB: num(s.maxObsZipSizeMB, DEFAULT_LINT_SETTINGS.maxObsZipSizeMB),
    maxUnzippedSizeMB: num(s.maxUnzippedSizeMB, DEFAULT_LINT_SETTINGS.maxUnzippedSizeMB),
    rules,
  };
}
