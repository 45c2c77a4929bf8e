// Renderings of diagnostics for the CLI and CI: text for people, the issue's JSON shape, SARIF 2.1.0.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { t } from '../l10n';
import { RULE_INFO } from './index';
import type { LintDiagnostic } from './types';

/** A path as printed: relative to `cwd` when inside it, else absolute; always `/`-separated. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  const shown = !rel ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  return shown.split(path.sep).join('/');
}

/** One-based line and column; a diagnostic about a whole file is at 1:1. */
export function position(d: LintDiagnostic): { line: number; column: number } {
  return d.range ? { line: d.range.start.line + 1, column: d.range.start.character + 1 } : { line: 1, column: 1 };
}

/** Diagnostics as the CLI's JSON prints them (src/shared/cliProtocol.ts LintJsonDiagnostic). */
export function jsonDiagnostics(diagnostics: LintDiagnostic[], cwd: string) {
  return diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: d.message, file: displayPath(d.file, cwd), ...position(d) }));
}

export function toJson(diagnostics: LintDiagnostic[], cwd: string): string {
  return JSON.stringify({ diagnostics: jsonDiagnostics(diagnostics, cwd) }, null, 2);
}

export function toText(diagnostics: LintDiagnostic[], cwd: string): string {
  const lines = diagnostics.map((d) => {
    const { line, column } = position(d);
    const entry = d.entry !== undefined ? ` [${d.entry}]` : '';
    return `${displayPath(d.file, cwd)}:${line}:${column}: ${d.severity} ${d.rule}${entry}: ${d.message} ${d.contract.startsWith("(") ? d.contract : `(${d.contract})`}`;
  });
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(t('{0} errors, {1} warnings, {2} infos', count('error'), count('warning'), count('info')));
  return lines.join('\n');
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function toSarif(diagnostics: LintDiagnostic[], cwd: string, version: string): string {
  const rules = RULE_INFO.map((r) => ({
    id: r.id,
    shortDescription: { text: r.id.replace(/-/g, ' ') },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { contract: r.contract },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = diagnostics.map((d) => {
    const region = d.range
      ? { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 }
      : undefined;
    const shown = displayPath(d.file, cwd);
    const relative = !path.isAbsolute(shown);
    return {
      ruleId: d.rule,
      ruleIndex: index.get(d.rule),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: relative ? { uri: encodeURI(shown), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(d.file).href },
          ...(region ? { region } : {}),
        },
      }],
      properties: { contract: d.contract, ...(d.entry !== undefined ? { entry: d.entry } : {}) },
    };
  });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'fgtk lint', fullName: 'FunctionGraph Toolkit package linter', version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
      results,
    }],
  }, null, 2);
}
