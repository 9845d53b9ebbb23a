import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { childOfType, childrenOfType, field, fieldText, lineOf, unquote } from '../extract/helpers.js';

/**
 * `export … from` (re-exports, recorded as imports), `export { a as b }` of the module's own names
 * (FileIR.localExports; `as default` sets the default export) and `export default name`.
 */
export function onExport(node: Node, b: FileBuilder): void {
  const src = fieldText(node, 'source');
  const line = lineOf(node);
  const clause = childOfType(node, 'export_clause');
  if (src !== undefined) {
    const source = unquote(src);
    const ns = childOfType(node, 'namespace_export');
    if (clause)
      for (const s of childrenOfType(clause, 'export_specifier'))
        b.import({
          source,
          name: fieldText(s, 'name'),
          alias: fieldText(s, 'alias'),
          line,
          kind: 'reexport',
        });
    else b.import({ source, name: '*', alias: ns?.namedChildren[0]?.text, line, kind: 'reexport' });
    return;
  }
  if (clause) {
    // `export { a as b }` of local names: a re-export from this very module.
    for (const s of childrenOfType(clause, 'export_specifier')) {
      const name = fieldText(s, 'name');
      const alias = fieldText(s, 'alias');
      if (alias === 'default') b.ir.defaultExport = name;
      else if (name && node.parent?.type === 'program') {
        b.ir.localExports ??= [];
        b.ir.localExports.push([alias ?? name, name]);
      }
    }
  }
  const value = field(node, 'value');
  if (value?.type === 'identifier') b.ir.defaultExport = value.text;
}
