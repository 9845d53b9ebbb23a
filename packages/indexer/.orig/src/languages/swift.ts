import type { Node } from 'web-tree-sitter';
import { DOT_FQN } from '../extract/builder.js';
import { baseType, childOfType, childrenOfType, field, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';
import { type CallDecl, tableLanguage, textOf } from './declarative.js';

function params(n: Node): ParamIR[] {
  return childrenOfType(n, 'parameter').map((p) => {
    const names = p.childrenForFieldName('name').filter((c): c is Node => c !== null);
    const name = names.find((c) => c.type === 'simple_identifier')?.text ?? '?';
    const t = names.find((c) => c.type !== 'simple_identifier');
    const type = t ? baseType(t.text.replace(/[?!]$/, '')) : undefined;
    return type ? { name, type } : { name };
  });
}

function call(n: Node): CallDecl | undefined {
  const f = n.namedChildren[0];
  const argc = childOfType(n, 'call_suffix')?.namedChildren[0]?.namedChildCount;
  if (f?.type === 'simple_identifier') return { name: f.text, form: 'call', argc };
  if (f?.type === 'navigation_expression') {
    const name = field(field(f, 'suffix') ?? f, 'suffix')?.text;
    const t = field(f, 'target');
    if (!name || !t) return undefined;
    const receiver = t.type === 'self_expression' ? 'self' : t.type === 'super_expression' ? 'super' : t.text;
    return { name, receiver, form: receiver === 'super' ? 'super' : 'call', argc };
  }
  return undefined;
}

/** Swift: classes/structs/enums/protocols, extensions as members of their type, `init`. */
export const swift = tableLanguage({
  id: 'swift',
  extensions: ['.swift'],
  grammars: [{ pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-swift.wasm' }],
  style: DOT_FQN,
  selfNames: ['self'],
  constructorNames: ['init'],
  complexity: [
    'if_statement',
    'guard_statement',
    'for_statement',
    'while_statement',
    'repeat_while_statement',
    'switch_entry',
    'catch_block',
    'ternary_expression',
  ],
  classes: {
    class_declaration: (n, b) => {
      const name = fieldText0(n) ?? '?';
      const kw = n.children.find(
        (c) => c && ['class', 'struct', 'enum', 'extension', 'actor'].includes(c.type),
      )?.type;
      if (kw === 'extension') return { name, kind: 'class', extendsFqn: b.memberFqn(baseType(name) ?? name) };
      const supers = childrenOfType(n, 'inheritance_specifier').map((s) => baseType(s.text) ?? s.text);
      const kind = kw === 'struct' ? 'struct' : kw === 'enum' ? 'enum' : 'class';
      return {
        name,
        kind,
        bases: kind === 'class' ? supers.slice(0, 1) : [],
        implements: kind === 'class' ? supers.slice(1) : supers,
      };
    },
    protocol_declaration: (n) => ({ name: fieldText0(n) ?? '?', kind: 'interface' }),
  },
  functions: {
    function_declaration: (n) => ({
      name: field(n, 'name')?.text ?? '?',
      params: params(n),
      isStatic: /\b(static|class)\s+func\b/.test(n.text.slice(0, 80)),
    }),
    protocol_function_declaration: (n) => ({ name: field(n, 'name')?.text ?? '?', params: params(n) }),
    init_declaration: (n) => ({ name: 'init', kind: 'constructor', params: params(n) }),
  },
  calls: { call_expression: call },
  imports: {
    import_declaration: (n) => [{ source: textOf(n, 'identifier') ?? n.text.replace(/^import\s+/, '') }],
  },
  typed: {
    property_declaration: (n) => {
      const name = field(field(n, 'name') ?? n, 'bound_identifier')?.text;
      const ann = childOfType(n, 'type_annotation');
      const v = field(n, 'value');
      const ctor =
        v?.type === 'call_expression' && v.namedChildren[0]?.type === 'simple_identifier'
          ? `()${v.namedChildren[0].text}`
          : undefined;
      const t = ann ? baseType(named(ann)[0]?.text.replace(/[?!]$/, '')) : ctor;
      return name ? [[name, t]] : [];
    },
  },
});

function fieldText0(n: Node): string | undefined {
  return field(n, 'name')?.text;
}
