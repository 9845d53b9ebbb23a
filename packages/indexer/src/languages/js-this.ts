import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { argumentNodes, encodeScoped, field, fieldText, named } from '../extract/helpers.js';
import { typedByContext } from './js-object-context.js';

// Function nodes declared as Functions of their own, per file: their `this` is onFunction's concern.
const declaredNodes = new WeakMap<FileBuilder, Set<number>>();

/** `function` expressions: unlike an arrow function, each binds a `this` of its own. */
const PLAIN = new Set(['function_expression', 'function', 'generator_function']);
/** Where `this` is the enclosing declaration's (a method, a declared function, a class field). */
const THIS_OWNERS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'method_definition',
  'class_body',
]);

/** Remembers a function node that was declared as a Function (see onFunction). */
export function declareFunctionNode(b: FileBuilder, node: Node): void {
  let set = declaredNodes.get(b);
  if (!set) {
    set = new Set();
    declaredNodes.set(b, set);
  }
  set.add(node.id);
}

/**
 * A `function` expression that is no Function of its own (a callback, an IIFE, an object
 * literal's property): its calls belong to the enclosing function, but its `this` is whatever
 * calls it binds (`emitter.on('data', function () { this.destroy() })`). The lines of its
 * statements hold `this` as a local of unknown type in the enclosing function, so `this.m()` there
 * is not the enclosing method's object (a call on a line shared with code outside stays unlinked).
 */
export function onPlainFunctionValue(node: Node, b: FileBuilder): void {
  const fn = b.currentFunction;
  if (!fn || declaredNodes.get(b)?.has(node.id) || boundToOuterThis(node)) return;
  const statements = named(field(node, 'body') ?? node).filter((s) => s.type !== 'comment');
  const first = statements[0];
  const last = statements.at(-1);
  if (!first || !last) return;
  const was = Object.hasOwn(fn.locals, 'this') ? fn.locals.this : undefined;
  // A function whose own `this` is already its own throughout (a nested `function`, `this: T`).
  if (was !== undefined && !was.startsWith('@')) return;
  const entry = encodeScoped([
    { first: first.startPosition.row + 1, last: last.endPosition.row + 1, type: '' },
  ]);
  fn.locals.this = was ? `${was};${entry.slice(1)}` : entry;
}

/** Whether `this` at `node` is the own `this` of a `function` expression that is no Function of its own. */
export function ownThis(node: Node, b: FileBuilder): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (PLAIN.has(p.type) && !boundToOuterThis(p)) return !declaredNodes.get(b)?.has(p.id);
    if (THIS_OWNERS.has(p.type)) return false;
  }
  return false;
}

const BINDERS = new Set(['bind', 'call', 'apply']);

/** `function (cb) {…}.bind(this)` (or `.call(this, …)`): its `this` is the one around it. */
function boundToOuterThis(node: Node): boolean {
  let at = node;
  while (at.parent?.type === 'parenthesized_expression') at = at.parent;
  const member = at.parent;
  if (member?.type !== 'member_expression' || member.childForFieldName('object')?.id !== at.id) return false;
  const call = member.parent;
  if (!BINDERS.has(fieldText(member, 'property') ?? '') || call?.type !== 'call_expression') return false;
  const args = call.childForFieldName('arguments');
  return (
    call.childForFieldName('function')?.id === member.id && !!args && argumentNodes(args)[0]?.type === 'this'
  );
}

/** Whether an expression's text starts with `this` (`this`, `this.a.b`, `this.make`). */
export const startsWithThis = (text: string | undefined): boolean =>
  text !== undefined && /^this(?![\w$])/.test(text);

/** A method of an object literal typed by its context: its `this` is that type, not the literal. */
export function ownObjectThis(node: Node, b: FileBuilder): boolean {
  return (
    node.type === 'method_definition' &&
    node.parent?.type === 'object' &&
    typedByContext(node.parent, b.ir.lang === 'javascript')
  );
}
