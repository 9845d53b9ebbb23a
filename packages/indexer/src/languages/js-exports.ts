import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, fieldText, lineOf, unquote } from '../extract/helpers.js';
import { requiredAs } from './js-bindings.js';
import { FUNCTION_VALUES } from './js-members.js';

/**
 * `exports.f = value` or `module.exports.f = value`: what a `require` of this file gets as `f`
 * (see FileIR.cjsExports). `declared` is the FQN of the function the assignment declares, if any.
 * Two assignments of one name that disagree export an unknown value.
 */
export function onExportAssignment(node: Node, b: FileBuilder, declared: string | undefined): void {
  const left = node.childForFieldName('left');
  const value = node.childForFieldName('right');
  const whole =
    value?.type === 'identifier'
      ? value.text
      : left?.text === 'module.exports' && value?.type === 'assignment_expression' && !b.currentFunction
        ? chainedClass(value, b)
        : declared !== undefined && value && FUNCTION_VALUES.has(value.type)
          ? declared
          : undefined;
  if (value && reexported(node, b, left, value)) return;
  if (left?.text === 'module.exports' && whole !== undefined && !b.currentFunction) {
    // `module.exports = Plugin` (or `= function cast() {…}`, by its FQN): the module is that value
    // (`*`, a key no property can spell).
    // Two that disagree (`if (…) module.exports = A; else module.exports = B`): not known.
    b.ir.cjsExports ??= {};
    const exports = b.ir.cjsExports;
    exports['*'] = Object.hasOwn(exports, '*') && exports['*'] !== whole ? '' : whole;
    return;
  }
  if (left?.text === 'module.exports' && value?.type === 'object' && !b.currentFunction) {
    onExportedObject(value, b);
    return;
  }
  if (left?.type !== 'member_expression' || !value) return;
  const owner = left.childForFieldName('object')?.text;
  const name = left.childForFieldName('property');
  if ((owner !== 'exports' && owner !== 'module.exports') || name?.type !== 'property_identifier') return;
  if (isVoid(value)) {
    // `exports.f = void 0` (or `exports.f = exports.g = void 0`), how TypeScript and Babel declare
    // an export before the assignment that gives its value: unknown until that one comes.
    if (!Object.hasOwn(b.ir.cjsExports ?? {}, name.text)) exportAs(b, name.text, '');
    declaredOnly(b).add(name.text);
    return;
  }
  const bound =
    declared !== undefined && FUNCTION_VALUES.has(value.type)
      ? declared
      : value.type === 'identifier' && !b.currentFunction
        ? value.text
        : '';
  exportAs(b, name.text, bound);
}

// `exports = module.exports = internals.Ext = class {…}`: the class's FQN (named as in js-class-expressions.ts).
function chainedClass(value: Node, b: FileBuilder): string | undefined {
  let target: Node | null = null;
  let v: Node | null = value;
  while (v?.type === 'assignment_expression') {
    target = v.childForFieldName('left');
    v = v.childForFieldName('right');
  }
  const named = target?.type === 'identifier' || target?.type === 'member_expression';
  return v?.type === 'class' && named ? b.memberFqn(target!.text) : undefined;
}

// Two assignments of one name that disagree export an unknown value (''); one after `= void 0` is the value.
function exportAs(b: FileBuilder, name: string, bound: string): void {
  b.ir.cjsExports ??= {};
  const exports = b.ir.cjsExports;
  const first = !Object.hasOwn(exports, name) || declaredOnly(b).delete(name);
  exports[name] = !first && exports[name] !== bound ? '' : bound;
}

// Per file, the names only `exports.f = void 0` has assigned so far.
const voided = new WeakMap<FileBuilder, Set<string>>();
function declaredOnly(b: FileBuilder): Set<string> {
  const names = voided.get(b) ?? new Set<string>();
  voided.set(b, names);
  return names;
}

// `void 0`, or an assignment chain ending in it (`exports.g = void 0`).
function isVoid(value: Node): boolean {
  if (value.type === 'assignment_expression') {
    const right = value.childForFieldName('right');
    return right !== null && isVoid(right);
  }
  return value.type === 'unary_expression' && value.text.replace(/\s+/g, ' ') === 'void 0';
}

// A name `module.exports = {…}` lists as a member (see FileIR.cjsObjectNames).
function listed(b: FileBuilder, name: string): void {
  b.ir.cjsObjectNames ??= [];
  b.ir.cjsObjectNames.push(name);
}

