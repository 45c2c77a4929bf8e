// What every rule gets: the package view, the function's config (when there is one), the settings,
// and helpers that decide which file and range a diagnostic lands on.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfigKey, FunctionSpec, SourceRange } from '../config';
import type { PackageEntry, PackageView } from '../archive/packageView';
import type { LintDiagnostic, LintFix, LintSettings, Severity } from './types';

export interface Finding {
  message: string;
  /** Defaults to the rule's anchor (config key, the .zip, the folder). */
  file?: string;
  range?: SourceRange;
  entry?: string;
  fix?: LintFix[];
  /** When one rule reports at more than one level (e.g. a warning variant). */
  severity?: Severity;
}

export interface Rule {
  id: string;
  contract: string;
  severity: Severity;
  check(ctx: LintContext): Promise<Finding[]> | Finding[];
}

/** Largest prefix of a text file we read (handlers, bootstrap, WHEEL metadata). */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export class LintContext {
  private readonly texts = new Map<string, Promise<string | undefined>>();

  constructor(
    readonly view: PackageView,
    readonly spec: FunctionSpec | undefined,
    readonly settings: LintSettings,
  ) {}

  get family(): string {
    return this.spec?.family ?? 'unknown';
  }

  /** Where a finding about the config's `key` goes: that line of the config, else the package. */
  anchor(key?: ConfigKey): { file: string; range?: SourceRange } {
    const spec = this.spec;
    if (spec?.configFile && existsSync(spec.configFile)) {
      const range = (key && spec.positions[key]) || spec.positions.Resource;
      return { file: spec.configFile, range };
    }
    if (this.view.kind === 'zip') return { file: this.view.location };
    const bootstrap = this.view.get('bootstrap');
    if (bootstrap?.kind === 'file') return { file: this.view.fileOf('bootstrap') };
    return { file: this.view.location };
  }

  /** The file a finding about entry `rel` goes to (the file itself in a folder, the .zip otherwise). */
  entryFile(rel: string): string {
    return this.view.fileOf(rel);
  }

  /** Text of a file entry (first MAX_SOURCE_BYTES, UTF-8), cached for the run. */
  text(rel: string): Promise<string | undefined> {
    let hit = this.texts.get(rel);
    if (!hit) {
      hit = this.view.read(rel, MAX_SOURCE_BYTES).then((b) => b?.toString('utf8'));
      this.texts.set(rel, hit);
    }
    return hit;
  }

  file(rel: string): PackageEntry | undefined {
    const e = this.view.get(rel);
    return e && e.kind !== 'dir' ? e : undefined;
  }

  /** Describes where an entry is, for messages: `bootstrap` or `bootstrap (in app.zip)`. */
  where(rel: string): string {
    return this.view.kind === 'zip' ? `${rel} (${path.basename(this.view.location)})` : rel;
  }
}

/** Applies settings (severity overrides, `off`) and turns findings into diagnostics. */
export function toDiagnostics(rule: Rule, ctx: LintContext, findings: Finding[]): LintDiagnostic[] {
  const override = ctx.settings.rules[rule.id];
  if (override === 'off') return [];
  return findings.map((f) => {
    const anchor = f.file ? { file: f.file, range: f.range } : { ...ctx.anchor(), ...(f.range ? { range: f.range } : {}) };
    const d: LintDiagnostic = {
      rule: rule.id,
      severity: override ?? f.severity ?? rule.severity,
      message: f.message,
      file: anchor.file,
      contract: rule.contract,
    };
    if (anchor.range) d.range = anchor.range;
    if (f.entry !== undefined) d.entry = f.entry;
    if (f.fix?.length) d.fix = f.fix;
    return d;
  });
}
