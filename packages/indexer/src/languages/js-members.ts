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
 * A method, signature or object literal method that declares a Function (with the object's name
 * as its owner); undefined for what declares none.
 */
export function declaredMethod(node: Node, b: FileBuilder): { owner?: string } | undefined {
  if (isOverloadSignature(node)) return undefined;
  // A signature declares a member of the class or interface around it; outside one, or with
  // a syntax error inside, it is what the grammar made of broken code (a call read as a
  // member of a type), never a function.
  if (node.type !== 'method_definition' && (!b.currentClass || node.hasError)) return undefined;
  // A signature of a type literal (`bucket?: () => { getSchemas(): T }`) belongs to no class.
  if (node.parent?.type === 'object_type' && node.parent.parent?.type !== 'interface_declaration')
    return undefined;
  const obj = node.parent?.type === 'object' ? node.parent : undefined;
  return { owner: obj ? objectOwner(obj, b.ir.lang === 'javascript') : undefined };
}

/** The local that names `{return}.x` in a function whose returned literal has the shorthand member `x`. */
export const RETURNED = '{return}.';

/**
 * `return { buildQuerySelector, … }`: the returned object's member is what the name means in
 * the function (resolve/typed-member.ts resolves it there), kept as a local `{return}.name`.
 */
export function onReturnedName(node: Node, b: FileBuilder): void {
  const fn = b.currentFunction;
  if (
    fn &&
    node.parent?.type === 'object' &&
    objectOwner(node.parent, b.ir.lang === 'javascript') === '{return}'
  )
    fn.locals[RETURNED + node.text] = '';
}

/**
 * The name an object literal goes by, for its methods' FQNs: the variable, property or export it
 * is assigned to. Its methods are members of it, never names a bare call can reach.
 */
export function objectOwner(obj: Node, js = false): string {
  const p = obj.parent;
  if (!p) return '{}';
  if (p.type === 'variable_declarator') return fieldText(p, 'name') ?? '{}';
  if (p.type === 'pair') return unquote(fieldText(p, 'key') ?? '{}');
  if (p.type === 'assignment_expression') return fieldText(p, 'left') ?? '{}';
  if (p.type === 'export_statement') return 'default';
  // `return {…}`, `() => ({…})`: what the function returns (resolve/typed-member.ts reads it).
  if (
    p.type === 'return_statement' ||
    (p.type === 'arrow_function' && p.childForFieldName('body')?.id === obj.id)
  )
    return declaredReturn(p, js) ? '{}' : '{return}'; // `open(): { read(): void }`: the checker reads the type
  if (['as_expression', 'satisfies_expression', 'parenthesized_expression'].includes(p.type))
    return objectOwner(p, js);
  return '{}';
}

/** Function nodes (a returned literal's context passes through them; their own context decides). */
export const FUNCTION_NODES = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
  'function_declaration',
  'generator_function_declaration',
  'method_definition',
]);

const HOLDERS = new Set([
  'variable_declarator',
  'lexical_declaration',
  'variable_declaration',
  'export_statement',
  'assignment_expression',
  'expression_statement',
  'pair',
]);

/**
 * Whether the function around `node` declares its return type: in TypeScript, or in JavaScript
 * by JSDoc (`@returns {Rerunner}`, `@type`) above it or the declaration holding it.
 */
export function declaredReturn(node: Node, js: boolean): boolean {
  let n: Node | null = node;
  while (n && !FUNCTION_NODES.has(n.type)) n = n.parent;
  if (!n) return false;
  if (n.childForFieldName('return_type')) return true;
  if (!js) return false;
  while (n.parent && HOLDERS.has(n.parent.type)) n = n.parent;
  const doc = n.previousNamedSibling;
  return doc?.type === 'comment' && /@(?:returns?|type)\b/.test(doc.text);
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
