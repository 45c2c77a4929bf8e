// Python handler modules read with @lezer/python (a full Python grammar, error-tolerant): top-level
// definitions and imports, with comments, strings and docstrings never taken for code.
import type { SyntaxNode } from '@lezer/common';
import { parsers } from '../lazy';
import type { HandlerFinder, SymbolSearch } from './types';

const children = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};

/**
 * Statements that run when the module loads: the module's own, and those in top-level `if`/`try`/
 * `with` blocks (a handler defined under `if`, an import in `try` is optional and reported apart).
 */
function loadTimeStatements(source: string): { stmt: SyntaxNode; optional: boolean }[] {
  const out: { stmt: SyntaxNode; optional: boolean }[] = [];
  const visit = (parent: SyntaxNode, optional: boolean) => {
    for (const stmt of children(parent)) {
      out.push({ stmt, optional });
      if (stmt.name === 'IfStatement' || stmt.name === 'TryStatement' || stmt.name === 'WithStatement') {
        for (const body of children(stmt).filter((c) => c.name === 'Body')) visit(body, optional || stmt.name !== 'WithStatement');
      }
    }
  };
  visit(parsers().pythonParser.parse(source).topNode, false);
  return out;
}

const text = (source: string, n: SyntaxNode) => source.slice(n.from, n.to);
const lineAt = (source: string, pos: number) => source.slice(0, pos).split('\n').length - 1;

/** The names a statement binds at module level, or `*` for a star import. */
function boundNames(source: string, stmt: SyntaxNode): string[] {
  const node = stmt.name === 'DecoratedStatement' ? children(stmt).find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition') : stmt;
  if (!node) return [];
  const parts = children(node);
  switch (node.name) {
    case 'FunctionDefinition':
    case 'ClassDefinition': {
      const name = parts.find((c) => c.name === 'VariableName');
      return name ? [text(source, name)] : [];
    }
    case 'AssignStatement': {
      const names: string[] = [];
      for (const c of parts) {
        if (c.name === 'TypeDef' || c.name === 'AssignOp') break;
        if (c.name === 'VariableName') names.push(text(source, c));
      }
      return names;
    }
    case 'ImportStatement': {
      // `import a.b as c` binds c, `import a.b` binds a, `from m import x as y` binds y, `from m import *`.
      const names: string[] = [];
      const importAt = parts.findIndex((c) => c.name === 'import');
      const isFrom = parts[0]?.name === 'from';
      let current: string[] = [];
      const flush = () => { if (current.length) names.push(isFrom ? current[current.length - 1] : current[0]); current = []; };
      for (const c of parts.slice(importAt + 1)) {
        if (c.name === 'VariableName') current.push(text(source, c));
        else if (c.name === 'as') current = [];
        else if (c.name === ',') flush();
        else if (text(source, c) === '*') names.push('*');
      }
      flush();
      return names;
    }
    default:
      return [];
  }
}

export const pythonFinder: HandlerFinder = {
  find(source, name): SymbolSearch {
    let starImport = false;
    for (const { stmt } of loadTimeStatements(source)) {
      const names = boundNames(source, stmt);
      if (names.includes(name)) return { presence: 'defined', line: lineAt(source, definitionStart(stmt)) };
      if (names.includes('*')) starImport = true;
    }
    // `from x import *` or globals()[...] may bind it without naming it.
    return { presence: starImport || /\bglobals\s*\(\s*\)/.test(source) ? 'unsure' : 'missing' };
  },
  symbols(source) {
    return loadTimeStatements(source)
      .filter(({ stmt }) => stmt.name === 'FunctionDefinition' || stmt.name === 'DecoratedStatement')
      .flatMap(({ stmt }) => boundNames(source, stmt));
  },
  imports(source) {
    const names = new Set<string>();
    for (const { stmt, optional } of loadTimeStatements(source)) {
      if (stmt.name !== 'ImportStatement' || optional) continue;
      const parts = children(stmt);
      if (parts[0]?.name === 'from') {
        // `from . import x` and `from .m import x` are relative: the package's own.
        if (parts[1]?.name === 'VariableName') names.add(text(source, parts[1]));
        continue;
      }
      let first = true;
      for (const c of parts.slice(1)) {
        if (c.name === 'VariableName' && first) names.add(text(source, c));
        first = c.name === ',';
      }
    }
    names.delete('__future__');
    return [...names];
  },
};

/** The `def` line of a decorated function, not its first decorator's. */
function definitionStart(stmt: SyntaxNode): number {
  return stmt.name === 'DecoratedStatement' ? (children(stmt).find((c) => c.name !== 'Decorator')?.from ?? stmt.from) : stmt.from;
}
