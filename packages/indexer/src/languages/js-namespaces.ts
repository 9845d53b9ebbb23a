import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { precedingDoc } from '../extract/helpers.js';

/**
 * TypeScript `namespace util { export function f() {} }` (or `module util {…}`): an object whose
 * members are called as `util.f()`, declared as a class of kind `module` (as a Ruby module is).
 * Dotted (`namespace a.b`) and quoted (`declare module 'x'`) names open none.
 */
export function onNamespace(node: Node, b: FileBuilder): void {
  const name = node.childForFieldName('name');
  if (name?.type !== 'identifier' || !node.childForFieldName('body')) return;
  const target = node.parent?.type === 'export_statement' ? node.parent : node;
  b.pushClass(node, { name: name.text, kind: 'module', docstring: precedingDoc(target) });
}
