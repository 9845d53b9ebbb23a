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
  if (left?.text === 'module.exports' && value?.type === 'identifier' && !b.currentFunction) {
    // `module.exports = Plugin`: the module is that value (`*`, a key no property can spell).
    b.ir.cjsExports ??= {};
    b.ir.cjsExports['*'] = value.text;
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
  b.ir.cjsExports ??= {};
  const exports = b.ir.cjsExports;
  exports[name.text] = Object.hasOwn(exports, name.text) && exports[name.text] !== bound ? '' : bound;
}
