// Source positions in a config, from the ranges the `yaml` library keeps on its nodes (no scanning
// of our own): the parser keeps one function resource's nodes so that rules can find any nested
// key in the very text that was parsed (an editor's unsaved buffer included).
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { ConfigLocation, ConfigPath, SourceRange } from './functionSpec';

/** A node's text, from its start to the end of its value, as a zero-based range. */
export function rangeOfNode(node: Node | null | undefined, lineCounter: LineCounter): SourceRange | undefined {
  if (!node?.range) return undefined;
  const s = lineCounter.linePos(node.range[0]);
  const e = lineCounter.linePos(node.range[1]);
  return { start: { line: s.line - 1, character: s.col - 1 }, end: { line: e.line - 1, character: e.col - 1 } };
}

/** The pair for `key`: the key as the YAML typed it first (as `getIn` finds it), else by its text (`123:` for "123"). */
function pairOf(items: readonly Pair[], key: string | number): Pair | undefined {
  return items.find((p) => isScalar(p.key) && p.key.value === key)
    ?? items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
}

/**
 * Where the value at `path` below `root` is: map keys by name, list items by index. `rootKey` is the
 * key that names `root` itself, if any.
 */
export function locateIn(root: Node, rootKey: Node | undefined, path: ConfigPath, lineCounter: LineCounter): ConfigLocation | undefined {
  let node: unknown = root;
  let key: unknown = rootKey;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = pairOf(node.items, segment);
      if (!pair) return undefined;
      key = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = segment === '' ? NaN : Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= node.items.length) return undefined;
      key = undefined;
      node = node.items[index];
    } else {
      return undefined;
    }
  }
  const value = node as Node | null;
  return {
    range: rangeOfNode(value, lineCounter),
    scalar: isScalar(value),
    keyRange: rangeOfNode(key as Node | undefined, lineCounter),
  };
}
