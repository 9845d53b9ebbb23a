import type { Node } from 'web-tree-sitter';
import { DOT_FQN } from '../extract/builder.js';
import { argumentCount, baseType, childOfType, childrenOfType, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';
import { type CallDecl, tableLanguage, textOf } from './declarative.js';

function typeText(n: Node | undefined): string | undefined {
  const t =
    n &&
    (n.type === 'user_type' || n.type === 'nullable_type' ? n : childOfType(n, 'user_type', 'nullable_type'));
  return t ? baseType(t.text.replace(/\?$/, '')) : undefined;
}

function params(n: Node | undefined): ParamIR[] {
  return (n ? named(n) : []).flatMap((p) => {
    if (p.type !== 'parameter' && p.type !== 'class_parameter') return [];
    const name = textOf(p, 'simple_identifier') ?? '?';
    const type = typeText(p);
    return [type ? { name, type } : { name }];
  });
}

function call(n: Node): CallDecl | undefined {
  const f = n.namedChildren[0];
  const argc = argumentCount(childOfType(n, 'call_suffix')?.namedChildren[0]);
  if (f?.type === 'simple_identifier') return { name: f.text, form: 'call', argc };
  if (f?.type === 'navigation_expression') {
    const suffix = childOfType(f, 'navigation_suffix');
    const name = suffix ? textOf(suffix, 'simple_identifier') : undefined;
    const recv = f.namedChildren[0];
    if (!name || !recv) return undefined;
    return {
      name,
      receiver:
        recv.type === 'this_expression' ? 'this' : recv.type === 'super_expression' ? 'super' : recv.text,
      form: recv.type === 'super_expression' ? 'super' : 'call',
      argc,
    };
  }
  return undefined;
}

/** Kotlin: packages, imports with aliases, classes/interfaces/objects, primary-constructor properties. */
export const kotlin = tableLanguage({
  id: 'kotlin',
  extensions: ['.kt', '.kts'],
  grammars: [{ pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-kotlin.wasm' }],
  style: DOT_FQN,
  selfNames: ['this'],
  complexity: [
    'if_expression',
    'for_statement',
    'while_statement',
    'do_while_statement',
    'when_entry',
    'catch_block',
    'conjunction',
    'disjunction',
  ],
  commentTypes: ['comment', 'multiline_comment', 'line_comment'],
  module: { package_header: (n) => textOf(n, 'identifier') },
  classes: {
    class_declaration: (n) => {
      const supers = childrenOfType(n, 'delegation_specifier').map(
        (d) => typeText(childOfType(d, 'constructor_invocation') ?? d) ?? d.text,
      );
      const isIface = n.children.some((c) => c?.type === 'interface');
      const fields: Record<string, string> = {};
      for (const p of params(childOfType(n, 'primary_constructor'))) if (p.type) fields[p.name] = p.type;
      const ctorCall = childrenOfType(n, 'delegation_specifier').some((d) =>
        childOfType(d, 'constructor_invocation'),
      );
      return {
        name: textOf(n, 'type_identifier') ?? '?',
        kind: isIface ? 'interface' : n.children.some((c) => c?.type === 'enum') ? 'enum' : 'class',
        bases: isIface ? supers : ctorCall ? supers.slice(0, 1) : [],
        implements: isIface ? [] : ctorCall ? supers.slice(1) : supers,
        fields,
      };
    },
    object_declaration: (n) => ({ name: textOf(n, 'type_identifier') ?? '?', kind: 'class' }),
  },
  functions: {
    function_declaration: (n) => {
      const ps = params(childOfType(n, 'function_value_parameters'));
      return {
        name: textOf(n, 'simple_identifier') ?? '?',
        params: ps,
        returnType: typeText(n),
        signature: `(${ps.map((p) => p.type ?? '?').join(',')})`,
      };
    },
    secondary_constructor: (n) => ({
      name: 'constructor',
      kind: 'constructor',
      params: params(childOfType(n, 'function_value_parameters')),
    }),
  },
  calls: { call_expression: call },
  imports: {
    import_header: (n) => {
      const id = textOf(n, 'identifier');
      if (!id) return [];
      const alias = childOfType(n, 'import_alias')?.namedChildren[0]?.text;
      if (n.text.trimEnd().endsWith('*')) return [{ source: id, name: '*' }];
      const i = id.lastIndexOf('.');
      return [{ source: id.slice(0, Math.max(0, i)), name: id.slice(i + 1), ...(alias ? { alias } : {}) }];
    },
  },
  typed: {
    property_declaration: (n) => {
      const v = childOfType(n, 'variable_declaration');
      const name = v ? textOf(v, 'simple_identifier') : undefined;
      const init = childOfType(n, 'call_expression');
      const ctor =
        init?.namedChildren[0]?.type === 'simple_identifier' ? `()${init.namedChildren[0].text}` : undefined;
      return name ? [[name, typeText(v ?? undefined) ?? ctor]] : [];
    },
  },
});
