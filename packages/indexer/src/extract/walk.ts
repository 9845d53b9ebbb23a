import { type Language, type Node, Query, type Tree } from 'web-tree-sitter';
import type { FileBuilder } from './builder.js';

/** Returned by a language's `enter` to skip a node's children (it handled them itself). */
export const SKIP = 1;

/**
 * Visits one node; may push scopes on the builder (popped when the walker leaves the node).
 * `type` is the node's type when the walker knows it already (reading `node.type` calls into wasm).
 */
export type EnterFn = (node: Node, b: FileBuilder, type?: string) => typeof SKIP | undefined;

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
        isNamed && (!nodeTypes || nodeTypes.has(type)) ? enter(cursor.currentNode, b, type) : undefined;
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
  // Each capture is named after its node's type: no call into wasm to read it.
  const caps = query.captures(tree.rootNode);
  // Outer nodes first when two captures start at the same byte.
  caps.sort((x, y) => x.node.startIndex - y.node.startIndex || y.node.endIndex - x.node.endIndex);
  const open: { end: number; depth: number }[] = [];
  let skipUntil = -1;
  let last = -1;
  for (const cap of caps) {
    const node = cap.node;
    if (node.id === last) continue;
    last = node.id;
    const start = node.startIndex;
    if (start < skipUntil) continue;
    while (open.length && open[open.length - 1]!.end <= start) b.popTo(open.pop()!.depth);
    const depth = b.depth;
    const type = cap.name;
    const action = enter(node, b, type);
    if (complexity.has(type)) b.bump();
    if (action === SKIP) skipUntil = node.endIndex;
    // Only a node that opened a scope needs its end: most captures (calls, branches) open none.
    if (b.depth !== depth) open.push({ end: action === SKIP ? skipUntil : node.endIndex, depth });
  }
}

const queries = new WeakMap<Language, Map<string, Query>>();

/**
 * The capture query for a language's handled and complexity node types (cached per grammar);
 * `patterns` replaces the plain `(type) @type` of some types with a narrower pattern, whose one
 * capture must also be named after the node type (the walker reads types from capture names).
 */
export function captureQuery(
  language: Language,
  key: string,
  types: Iterable<string>,
  patterns: Readonly<Record<string, string>> = {},
): Query {
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
    q = new Query(language, known.map((t) => patterns[t] ?? `(${t}) @${t}`).join('\n'));
    m.set(key, q);
  }
  return q;
}
