// PHP handler modules: `function name(` outside comments and strings. A stand-in until the PHP
// runtime brings its own finder (a tokenizer such as php-parser) into this file.
import type { HandlerFinder } from './types';

/** The source with comments and string contents blanked (same length, so lines keep their numbers). */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|(?:\/\/|#)[^\n]*|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (m) => m.replace(/[^\n]/g, ' '));
}

export const phpFinder: HandlerFinder = {
  find(source, name) {
    const code = codeOnly(source);
    const m = new RegExp(`\\bfunction\\s+${name}\\s*\\(`, 'i').exec(code);
    if (m) return { presence: 'defined', line: code.slice(0, m.index).split('\n').length - 1 };
    return { presence: new RegExp(`\\b${name}\\b`).test(code) ? 'unsure' : 'missing' };
  },
  symbols(source) {
    return [...codeOnly(source).matchAll(/\bfunction\s+([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]);
  },
  imports() {
    return [];
  },
};
