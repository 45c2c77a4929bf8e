// Node.js handler modules read with acorn (a full ECMAScript parser, the one ESLint's espree wraps):
// CommonJS and ES module exports, require() and import, with comments and strings ignored.
import type { Node, Options } from 'acorn';
import { parsers } from '../lazy';
import type { HandlerFinder, SymbolSearch } from './types';

type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPTIONS: Options = { ecmaVersion: 'latest', allowHashBang: true, locations: true, allowAwaitOutsideFunction: true };

/** The module's tree: as an ES module first, then as a CommonJS script; undefined when neither parses. */
function program(source: string): AnyNode | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return parsers().parseJavaScript(source, { ...OPTIONS, sourceType, allowReturnOutsideFunction: sourceType === 'script' }) as AnyNode;
    } catch { /* try the other kind, then give up */ }
  }
  return undefined;
}

const isIdent = (n: AnyNode | undefined, name: string) => n?.type === 'Identifier' && n.name === name;
const keyName = (n: AnyNode | undefined, computed = false): string | undefined =>
  !n ? undefined : (n.type === 'Identifier' && !computed) ? n.name : (n.type === 'Literal' && typeof n.value === 'string') ? n.value : undefined;

/** `exports` or `module.exports`. */
function isExportsObject(n: AnyNode | undefined): boolean {
  return isIdent(n, 'exports') || (n?.type === 'MemberExpression' && isIdent(n.object, 'module') && keyName(n.property, n.computed) === 'exports');
}

interface Exports {
  /** Exported name → the node to point at. */
  named: Map<string, AnyNode>;
  /** Something is exported in a way we cannot read (module.exports = someCall(), export * from ...). */
  dynamic: boolean;
  /** Top-level declarations by name, so that `module.exports = { handler }` points at the function. */
  declared: Map<string, AnyNode>;
}

function collectExports(tree: AnyNode): Exports {
  const named = new Map<string, AnyNode>();
  const declared = new Map<string, AnyNode>();
  let dynamic = false;
  const add = (name: string | undefined, at: AnyNode) => { if (name !== undefined && !named.has(name)) named.set(name, at); };
  for (const stmt of tree.body as AnyNode[]) {
    if (stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') declared.set(stmt.id.name, stmt);
    if (stmt.type === 'VariableDeclaration') for (const d of stmt.declarations) if (d.id.type === 'Identifier') declared.set(d.id.name, stmt);
  }
  parsers().walkSimple(tree, {
    ExportNamedDeclaration(n: AnyNode) {
      const decl = n.declaration as AnyNode | null;
      if (decl?.type === 'VariableDeclaration') for (const d of decl.declarations) add(d.id.name, n);
      else if (decl) add(decl.id?.name, n);
      for (const s of n.specifiers ?? []) add(keyName(s.exported), n.source ? n : declared.get(keyName(s.local) ?? '') ?? n);
    },
    ExportDefaultDeclaration(n: AnyNode) { add('default', n); },
    ExportAllDeclaration(n: AnyNode) { if (n.exported) add(keyName(n.exported), n); else dynamic = true; },
    AssignmentExpression(n: AnyNode) {
      const left = n.left as AnyNode;
      if (left.type === 'MemberExpression' && isExportsObject(left.object)) {
        const name = keyName(left.property, left.computed);
        if (name === undefined) dynamic = true;
        add(name, n);
      } else if (isExportsObject(left)) {
        if (n.right.type !== 'ObjectExpression') { dynamic = true; return; }
        for (const p of n.right.properties as AnyNode[]) {
          if (p.type !== 'Property') { dynamic = true; continue; }
          const name = keyName(p.key, p.computed);
          if (name === undefined) { dynamic = true; continue; }
          add(name, p.shorthand || p.value.type === 'Identifier' ? declared.get(p.value.name) ?? p : p);
        }
      }
    },
    CallExpression(n: AnyNode) {
      // Object.defineProperty(exports, 'x', ...) and Object.assign(module.exports, {...})
      const callee = n.callee as AnyNode;
      if (callee.type !== 'MemberExpression' || !isIdent(callee.object, 'Object') || !isExportsObject(n.arguments[0])) return;
      const method = keyName(callee.property, callee.computed);
      if (method === 'defineProperty') add(keyName(n.arguments[1], true), n);
      else if (method === 'assign') dynamic = true;
    },
  });
  return { named, dynamic, declared };
}

const lineOf = (n: AnyNode) => (n.loc?.start.line ?? 1) - 1;

/** A require() or import inside a try block is optional: the module handles its absence. */
function insideTry(ancestors: AnyNode[]): boolean {
  return ancestors.some((a, i) => a.type === 'TryStatement' && ancestors[i + 1] === a.block);
}

/** `lodash/fp` → `lodash`, `@scope/pkg/x` → `@scope/pkg`; undefined for relative, absolute and `node:` specifiers. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const javascriptFinder: HandlerFinder = {
  find(source, name): SymbolSearch {
    const tree = program(source);
    if (!tree) return { presence: 'unsure' };
    const { named, dynamic } = collectExports(tree);
    const at = named.get(name);
    if (at) return { presence: 'defined', line: lineOf(at) };
    return { presence: dynamic ? 'unsure' : 'missing' };
  },
  symbols(source) {
    const tree = program(source);
    return tree ? [...collectExports(tree).named.keys()].filter((n) => n !== 'default') : [];
  },
  imports(source) {
    const tree = program(source);
    if (!tree) return [];
    const specs = new Set<string>();
    const addSource = (n: AnyNode) => { if (typeof n.source?.value === 'string') specs.add(n.source.value); };
    parsers().walkAncestor(tree, {
      ImportDeclaration: addSource,
      ExportNamedDeclaration: addSource,
      ExportAllDeclaration: addSource,
      CallExpression(n: AnyNode, _state: unknown, ancestors: AnyNode[]) {
        const arg = n.arguments[0] as AnyNode | undefined;
        if (isIdent(n.callee, 'require') && arg?.type === 'Literal' && typeof arg.value === 'string' && !insideTry(ancestors)) specs.add(arg.value);
      },
    });
    return [...new Set([...specs].map(packageOf).filter((p): p is string => !!p))];
  },
};
