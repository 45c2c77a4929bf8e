// The linter's plain-data diagnostic as CONTRACTS.md describes it (E2 owns the real type).
import type { SourceRange } from '../core/config';

export interface LintDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range?: SourceRange;
  contract: string;
  fix?: unknown;
}
