// Runtime names as the platform spells them (contract PKG-4b), and what kind of process runs each.

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
