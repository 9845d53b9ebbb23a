import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
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
      : declared !== undefined && value && FUNCTION_VALUES.has(value.type)
        ? declared
        : undefined;
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
  const bound =
    declared !== undefined && FUNCTION_VALUES.has(value.type)
      ? declared
      : value.type === 'identifier' && !b.currentFunction
        ? value.text
        : '';
  exportAs(b, name.text, bound);
}

// Two assignments of one name that disagree export an unknown value ('').
function exportAs(b: FileBuilder, name: string, bound: string): void {
  b.ir.cjsExports ??= {};
  const exports = b.ir.cjsExports;
  exports[name] = Object.hasOwn(exports, name) && exports[name] !== bound ? '' : bound;
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
    if (m.type === 'shorthand_property_identifier') exportAs(b, m.text, m.text);
    else if (m.type === 'method_definition') {
      const key = m.childForFieldName('name');
      // A getter's value is what it returns, no call of the getter.
      const accessor = m.children.some((c) => c?.type === 'get' || c?.type === 'set');
      if (key?.type === 'property_identifier')
        exportAs(b, key.text, accessor ? '' : b.memberFqn(`module.exports.${key.text}`));
    } else if (m.type === 'pair') {
      const key = m.childForFieldName('key');
      const value = m.childForFieldName('value');
      if (key?.type === 'property_identifier')
        exportAs(b, key.text, value?.type === 'identifier' ? value.text : '');
    }
  }
}
