import type { Node } from 'web-tree-sitter';
import { fieldText, unquote } from '../extract/helpers.js';

/**
 * `go(a: string): void;` in a class body, followed (past other signatures and comments) by
 * `go(a) {…}`: an overload signature of that implementation, which is the one Function —
 * calls run the implementation's body. A signature with no implementation after it (an
 * ambient `declare class`) stays a method.
 */
export function isOverloadSignature(node: Node): boolean {
  if (node.type !== 'method_signature' || node.parent?.type !== 'class_body') return false;
  const name = fieldText(node, 'name');
  for (let n = node.nextNamedSibling; n; n = n.nextNamedSibling) {
    if (n.type === 'comment' || n.type === 'decorator') continue;
    if (fieldText(n, 'name') !== name) return false;
    if (n.type === 'method_definition') return true;
    if (n.type !== 'method_signature') return false;
  }
  return false;
}

/**
 * The name an object literal goes by, for its methods' FQNs: the variable, property or export it
 * is assigned to. Its methods are members of it, never names a bare call can reach.
 */
export function objectOwner(obj: Node): string {
  const p = obj.parent;
  if (!p) return '{}';
  if (p.type === 'variable_declarator') return fieldText(p, 'name') ?? '{}';
  if (p.type === 'pair') return unquote(fieldText(p, 'key') ?? '{}');
  if (p.type === 'assignment_expression') return fieldText(p, 'left') ?? '{}';
  if (p.type === 'export_statement') return 'default';
  if (['as_expression', 'satisfies_expression', 'parenthesized_expression'].includes(p.type))
    return objectOwner(p);
  return '{}';
}
