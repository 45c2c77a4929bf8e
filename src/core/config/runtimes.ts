// Runtime names as the platform spells them (contract PKG-4b), and what kind of process runs each.
import { distance } from 'fastest-levenshtein';

export type RuntimeFamily = 'nodejs' | 'python' | 'java' | 'go' | 'csharp' | 'php' | 'custom' | 'http';

export interface RuntimeInfo {
  /** The platform's spelling, e.g. `Node.js18.15`, `Python3.9`, `Custom`, `http`. */
  name: string;
  family: RuntimeFamily;
  /** `18.15`, `3.9`, `1.x`; empty for Custom and http. */
  version: string;
}

export const NODE_VERSIONS = ['20.15', '18.15', '16.17', '14.18', '12.13', '10.16', '8.10', '6.10'] as const;
export const PYTHON_VERSIONS = ['3.12', '3.10', '3.9', '3.6', '2.7'] as const;

export const KNOWN_RUNTIMES: readonly RuntimeInfo[] = [
  ...NODE_VERSIONS.map((v) => ({ name: `Node.js${v}`, family: 'nodejs' as const, version: v })),
  ...PYTHON_VERSIONS.map((v) => ({ name: `Python${v}`, family: 'python' as const, version: v })),
  { name: 'Java8', family: 'java', version: '8' },
  { name: 'Java11', family: 'java', version: '11' },
  { name: 'Java17', family: 'java', version: '17' },
  { name: 'Go1.x', family: 'go', version: '1.x' },
  { name: 'C#(.NET Core 3.1)', family: 'csharp', version: '3.1' },
  { name: 'PHP7.3', family: 'php', version: '7.3' },
  { name: 'PHP8.3', family: 'php', version: '8.3' },
  { name: 'Custom', family: 'custom', version: '' },
  { name: 'http', family: 'http', version: '' },
];

const squash = (s: string) => s.toLowerCase().replace(/[\s._()#-]/g, '');
const BY_SQUASHED = new Map(KNOWN_RUNTIMES.map((r) => [squash(r.name), r]));
// Forms users type that squash differently from the platform's names.
const ALIASES: Record<string, string> = {
  nodejs: 'Node.js20.15', node: 'Node.js20.15', python: 'Python3.9', python3: 'Python3.9',
  customruntime: 'Custom', provided: 'Custom', go: 'Go1.x', golang: 'Go1.x', csharp: 'C#(.NET Core 3.1)',
  netcore31: 'C#(.NET Core 3.1)', java: 'Java11', php: 'PHP7.3',
};

/** Characters parseRuntime ignores (`Node.js 18.15` is `nodejs1815`). */
const SEPARATORS = '[\\s._()#-]*';

/**
 * A regular expression (source) that matches exactly what parseRuntime accepts, for the editor
 * schema (schemas/function-config.schema.json), where no code runs: YAML and JSON editors flag a
 * Runtime typo as you type, as the linter does. A unit test keeps the schema's copy equal to this.
 */
export function runtimeSchemaPattern(): string {
  const keys = [...new Set([...BY_SQUASHED.keys(), ...Object.keys(ALIASES)])].sort();
  const charClass = (c: string) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'));
  return `^${SEPARATORS}(?:${keys.map((k) => [...k].map(charClass).join(SEPARATORS)).join('|')})${SEPARATORS}$`;
}

/** Accepts the case-insensitive forms users type (`nodejs18.15`, `python3.9`, `CUSTOM`). */
export function parseRuntime(value: string): RuntimeInfo | undefined {
  const key = squash(value.trim());
  const hit = BY_SQUASHED.get(key);
  if (hit) return hit;
  const alias = ALIASES[key];
  return alias ? BY_SQUASHED.get(squash(alias)) : undefined;
}

/** Major version of a Node.js or Python runtime (`18` for `Node.js18.15`, `3` for `Python3.9`). */
export function runtimeMajor(info: RuntimeInfo): number | undefined {
  const m = /^(\d+)/.exec(info.version);
  return m ? Number(m[1]) : undefined;
}

/**
 * The platform's runtime names nearest to what was typed (`Nodejs18` → `Node.js18.15`), for "did
 * you mean": the fewest edits over the squashed forms parseRuntime compares, and among those the
 * ones that share the longest start with it (`nodejs18` is closer to `nodejs1815` than to `nodejs1418`).
 */
export function suggestRuntimes(value: string, max = 3): string[] {
  const typed = squash(value);
  if (!typed) return [];
  // Up to a third of what was typed may be wrong (at least 2 edits), so "Pyton3.9" and "Nodejs18" find theirs.
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  const near = KNOWN_RUNTIMES
    .map((r) => ({ name: r.name, d: distance(typed, squash(r.name)), prefix: commonPrefix(typed, squash(r.name)) }))
    .filter((c) => c.d <= allowed);
  const best = Math.min(...near.map((c) => c.d));
  const closest = near.filter((c) => c.d === best);
  const longest = Math.max(...closest.map((c) => c.prefix));
  return closest.filter((c) => c.prefix === longest).map((c) => c.name).sort().slice(0, max);
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
