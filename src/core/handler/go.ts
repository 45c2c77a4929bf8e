// Go 1.x handler sources: the function `main()` hands to `runtime.Register(...)` (builtin-runtimes.md
// 1.1). Go's lexical grammar is small, so comments, strings, raw strings and runes are blanked first
// (same length, lines keep their numbers), then declarations are read from what is left.
import type { HandlerFinder, SymbolSearch } from './types';

/** The source with comments and string/rune contents blanked. */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|`[^`]*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => {
    if (m.startsWith('"') || m.startsWith('`') || m.startsWith("'")) return m[0] + m.slice(1, -1).replace(/[^\n]/g, ' ') + m[m.length - 1];
    return m.replace(/[^\n]/g, ' ');
  });
}

const lineOf = (code: string, index: number) => code.slice(0, index).split('\n').length - 1;

export const goFinder: HandlerFinder = {
  find(source, name) {
    const code = codeOnly(source);
    const m = new RegExp(`^func\\s+${name}\\s*\\(`, 'm').exec(code);
    if (m) return { presence: 'defined', line: lineOf(code, m.index) };
    return { presence: new RegExp(`\\b${name}\\b`).test(code) ? 'unsure' : 'missing' };
  },
  symbols(source) {
    return [...codeOnly(source).matchAll(/^func\s+([A-Za-z_]\w*)\s*\(/gm)].map((m) => m[1]!);
  },
  imports(source) {
    // Import paths are strings, so they are read from the source where the blanked code says an import is.
    const code = codeOnly(source);
    const out: string[] = [];
    const block = /^import\s*\(([\s\S]*?)\)/gm;
    const single = /^import\s+(?:[\w.]+\s+)?"/gm;
    for (const m of code.matchAll(block)) {
      const text = source.slice(m.index, m.index + m[0].length);
      for (const p of text.matchAll(/"([^"]+)"/g)) out.push(p[1]!);
    }
    for (const m of code.matchAll(single)) {
      const rest = source.slice(m.index + m[0].length - 1);
      const p = /^"([^"]+)"/.exec(rest);
      if (p) out.push(p[1]!);
    }
    return out;
  },
};

/** The handler function of a Go 1.x source file: the one `runtime.Register(Name)` registers, where it is declared. */
export function findRegisteredGoHandler(source: string): SymbolSearch & { name?: string } {
  const code = codeOnly(source);
  const reg = /\b\w+\.Register\s*\(\s*([A-Za-z_]\w*)\s*\)/.exec(code);
  if (!reg) return { presence: 'missing' };
  const name = reg[1]!;
  return { ...goFinder.find(source, name), name };
}
