import type { Node } from 'web-tree-sitter';
import { fieldText, lineOf, unquote } from '../extract/helpers.js';
import { objectOwner } from './js-members.js';

const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression']);

/**
 * The name an unnamed class expression goes by, so that its methods are members of a class (not
 * top-level functions a call by name reaches): the variable it initialises (`const A = class {…}`
 * binds A), else the expression it is assigned to (`internals.Builder = class {…}`), `default` for
 * `export default class {…}`, `owner.key` in an object literal, and `(class@line)` anywhere else
 * (`return class extends Base {…}`). Only the first binds a name a bare identifier can spell.
 */
export function classExpressionName(node: Node): string {
  let at = node;
  while (at.parent && WRAPPERS.has(at.parent.type)) at = at.parent;
  const p = at.parent;
  if (p?.type === 'variable_declarator' && p.childForFieldName('name')?.type === 'identifier')
    return fieldText(p, 'name')!;
  if (p?.type === 'assignment_expression' && p.childForFieldName('right')?.id === at.id) {
    const left = p.childForFieldName('left');
    if (left?.type === 'identifier' || left?.type === 'member_expression') return left.text;
  }
  if (p?.type === 'export_statement') return 'default';
  if (p?.type === 'pair' && p.parent?.type === 'object') {
    const key = fieldText(p, 'key');
    if (key) return `${objectOwner(p.parent)}.${unquote(key)}`;
  }
  return `(class@${lineOf(node)})`;
}
