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

// A generic call signature on a line of its own, after a member whose line ends without `;`
// (`<T>(value?: T): Box<T | undefined>` below `<T>(value: T): Box<T>` in an interface).
const GENERIC_CALL_SIGNATURE =
  /([\w$>\])?])([ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*)[ \t](?=<[A-Za-z_$][^\n]*?>[ \t]*\()/g;

/**
 * tree-sitter-typescript reads the `<` of such a signature as continuing the member above and
 * loses the rest of the file (every function after it, and calls read as members of a type). A
 * `;` in place of the last indentation character separates the members as TypeScript does, and
 * keeps every position. Not for TSX, where a line may start with an element (`<b>(note)</b>`).
 */
export function separateCallSignatures(source: string): string {
  return source.includes('>(') ? source.replace(GENERIC_CALL_SIGNATURE, '$1$2;') : source;
}
