import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { baseType, field, fieldText, lineOf, named, unquote } from '../extract/helpers.js';
import { declareJsLocal } from './js-callback-locals.js';
import { blockOf, declareGlobal } from './js-globals.js';
import { onObjectLiteral } from './js-object-literals.js';
import { typeOf } from './js-params.js';
import { ownThis, startsWithThis } from './js-this.js';

const PATTERNS = new Set([
  'object_pattern',
  'array_pattern',
  'assignment_pattern',
  'object_assignment_pattern',
]);

/**
 * The names a binding pattern declares (`{ a, b: [c], ...d }` declares a, c and d): each hides a
 * function of its name from the calls in its scope.
 */
export function boundNames(pattern: Node | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return [pattern.text];
    case 'pair_pattern':
      return boundNames(field(pattern, 'value'));
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      return boundNames(field(pattern, 'left'));
    case 'required_parameter':
    case 'optional_parameter':
      return boundNames(field(pattern, 'pattern'));
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      return named(pattern).flatMap(boundNames);
    default:
      return [];
  }
}

/**
 * The names destructured parameters declare (`function f({ helper })`): parameters keep one entry
 * per position (arity decides overloads), so these are the function's untyped locals instead.
 */
export function destructuredParams(node: Node | undefined): string[] {
  if (!node) return [];
  return named(node).flatMap((p) => {
    const pat = p.type === 'required_parameter' || p.type === 'optional_parameter' ? field(p, 'pattern') : p;
    return pat && PATTERNS.has(pat.type) ? boundNames(pat) : [];
  });
}

/** A variable declaration: a `require`, or locals (typed by a `new` or a call when it is one name). */
export function onDeclarator(node: Node, b: FileBuilder): void {
  const name = field(node, 'name');
  const value = field(node, 'value');
  if (!name) return;
  onObjectLiteral(node, b);
  // `export const of = internal.some`: exported under its own name (FileIR.localExports).
  if (node.parent?.parent?.type === 'export_statement' && node.parent.parent.parent?.type === 'program') {
    b.ir.localExports ??= [];
    for (const n of boundNames(name)) b.ir.localExports.push([n, n]);
  }
  const required = value?.type === 'call_expression' && fieldText(value, 'function') === 'require';
  // `const f = require('./m').f`: the module's export f.
  const object = value?.type === 'member_expression' ? field(value, 'object') : undefined;
  if (
    object?.type === 'call_expression' &&
    fieldText(object, 'function') === 'require' &&
    name?.type === 'identifier'
  ) {
    const source = unquote(field(object, 'arguments')?.namedChildren[0]?.text ?? '');
    const prop = fieldText(value!, 'property');
    if (prop)
      b.import({
        source,
        name: prop,
        ...(prop === name.text ? {} : { alias: name.text }),
        line: lineOf(node),
        kind: 'import',
      });
    return;
  }
  // `var createError = errors.createError` at top level, errors being `require('./errors')` (or
  // `import * as errors`). Not with a declared type (`const some: <A>(a: A) => Option<A> =
  // option.some`): TypeScript binds such a call to the type's signature, not to the value's.
  const module =
    !b.currentFunction && object?.type === 'identifier' && !field(node, 'type')
      ? requiredAs(b, object.text)
      : undefined;
  const member = fieldText(value ?? node, 'property');
  if (module && member && name?.type === 'identifier') {
    b.import({
      ...module,
      name: member,
      ...(member === name.text ? {} : { alias: name.text }),
      line: lineOf(node),
    });
    return;
  }
  // `const { a, b: c } = utils` at top level, utils being `require('./utils')`: its members.
  const whole =
    !b.currentFunction && value?.type === 'identifier' && name.type === 'object_pattern'
      ? requiredAs(b, value.text)
      : undefined;
  if (whole) {
    importPattern(b, whole.source, name, lineOf(node));
    return;
  }
  if (!value || (!required && name.type !== 'identifier')) {
    // `let f;` (assigned later) or `const { f } = opts`: a variable named f hides a function f.
    // `let client: QueryClient` (assigned later) keeps its declared type.
    const declared = name.type === 'identifier' ? typeOf(field(node, 'type')) : undefined;
    const members = destructuredCall(name, value);
    for (const n of boundNames(name)) {
      declareJsLocal(b, n, declared ?? members.get(n));
      declareGlobal(b, n, declared, blockOf(node));
    }
    return;
  }
  if (required) {
    const source = unquote(field(value, 'arguments')?.namedChildren[0]?.text ?? '');
    const line = lineOf(node);
    if (name.type === 'identifier') b.import({ source, name: '*', alias: name.text, line, kind: 'import' });
    else if (name.type === 'object_pattern') importPattern(b, source, name, line);
    return;
  }
  if (name.type !== 'identifier') return;
  const declared = typeOf(field(node, 'type'));
  const t =
    declared ??
    (value.type === 'this' ? 'this' : undefined) ??
    // `new this(…)` in a static method: an instance of the class, no alias of `this`.
    (value.type === 'new_expression' && fieldText(value, 'constructor') === 'this'
      ? (b.currentFunction?.classFqn?.replace(/^[^:]*:/, '') ?? '')
      : undefined) ??
    (value.type === 'new_expression' ? baseType(fieldText(value, 'constructor')) : undefined) ??
    (value.type === 'call_expression' && !(startsWithThis(fieldText(value, 'function')) && ownThis(node, b))
      ? `()${fieldText(value, 'function') ?? ''}`
      : undefined);
  declareJsLocal(b, name.text, t);
  declareGlobal(b, name.text, t, blockOf(node));
}

/** `{ a, b: c } = require('./m')`: imports of the module's members a (as a) and b (as c). */
function importPattern(b: FileBuilder, source: string, pattern: Node, line: number): void {
  for (const p of named(pattern)) {
    if (p.type === 'shorthand_property_identifier_pattern')
      b.import({ source, name: p.text, line, kind: 'import' });
    else if (p.type === 'pair_pattern')
      b.import({ source, name: fieldText(p, 'key'), alias: fieldText(p, 'value'), line, kind: 'import' });
  }
}

/** The module a top-level `const x = require('…')` bound to `name`, if any. */
export function requiredAs(b: FileBuilder, name: string): { source: string; kind: 'import' } | undefined {
  const imp = b.ir.imports.find((i) => i.alias === name && i.name === '*' && i.fn === undefined);
  return imp && { source: imp.source, kind: 'import' };
}

/**
 * `const { once, off: stop } = unhandle()`: each name holds that member of what the call returns,
 * typed `(member)once|unhandle` (resolve/typed-member.ts reads it for a bare `once()`).
 */
function destructuredCall(pattern: Node, value: Node | undefined): Map<string, string> {
  const types = new Map<string, string>();
  const callee = value?.type === 'call_expression' ? fieldText(value, 'function') : undefined;
  if (pattern.type !== 'object_pattern' || !callee || !/^[\w$]+(?:\.[\w$]+)*$/.test(callee)) return types;
  for (const p of named(pattern)) {
    const key = p.type === 'pair_pattern' ? field(p, 'key') : undefined;
    const alias = p.type === 'pair_pattern' ? field(p, 'value') : undefined;
    if (p.type === 'shorthand_property_identifier_pattern') types.set(p.text, `(member)${p.text}|${callee}`);
    else if (key?.type === 'property_identifier' && alias?.type === 'identifier')
      types.set(alias.text, `(member)${key.text}|${callee}`);
  }
  return types;
}
