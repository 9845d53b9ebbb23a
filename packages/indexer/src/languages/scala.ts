import type { Node } from 'web-tree-sitter';
import { DOT_FQN } from '../extract/builder.js';
import { argumentCount, baseType, field, fieldText, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';
import { type ImportDecl, tableLanguage } from './declarative.js';

function params(n: Node | undefined): ParamIR[] {
  return (n ? named(n) : []).flatMap((p) => {
    if (p.type !== 'parameter' && p.type !== 'class_parameter') return [];
    const name = fieldText(p, 'name') ?? '?';
    const type = baseType(fieldText(p, 'type'));
    return [type ? { name, type } : { name }];
  });
}

function cls(kind: 'class' | 'trait') {
  return (n: Node) => {
    const ext = field(n, 'extend');
    const supers = ext
      ? ext.childrenForFieldName('type').flatMap((t) => (t?.isNamed ? [baseType(t.text) ?? t.text] : []))
      : [];
    const fields: Record<string, string> = {};
    for (const p of params(field(n, 'class_parameters'))) if (p.type) fields[p.name] = p.type;
    return {
      name: fieldText(n, 'name') ?? '?',
      kind: kind === 'trait' ? ('trait' as const) : ('class' as const),
      bases: supers.slice(0, 1),
      implements: supers.slice(1),
      fields,
    };
  };
}

/** Scala: packages, imports with renames, classes/objects/traits, `new`. */
export const scala = tableLanguage({
  id: 'scala',
  extensions: ['.scala', '.sc'],
  grammars: [
    { pkg: 'tree-sitter-scala', file: 'tree-sitter-scala.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-scala.wasm' },
  ],
  style: DOT_FQN,
  selfNames: ['this'],
  complexity: ['if_expression', 'for_expression', 'while_expression', 'case_clause', 'catch_clause'],
  module: { package_clause: (n) => fieldText(n, 'name') },
  classes: {
    class_definition: cls('class'),
    object_definition: cls('class'),
    trait_definition: cls('trait'),
  },
  functions: {
    function_definition: (n) => ({
      name: fieldText(n, 'name') ?? '?',
      params: params(field(n, 'parameters')),
      returnType: baseType(fieldText(n, 'return_type')),
    }),
    function_declaration: (n) => ({
      name: fieldText(n, 'name') ?? '?',
      params: params(field(n, 'parameters')),
    }),
  },
  calls: {
    call_expression: (n) => {
      const f = field(n, 'function');
      const argc = argumentCount(field(n, 'arguments'));
      if (f?.type === 'identifier') return { name: f.text, form: 'call', argc };
      if (f?.type === 'field_expression') {
        const recv = fieldText(f, 'value');
        return {
          name: fieldText(f, 'field') ?? '',
          receiver: recv,
          form: recv === 'super' ? 'super' : 'call',
          argc,
        };
      }
      return undefined;
    },
    instance_expression: (n) => {
      const t = baseType(
        named(n).find((c) => c.type.endsWith('type_identifier') || c.type === 'generic_type')?.text,
      );
      return t ? { name: t, form: 'new' } : undefined;
    },
  },
  imports: {
    import_declaration: (n) => {
      const path = n
        .childrenForFieldName('path')
        .flatMap((p) => (p?.isNamed ? [p.text] : []))
        .join('.');
      const sel = named(n).find((c) => c.type === 'namespace_selectors');
      if (!sel) {
        if (named(n).some((c) => c.type === 'namespace_wildcard')) return [{ source: path, name: '*' }];
        const i = path.lastIndexOf('.');
        return [{ source: path.slice(0, Math.max(0, i)), name: path.slice(i + 1) }];
      }
      return named(sel).flatMap((s): ImportDecl[] => {
        if (s.type === 'identifier') return [{ source: path, name: s.text }];
        if (s.type === 'arrow_renamed_identifier')
          return [{ source: path, name: fieldText(s, 'name') ?? '', alias: fieldText(s, 'alias') ?? '' }];
        return s.type === 'namespace_wildcard' ? [{ source: path, name: '*' }] : [];
      });
    },
  },
  typed: {
    val_definition: (n) => {
      const v = field(n, 'value');
      const t =
        baseType(fieldText(n, 'type')) ??
        (v?.type === 'instance_expression' ? baseType(named(v)[0]?.text) : undefined);
      return [[fieldText(n, 'pattern') ?? '', t]];
    },
  },
});
