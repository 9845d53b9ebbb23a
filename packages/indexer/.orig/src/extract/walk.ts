import { type Language, type Node, Query, type Tree } from 'web-tree-sitter';
import type { FileBuilder } from './builder.js';

/** Returned by a language's `enter` to skip a node's children (it handled them itself). */
export const SKIP = 1;

/** Visits one node; may push scopes on the builder (popped when the walker leaves the node). */
export type EnterFn = (node: Node, b: FileBuilder) => typeof SKIP | undefined;

/**
 * Walks a tree depth-first with a cursor (no recursion: generated code nests
 * deeper than the JS stack), restoring the builder's scope depth on exit.
 */
export function walkTree(
  tree: Tree,
  b: FileBuilder,
  enter: EnterFn,
  complexity: ReadonlySet<string>,
  nodeTypes?: ReadonlySet<string>,
): void {
  const cursor = tree.walk();
  const depths: number[] = [];
  try {
    for (;;) {
      // Reading the type through the cursor avoids materialising a Node for every tree node.
      const type = cursor.nodeType;
      const isNamed = cursor.nodeIsNamed;
      const depth = b.depth;
      const action =
        isNamed && (!nodeTypes || nodeTypes.has(type)) ? enter(cursor.currentNode, b) : undefined;
      if (isNamed && complexity.has(type)) b.bump();
      if (action !== SKIP && cursor.gotoFirstChild()) {
        depths.push(depth);
        continue;
      }
      b.popTo(depth);
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
        b.popTo(depths.pop() ?? 0);
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Visits only the nodes a language handles (and complexity nodes), found by a
 * tree-sitter query run inside wasm: much cheaper than stepping a cursor over
 * every token. Scopes close when a later capture starts past their node's end.
 */
export function walkCaptures(
  tree: Tree,
  b: FileBuilder,
  enter: EnterFn,
  complexity: ReadonlySet<string>,
  query: Query,
): void {
  const caps = query.captures(tree.rootNode);
  const nodes = caps.map((c) => c.node);
  // Outer nodes first when two captures start at the same byte.
  nodes.sort((x, y) => x.startIndex - y.startIndex || y.endIndex - x.endIndex);
  const open: { end: number; depth: number }[] = [];
  let skipUntil = -1;
  let last: Node | undefined;
  for (const node of nodes) {
    if (last && last.id === node.id) continue;
    last = node;
    const start = node.startIndex;
    if (start < skipUntil) continue;
    while (open.length && open[open.length - 1]!.end <= start) b.popTo(open.pop()!.depth);
    const depth = b.depth;
    const action = enter(node, b);
    if (complexity.has(node.type)) b.bump();
    if (action === SKIP) skipUntil = node.endIndex;
    open.push({ end: node.endIndex, depth });
  }
}

const queries = new WeakMap<Language, Map<string, Query>>();

/** The capture query for a language's handled and complexity node types (cached per grammar). */
export function captureQuery(language: Language, key: string, types: Iterable<string>): Query {
  let m = queries.get(language);
  if (!m) {
    m = new Map();
    queries.set(language, m);
  }
  let q = m.get(key);
  if (!q) {
    const known = [...new Set(types)].filter(
      (t) => /^[A-Za-z_]\w*$/.test(t) && language.idForNodeType(t, true),
    );
    q = new Query(language, known.map((t) => `(${t}) @n`).join('\n'));
    m.set(key, q);
  }
  return q;
}
