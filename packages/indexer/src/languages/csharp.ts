import type { Node } from 'web-tree-sitter';
import { DOT_FQN } from '../extract/builder.js';
import { argumentCount, baseType, childOfType, field, fieldText, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';
import { type ClassDecl, tableLanguage } from './declarative.js';

function params(n: Node | undefined): ParamIR[] {
  return (n ? named(n) : []).flatMap((p) => {
    if (p.type !== 'parameter') return [];
    const t = baseType(fieldText(p, 'type'));
    const name = fieldText(p, 'name') ?? '?';
    return [t ? { name, type: t } : { name }];
  });
}

function attrs(n: Node): string[] {
  return named(n)
    .filter((c) => c.type === 'attribute_list')
    .flatMap((l) => named(l).map((a) => a.text));
}

function record(kind: ClassDecl['kind']) {
  return (n: Node): ClassDecl | undefined => {
    const name = fieldText(n, 'name');
    if (!name) return undefined;
    const list = childOfType(n, 'base_list');
    const bases = (list ? named(list) : [])
      .filter((x) => x.type !== 'argument_list')
      .map((x) => baseType(x.text) ?? x.text);
    // C# cannot tell a base class from an interface syntactically; the `I` prefix convention decides.
    const ifaces = bases.filter((x, i) => kind === 'interface' || i > 0 || /^I[A-Z]/.test(x));
    return {
      name,
      kind,
      bases: bases.filter((x) => !ifaces.includes(x)),
      implements: kind === 'interface' ? [] : ifaces,
      decorators: attrs(n),
      ...(kind === 'interface' ? { bases: ifaces } : {}),
    };
  };
}

function method(n: Node) {
  const ps = params(field(n, 'parameters'));
  const mods = named(n)
    .filter((c) => c.type === 'modifier')
    .map((c) => c.text);
  return {
    name: fieldText(n, 'name') ?? '?',
    params: ps,
    isStatic: mods.includes('static'),
    returnType: baseType(fieldText(n, 'returns') ?? fieldText(n, 'type')),
    decorators: attrs(n),
    signature: `(${ps.map((p) => p.type ?? '?').join(',')})`,
    ...(n.type === 'constructor_declaration' ? { kind: 'constructor' as const } : {}),
  };
}

/** C#: namespaces (block and file-scoped), classes/interfaces/structs/records/enums, overloads, `using`. */
export const csharp = tableLanguage({
  id: 'csharp',
  extensions: ['.cs'],
  grammars: [
    { pkg: 'tree-sitter-c-sharp', file: 'tree-sitter-c_sharp.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-c_sharp.wasm' },
  ],
  style: DOT_FQN,
  selfNames: ['this'],
  complexity: [
    'if_statement',
    'for_statement',
    'foreach_statement',
    'while_statement',
    'do_statement',
    'switch_section',
    'catch_clause',
    'conditional_expression',
  ],
  module: { file_scoped_namespace_declaration: (n) => fieldText(n, 'name') },
  namespace: {
    namespace_declaration: (n, b) => {
      const fqn = b.memberFqn(fieldText(n, 'name') ?? '?');
      // The first namespace is the file's package for same-namespace lookups.
      if (!b.ir.module) b.setModule(fqn);
      return fqn;
    },
  },
  classes: {
    class_declaration: record('class'),
    interface_declaration: record('interface'),
    struct_declaration: record('struct'),
    record_declaration: record('record'),
    enum_declaration: record('enum'),
  },
  functions: { method_declaration: method, constructor_declaration: method },
  calls: {
    invocation_expression: (n) => {
      const f = field(n, 'function');
      const argc = argumentCount(field(n, 'arguments'));
      if (f?.type === 'identifier' || f?.type === 'generic_name')
        return { name: f.text.replace(/<.*$/, ''), form: 'call', argc };
      if (f?.type === 'member_access_expression') {
        const name = fieldText(f, 'name') ?? '';
        const receiver = f.text.slice(0, f.text.length - name.length).replace(/\.$/, '');
        return {
          name: name.replace(/<.*$/, ''),
          receiver,
          form: receiver === 'base' ? 'super' : 'call',
          argc,
        };
      }
      return undefined;
    },
    object_creation_expression: (n) => {
      const t = baseType(fieldText(n, 'type'));
      return t ? { name: t, form: 'new', argc: argumentCount(field(n, 'arguments')) } : undefined;
    },
  },
  imports: {
    using_directive: (n) => {
      const name = named(n).find((c) => c.type === 'qualified_name' || c.type === 'identifier');
      const alias = named(n).find((c) => c.type === 'identifier' && c !== name && c.text !== name?.text);
      if (!name) return [];
      return alias ? [{ source: name.text, alias: alias.text }] : [{ source: name.text, name: '*' }];
    },
  },
  typed: {
    variable_declaration: (n) => {
      const t = baseType(fieldText(n, 'type'));
      return named(n)
        .filter((d) => d.type === 'variable_declarator')
        .map((d): [string, string | undefined] => {
          const v = named(d).find((x) => x.type === 'object_creation_expression');
          return [
            fieldText(d, 'name') ?? '',
            t && t !== 'var' ? t : v ? baseType(fieldText(v, 'type')) : undefined,
          ];
        });
    },
  },
});
