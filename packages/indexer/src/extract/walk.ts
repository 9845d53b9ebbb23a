import type { Node, Tree } from 'web-tree-sitter';
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
