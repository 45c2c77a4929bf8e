// Reads a handler's source, without running it, to tell whether the named export or function
// exists. Regular expressions over the text, not a parser: a handler file is small and plain, and
// the answer has three values so that code we cannot read with certainty never gets an error.
import { findPhpFunction } from '../handler/php';

export type Presence = 'defined' | 'missing' | 'unsure';

const escape = (s: string) => s.replace(/[$]/g, '\\$');

/** Node.js: `exports.x =`, `module.exports.x =`, `module.exports = {x}`, `export function/const x`, `export {y as x}`. */
export function nodeExportPresence(source: string, name: string): Presence {
  const n = escape(name);
  const direct = [
    new RegExp(`\\b(?:module\\.)?exports\\s*(?:\\.\\s*${n}|\\[\\s*['"\`]${n}['"\`]\\s*\\])\\s*=`),
    new RegExp(`\\bexport\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${n}\\s*\\(`),
    new RegExp(`\\bexport\\s+(?:const|let|var|class)\\s+${n}\\b`),
    new RegExp(`\\bexport\\s*\\{[^}]*\\b(?:\\w+\\s+as\\s+)?${n}\\b[^}]*\\}`),
    new RegExp(`defineProperty\\(\\s*(?:module\\.)?exports\\s*,\\s*['"]${n}['"]`),
  ];
  if (direct.some((re) => re.test(source))) return 'defined';
  // module.exports = { a, x: fn, ... }: look inside the object literal assigned to module.exports.
  for (const m of source.matchAll(/\bmodule\.exports\s*=\s*\{([\s\S]*?)\}\s*;?/g)) {
    if (new RegExp(`(?:^|[,{\\s])(?:async\\s+)?${n}\\s*(?:[:,(]|$)`, 'm').test(m[1])) return 'defined';
  }
  if (!new RegExp(`\\b${n}\\b`).test(source)) return 'missing';
  // The name appears but not as an export we recognise; dynamic exports are possible.
  const exportsSomething = /\bexports\b|\bexport\s/.test(source);
  return exportsSomething ? 'unsure' : 'missing';
}

/** Names a Node.js module visibly exports (for a suggested fix). */
export function nodeExportNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/\b(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(m[1]);
  for (const m of source.matchAll(/\bexport\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of source.matchAll(/\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  return [...names];
}

/** Python: a top-level `def x(`, `async def x(`, `x = ...`, or an import binding `x`. */
export function pythonFunctionPresence(source: string, name: string): Presence {
  const defined = [
    new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`, 'm'),
    new RegExp(`^${name}\\s*(?::[^=\\n]*)?=`, 'm'),
    new RegExp(`^(?:from\\s+\\S+\\s+)?import\\s+.*\\b${name}\\b`, 'm'),
  ];
  if (defined.some((re) => re.test(source))) return 'defined';
  if (!new RegExp(`\\b${name}\\b`).test(source)) return 'missing';
  return 'unsure';
}

export function pythonFunctionNames(source: string): string[] {
  return [...source.matchAll(/^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/gm)].map((m) => m[1]);
}

/**
 * PHP: a global `function x(` outside classes (core/handler/php reads past comments and strings).
 * One declared only under a condition, or a name that the file only mentions (it may come from an
 * include), is not certain either way.
 */
export function phpFunctionPresence(source: string, name: string): Presence {
  const found = findPhpFunction(source, name);
  if (found) return found.conditional ? 'unsure' : 'defined';
  if (/\b(?:include|require)(?:_once)?\b/.test(source) && new RegExp(`\\b${name}\\b`).test(source)) return 'unsure';
  return 'missing';
}

/** Bare package names a Node.js module requires or imports at its top level. */
export function nodeRequiredPackages(source: string): string[] {
  const specs = new Set<string>();
  const patterns = [
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+[\s\S]*?\s+from\s+['"]([^'"]+)['"]/gm,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) specs.add(m[1]);
  const names = new Set<string>();
  for (const s of specs) {
    if (s.startsWith('.') || s.startsWith('/') || s.startsWith('node:') || s.includes(':')) continue;
    const parts = s.split('/');
    names.add(s.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return [...names];
}

/**
 * Top-level modules a Python module imports when it loads: `import a.b, c as d` and `from a import b`
 * at column 0 (indented imports sit in functions or try blocks and may never run). Relative and
 * `__future__` imports are left out.
 */
export function pythonImportedModules(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^import[ \t]+([^#\n;]+)/gm)) {
    for (const part of m[1].replace(/[()\\]/g, ' ').split(',')) {
      const name = part.trim().split(/\s+/)[0]?.split('.')[0];
      if (name && /^[A-Za-z_]\w*$/.test(name)) names.add(name);
    }
  }
  for (const m of source.matchAll(/^from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b/gm)) names.add(m[1].split('.')[0]);
  names.delete('__future__');
  return [...names];
}
