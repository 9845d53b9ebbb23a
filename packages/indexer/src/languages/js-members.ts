import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
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

/** Values that are functions, declared under the name they are assigned to. */
export const FUNCTION_VALUES = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
]);

/**
 * `X.prototype.m = function (…) {…}`, `exports.f = …`, `obj.m = () => …`: a function named after
 * the property and a member of the object on the left (no name a bare call reaches). Declared as
 * one, its parameters and locals hide functions of their names, and what it declares is its own
 * (not its enclosing function's, where two such bodies' `const next = …` would collide).
 */
export function assignedMember(node: Node): { value: Node; name: string; owner: string } | undefined {
  const left = node.childForFieldName('left');
  const value = node.childForFieldName('right');
  if (left?.type !== 'member_expression' || !value || !FUNCTION_VALUES.has(value.type)) return undefined;
  const name = left.childForFieldName('property');
  const owner = left.childForFieldName('object');
  return name?.type === 'property_identifier' && owner
    ? { value, name: name.text, owner: owner.text }
    : undefined;
}

/**
 * `Runner.prototype.globalProps = function` where `class Runner` is declared in the file: a method
 * of the class (the checker adds it to the class's instances); otherwise the owner as written.
 */
export function prototypeOwner(b: FileBuilder, owner: string): string {
  const cls = owner.endsWith('.prototype') ? owner.slice(0, -'.prototype'.length) : undefined;
  const fqn = cls && !b.currentFunction ? b.memberFqn(cls) : undefined;
  return cls && b.ir.classes.some((c) => c.fqn === fqn && c.kind === 'class') ? cls : owner;
}
