import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field } from '../extract/helpers.js';

/**
 * A file's top-level `const name = { … }` (FileIR.objectLiterals): its lines, and 1 when the literal
 * is empty (`const internals = {}`), whose members JavaScript then assigns (`internals.f =
 * function…`). Declared twice, the name is recorded as [0, 0, 0] (unknown).
 */
export function onObjectLiteral(node: Node, b: FileBuilder): void {
  const name = field(node, 'name');
  const value = field(node, 'value');
  const decl = node.parent;
  const top = decl?.parent?.type === 'export_statement' ? decl.parent.parent : decl?.parent;
  if (b.currentFunction || name?.type !== 'identifier' || value?.type !== 'object') return;
  if (name.text === '__proto__') return;
  if (decl?.type !== 'lexical_declaration' || decl.child(0)?.type !== 'const' || top?.type !== 'program')
    return;
  b.ir.objectLiterals ??= {};
  const objects = b.ir.objectLiterals;
  const empty = value.namedChildren.every((c) => c?.type === 'comment') ? 1 : 0;
  objects[name.text] = Object.hasOwn(objects, name.text)
    ? [0, 0, 0]
    : [value.startPosition.row + 1, value.endPosition.row + 1, empty];
}