/**
 * `module.exports = { a, b: c, d() {…}, e: wrap(e), get f() {…} }`: exports a, b (the file's c), d
 * (the method), e and f (unknown values: no call of the file's e, nor of the getter). A spread
 * (`...base`) exports names not listed.
 */
function onExportedObject(obj: Node, b: FileBuilder): void {
  const members = obj.namedChildren.filter((m) => m !== null);
  if (members.some((m) => m.type === 'spread_element')) return;
  for (const m of members) {
    if (m.type === 'shorthand_property_identifier') {
      exportAs(b, m.text, m.text);
      listed(b, m.text);
    } else if (m.type === 'method_definition') {
      const key = m.childForFieldName('name');
      // A getter's value is what it returns, no call of the getter.
      const accessor = m.children.some((c) => c?.type === 'get' || c?.type === 'set');
      if (key?.type === 'property_identifier')
        exportAs(b, key.text, accessor ? '' : b.memberFqn(`module.exports.${key.text}`));
    } else if (m.type === 'pair') {
      const key = m.childForFieldName('key');
      const value = m.childForFieldName('value');
      if (key?.type !== 'property_identifier') continue;
      exportAs(b, key.text, value?.type === 'identifier' ? value.text : '');
      if (value?.type === 'identifier') listed(b, key.text);
    }
  }
}

/** What `exports.f = require(…).g` records in FileIR.cjsExports: f is found through the file's imports. */
export const REQUIRED = '<require>';

/**
 * `module.exports = require('./m')`, `exports.f = require('./m').g` or `exports.ns = require('./m')`:
 * re-exports of the required module (all of it, its g as f, itself as ns), recorded as the
 * imports `export * from`, `export { g as f } from` and `export * as ns from` would be.
 */
function reexported(node: Node, b: FileBuilder, left: Node | null, value: Node): boolean {
  const call = value.type === 'member_expression' ? field(value, 'object') : value;
  // `exports.f = m.g`, m being a top-level `const m = require('./m')`.
  const held = call?.type === 'identifier' && !b.currentFunction ? requiredAs(b, call.text) : undefined;
  const source = held?.source ?? requiredSource(call);
  const member = value.type === 'member_expression' ? field(value, 'property') : undefined;
  if (source === undefined || (member && member.type !== 'property_identifier')) return false;
  const line = lineOf(node);
  if (left?.text === 'module.exports') {
    if (member || b.currentFunction) return false;
    wholeReexport(b, source, held ? call!.text : undefined, line);
    // `module.exports = m` is also what a call or `new` of the module runs (cjsExports `*`).
    return !held;
  }
  const owner = left?.type === 'member_expression' ? fieldText(left, 'object') : undefined;
  const name = left && field(left, 'property');
  if ((owner !== 'exports' && owner !== 'module.exports') || name?.type !== 'property_identifier')
    return false;
  const imported = member?.text ?? '*';
  const alias = imported === name.text ? {} : { alias: name.text };
  b.import({ source, name: imported, ...alias, line, kind: 'reexport' }, true);
  exportAs(b, name.text, REQUIRED);
  return true;
}

/**
 * `module.exports = require('./m')` (or `= m`, m held by `name`): all of m. Where the module is
 * assigned two values that disagree (`if (…) module.exports = require('./a'); else …`), which one
 * it is is not known: the requires stay plain imports, re-exporting nothing.
 */
function wholeReexport(b: FileBuilder, source: string, name: string | undefined, line: number): void {
  const wholes = b.ir.imports.filter((i) => i.kind === 'reexport' && i.name === '*' && !i.alias);
  b.ir.cjsExports ??= {};
  const exports = b.ir.cjsExports;
  const was = Object.hasOwn(exports, '*') ? exports['*'] : undefined;
  const rival = wholes.some((i) => i.source !== source) || (was !== undefined && was !== name);
  if (rival) {
    for (const i of wholes) i.kind = 'import';
    exports['*'] = '';
  }
  b.import({ source, name: '*', line, kind: rival ? 'import' : 'reexport' }, true);
}

/** `require('./m')`: './m'; undefined for any other node. */
function requiredSource(node: Node | undefined): string | undefined {
  if (node?.type !== 'call_expression' || fieldText(node, 'function') !== 'require') return undefined;
  const arg = field(node, 'arguments')?.namedChildren[0];
  return arg?.type === 'string' ? unquote(arg.text) : undefined;
}
