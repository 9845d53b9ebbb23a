import type { Node } from 'web-tree-sitter';

// Where a walk up from a call stops: the call is in a body, an initializer list or a class.
const BODIES = new Set([
  'compound_statement',
  'field_initializer_list',
  'field_declaration_list',
  'translation_unit',
]);

/**
 * Whether the call `n` is written in a parameter's default value (`Status NotFound(const Slice& m,
 * const Slice& m2 = Slice()) {…}`). C++ evaluates a default argument at each call site that omits
 * it, not in the function declaring it, so the call is not that function's (leveldb's `status.h`).
 */
export function inDefaultArgument(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'optional_parameter_declaration') return true;
    if (BODIES.has(p.type)) return false;
  }
  return false;
}
