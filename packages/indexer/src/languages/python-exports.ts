import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, fieldText, unquote } from '../extract/helpers.js';

const LISTS = new Set(['list', 'tuple', 'set', 'parenthesized_expression', 'binary_operator']);

/** The string literals of `["a", "b"]`, `("a",) + ("b",)`, `"a"`; anything else lists nothing. */
function literalNames(value: Node | undefined, out: string[]): void {
  if (!value) return;
  if (value.type === 'string') {
    // An f-string's value is not known here.
    if (!value.namedChildren.some((c) => c?.type === 'interpolation')) out.push(unquote(value.text));
    return;
  }
  if (!LISTS.has(value.type)) return;
  for (const c of value.namedChildren) if (c) literalNames(c, out);
}

/**
 * Module-level `__all__ = […]`, `__all__ += […]`, `__all__.extend([…])`, `__all__.append("x")`:
 * records the names listed (FileIR.starNames). A value not written as literals (a comprehension,
 * another module's `__all__`) adds no name, so a star import of the module brings only the names
 * known to be listed.
 */
export function dunderAll(node: Node, b: FileBuilder): void {
  if (b.currentFunction || b.currentClass) return;
  let value: Node | undefined;
  if (node.type === 'call') {
    const fn = field(node, 'function');
    if (fn?.type !== 'attribute' || fieldText(fn, 'object') !== '__all__') return;
    const method = fieldText(fn, 'attribute');
    if (method !== 'extend' && method !== 'append') return;
    value = field(node, 'arguments')?.namedChildren[0] ?? undefined;
  } else {
    if (fieldText(node, 'left') !== '__all__') return;
    value = field(node, 'right');
  }
  const names = b.ir.starNames ?? [];
  literalNames(value, names);
  b.ir.starNames = names;
}
