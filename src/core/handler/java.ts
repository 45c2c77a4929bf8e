// Java handler classes read with @lezer/java (a full, error-tolerant Java grammar): the methods the
// file's top-level classes declare, with comments and strings never taken for code. A method a class
// may inherit (it extends another class) is never reported missing.
import type { SyntaxNode } from '@lezer/common';
import { parsers } from '../lazy';
import type { HandlerFinder, SymbolSearch } from './types';

const childrenOf = (n: SyntaxNode, name: string): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) out.push(c);
  return out;
};

interface ClassInfo { extendsOther: boolean; methods: { name: string; line: number }[] }

function topLevelClasses(source: string): { classes: ClassInfo[]; hasErrors: boolean } {
  const tree = parsers().javaParser.parse(source);
  let hasErrors = false;
  tree.iterate({ enter: (n) => { if (n.type.isError) hasErrors = true; } });
  const classes = childrenOf(tree.topNode, 'ClassDeclaration').map((cls): ClassInfo => {
    const body = childrenOf(cls, 'ClassBody')[0];
    const methods = body ? childrenOf(body, 'MethodDeclaration').flatMap((m) => {
      const def = childrenOf(m, 'Definition')[0];
      return def ? [{ name: source.slice(def.from, def.to), line: source.slice(0, def.from).split('\n').length - 1 }] : [];
    }) : [];
    return { extendsOther: childrenOf(cls, 'Superclass').length > 0, methods };
  });
  return { classes, hasErrors };
}

export const javaFinder: HandlerFinder = {
  find(source, name): SymbolSearch {
    const { classes, hasErrors } = topLevelClasses(source);
    for (const c of classes) {
      const hit = c.methods.find((m) => m.name === name);
      if (hit) return { presence: 'defined', line: hit.line };
    }
    return { presence: hasErrors || classes.length === 0 || classes.some((c) => c.extendsOther) ? 'unsure' : 'missing' };
  },
  symbols(source) {
    return [...new Set(topLevelClasses(source).classes.flatMap((c) => c.methods.map((m) => m.name)))];
  },
  imports() {
    return []; // dependencies come in JARs, which the Java rules check
  },
};
