// Finds the functions a PHP file declares, without running PHP: a small lexer that skips what
// cannot declare a function (comments, strings, heredocs, inline HTML outside `<?php ... ?>`) and
// keeps the namespace and class nesting, so that a method or a `function` in a string or comment
// never counts as the handler. Hand-written because no maintained npm PHP parser is small enough
// to ship in the language server for one question (the full parsers weigh megabytes).
import type { HandlerFinder } from './types';

export interface PhpFunction {
  /** As declared (PHP compares function names case-insensitively). */
  name: string;
  /** `Foo\Bar` for a function declared after `namespace Foo\Bar;`, '' in the global namespace. */
  namespace: string;
  /** 0-based position of the name. */
  line: number;
  column: number;
  /** Inside braces (`if (!function_exists('x')) { function x() {} }`): declared only when that code runs. */
  conditional: boolean;
}

const IDENT_START = /[A-Za-z_\x80-\uffff]/;
const IDENT = /[A-Za-z0-9_\x80-\uffff]/;

/** Every named function declared outside classes, in source order. */
export function phpFunctions(source: string): PhpFunction[] {
  const out: PhpFunction[] = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - lineStarts[lo] };
  };

  let i = 0;
  let namespace = '';
  /** One entry per open brace: whether it opened a class-like body (its functions are methods). */
  const braces: boolean[] = [];
  let classPending = false;
  let previousWord = '';
  let previousToken = '';

  const skipInlineHtml = () => {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      i = source.length;
      return;
    }
    i = open + 2;
    if (source.startsWith('php', i)) i += 3;
    else if (source[i] === '=') i += 1;
  };

  skipInlineHtml();
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '?' && next === '>') {
      i += 2;
      skipInlineHtml();
      continue;
    }
    if (c === '#' && next !== '[') {
      i = endOfLineComment(source, i);
      continue;
    }
    if (c === '/' && next === '/') {
      i = endOfLineComment(source, i);
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (c === '\'' || c === '"' || c === '`') {
      i = endOfQuoted(source, i, c);
      previousToken = 'string';
      continue;
    }
    if (c === '<' && source.startsWith('<<<', i)) {
      i = endOfHeredoc(source, i);
      previousToken = 'string';
      continue;
    }
    if (c === '{') {
      braces.push(classPending);
      classPending = false;
      previousToken = '{';
      previousWord = '';
      i++;
      continue;
    }
    if (c === '}') {
      braces.pop();
      previousToken = '}';
      previousWord = '';
      i++;
      continue;
    }
    if (c === '$') {
      // A variable: `$function` is not the keyword.
      i++;
      while (i < source.length && IDENT.test(source[i])) i++;
      previousToken = 'var';
      previousWord = '';
      continue;
    }
    if (IDENT_START.test(c) || c === '\\') {
      const start = i;
      while (i < source.length && (IDENT.test(source[i]) || source[i] === '\\')) i++;
      const word = source.slice(start, i);
      const lower = word.toLowerCase();
      const member = previousToken === '->' || previousToken === '::' || previousToken === '?->';
      if (!member && lower === 'namespace' && braces.length === 0) {
        const m = /^\s*([A-Za-z_\\][\w\\]*)?\s*([;{])/.exec(source.slice(i));
        if (m && (m[1] || m[2] === '{')) namespace = (m[1] ?? '').replace(/^\\/, '');
      } else if (!member && (lower === 'class' || lower === 'interface' || lower === 'trait' || lower === 'enum') && previousWord !== 'use') {
        // `Foo::class` was excluded above; an anonymous `new class(...) {` is a class body too.
        classPending = lower !== 'enum' || /^\s*[A-Za-z_]/.test(source.slice(i));
      } else if (!member && lower === 'function' && previousWord !== 'use' && !braces.includes(true)) {
        const m = /^(\s*&?\s*)([A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)\s*\(/.exec(source.slice(i));
        if (m) {
          const at = i + m[1].length;
          out.push({ name: m[2], namespace, ...position(at), conditional: braces.length > 0 });
        }
      }
      previousWord = lower;
      previousToken = 'word';
      continue;
    }
    if (c === '-' && next === '>') {
      previousToken = '->';
      i += 2;
      continue;
    }
    if (c === '?' && next === '-' && source[i + 2] === '>') {
      previousToken = '?->';
      i += 3;
      continue;
    }
    if (c === ':' && next === ':') {
      previousToken = '::';
      i += 2;
      continue;
    }
    if (!/\s/.test(c)) {
      previousToken = c;
      if (c === ';') classPending = false;
    }
    i++;
  }
  return out;
}

/** A global function named `name` (case-insensitive, as PHP resolves it), if the file declares one. */
export function findPhpFunction(source: string, name: string): PhpFunction | undefined {
  const lower = name.toLowerCase();
  return phpFunctions(source).find((f) => f.namespace === '' && f.name.toLowerCase() === lower);
}

/** Names as a caller would write them: `handler`, or `App\handler` for a namespaced one. */
export function phpFunctionNames(source: string): string[] {
  return phpFunctions(source).map((f) => (f.namespace ? `${f.namespace}\\${f.name}` : f.name));
}

/**
 * The handler finder for PHP (index.ts). A function declared only under a condition, or a name the
 * file only mentions while it includes other files (it may come from there), is not certain either way.
 */
export const phpFinder: HandlerFinder = {
  find(source, name) {
    const found = findPhpFunction(source, name);
    if (found) return { presence: found.conditional ? 'unsure' : 'defined', line: found.line };
    const includes = /\b(?:include|require)(?:_once)?\b/.test(source);
    return { presence: includes && new RegExp(`\\b${name}\\b`).test(source) ? 'unsure' : 'missing' };
  },
  symbols: phpFunctionNames,
  // Composer packages are loaded through vendor/autoload.php, not named one by one.
  imports: () => [],
};

function endOfLineComment(source: string, i: number): number {
  // A line comment ends at the newline or at `?>`, which leaves PHP mode.
  for (let j = i; j < source.length; j++) {
    if (source[j] === '\n') return j + 1;
    if (source[j] === '?' && source[j + 1] === '>') return j;
  }
  return source.length;
}

function endOfQuoted(source: string, i: number, quote: string): number {
  for (let j = i + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === quote) return j + 1;
  }
  return source.length;
}

/** `<<<ID`, `<<<"ID"` or `<<<'ID'` up to the closing identifier (indented closers since PHP 7.3). */
function endOfHeredoc(source: string, i: number): number {
  const m = /^<<<[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1\r?\n/.exec(source.slice(i, i + 200));
  if (!m) return i + 3;
  const closer = new RegExp(`\\n[ \\t]*${m[2]}\\b`, 'g');
  closer.lastIndex = i + m[0].length - 1;
  const found = closer.exec(source);
  return found ? found.index + found[0].length : source.length;
}
