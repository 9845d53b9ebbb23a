import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { declareLocal } from './go-scopes.js';

/**
 * The node whose end closes the scope of a Java local declared by `node`: an enhanced `for`'s
 * variable is its own, a `catch` parameter its clause's, any other local the block it is declared in
 * (a `switch` case group's: the whole switch), from the declaration on.
 */
function scopeOf(node: Node): Node {
  if (node.type === 'enhanced_for_statement') return node;
  const p = node.parent;
  if (!p) return node;
  if (node.type === 'catch_formal_parameter') return p;
  return p.type === 'switch_block_statement_group' ? (p.parent ?? p) : p;
}

/**
 * Declares a Java local at `node` (its declaration statement): one name declared in two blocks with
 * two types (`ScalarEvent ev` in an `if`, `CollectionStartEvent ev` in its `else`) keeps each type
 * on the lines it is in force (see go-scopes.ts, which does the same for Go).
 */
export function declareJavaLocal(b: FileBuilder, name: string, type: string | undefined, node: Node): void {
  if (!name) return;
  declareLocal(b, name, type, { index: node.startIndex, row: node.startPosition.row }, scopeOf(node));
}
