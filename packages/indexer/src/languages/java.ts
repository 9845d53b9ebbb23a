import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { DOT_FQN } from '../extract/builder.js';
import { childOfType, field, fieldText, lineOf, named, precedingDoc, unquote } from '../extract/helpers.js';
import { SKIP } from '../extract/walk.js';
import type { ParamIR } from '../ir.js';
import { useLocal } from './go-scopes.js';
import { callArgs } from './java-args.js';
import { declareJavaLocal, declareLambdaParameter, declarePattern, declareResource } from './java-locals.js';
import { declaredType, returnTypeName, typeName, variableType } from './java-types.js';
import type { LanguageSpec } from './types.js';

const SPRING = /^(Get|Post|Put|Delete|Patch|Request)Mapping$/;

/** A method's parameters, and its signature as before type arguments were kept (it names the method's id). */
function params(node: Node | undefined): { list: ParamIR[]; signature: string } {
  const raw: string[] = [];
  const list = (node ? named(node) : []).flatMap((p): ParamIR[] => {
    if (p.type !== 'formal_parameter' && p.type !== 'spread_parameter') return [];
    const name = fieldText(p, 'name') ?? p.namedChildren.at(-1)?.text ?? '?';
    const t = field(p, 'type') ?? p.namedChildren[0] ?? undefined;
    const erased = typeName(t) ?? t?.text;
    raw.push(erased ?? '?');
    const type = declaredType(t) ?? erased;
    const variadic = p.type === 'spread_parameter';
    return [type ? { name, type, ...(variadic ? { variadic } : {}) } : { name }];
  });
  return { list, signature: `(${raw.join(',')})` };
}

function annotations(node: Node): Node[] {
  const mods = childOfType(node, 'modifiers');
  return mods ? named(mods).filter((m) => m.type === 'annotation' || m.type === 'marker_annotation') : [];
}

function mappingOf(a: Node): { verb: string; path: string } | undefined {
  const m = SPRING.exec(fieldText(a, 'name') ?? '');
  if (!m) return undefined;
  const args = field(a, 'arguments');
  const str = args
    ? named(args).flatMap((x) =>
        x.type === 'string_literal'
          ? [x]
          : x.type === 'element_value_pair' && /^(value|path)$/.test(fieldText(x, 'key') ?? '')
            ? [field(x, 'value')!]
            : [],
      )
    : [];
  const method = /RequestMethod\.(\w+)/.exec(args?.text ?? '')?.[1];
  return {
    verb: m[1] === 'Request' ? (method ?? 'ANY') : m[1]!.toUpperCase(),
    path: str[0] ? unquote(str[0].text) : '',
  };
}

function onClass(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name');
  if (!name) return;
  const sup = field(node, 'superclass');
  const ifaces = field(node, 'interfaces') ?? childOfType(node, 'extends_interfaces');
  const list = ifaces ? (childOfType(ifaces, 'type_list') ?? ifaces) : undefined;
  const types = (n: Node | undefined) => (n ? named(n).map((t) => typeName(t) ?? t.text) : []);
  const kind =
    node.type === 'interface_declaration' || node.type === 'annotation_type_declaration'
      ? 'interface'
      : node.type === 'enum_declaration'
        ? 'enum'
        : node.type === 'record_declaration'
          ? 'record'
          : 'class';
  const isIface = kind === 'interface';
  const cls = b.pushClass(node, {
    name,
    kind,
    bases: isIface ? types(list) : types(sup),
    implements: isIface ? [] : types(list),
    decorators: annotations(node).map((a) => a.text.slice(1)),
    docstring: precedingDoc(node, ['block_comment', 'line_comment']),
  });
  for (const p of params(field(node, 'parameters')).list) if (p.type) cls.fields[p.name] = p.type;
}

function onMethod(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name') ?? '?';
  const { list: ps, signature } = params(field(node, 'parameters'));
  const mods = childOfType(node, 'modifiers')?.text ?? '';
  const annos = annotations(node);
  const fn = b.pushFunction(node, {
    name,
    kind:
      node.type === 'constructor_declaration' || node.type === 'compact_constructor_declaration'
        ? 'constructor'
        : undefined,
    params: ps,
    decorators: annos.map((a) => a.text.slice(1)),
    docstring: precedingDoc(node, ['block_comment', 'line_comment']),
    isStatic: /\bstatic\b/.test(mods),
    visibility: /\b(public|private|protected)\b/.exec(mods)?.[1],
    returnType: returnTypeName(field(node, 'type')),
    signature,
  });
  // a method of `new Base() { … }`, which inherits Base's members
  const made = node.parent?.parent;
  const base = made?.type === 'object_creation_expression' ? typeName(field(made, 'type')) : undefined;
  if (base && fn.parentFqn) fn.anonymousBase = base;
  for (const a of annos) {
    const m = mappingOf(a);
    if (!m) continue;
    const cls = b.ir.classes.find((c) => c.fqn === fn.classFqn);
    const prefix =
      cls?.decorators
        .map((d) => /^RequestMapping\(\s*(?:(?:value|path)\s*=\s*)?"([^"]*)"/.exec(d)?.[1])
        .find(Boolean) ?? '';
    b.route({
      method: m.verb,
      path: `${prefix}${m.path}` || '/',
      framework: 'spring',
      line: lineOf(a),
      handlerFqn: fn.fqn,
    });
  }
}

function enter(node: Node, b: FileBuilder): typeof SKIP | undefined {
  switch (node.type) {
    case 'package_declaration':
      b.setModule(named(node).find((n) => n.type === 'scoped_identifier' || n.type === 'identifier')?.text);
      return SKIP;
    case 'import_declaration': {
      const id = named(node).find((n) => n.type === 'scoped_identifier' || n.type === 'identifier');
      if (!id) return SKIP;
      const wildcard = named(node).some((n) => n.type === 'asterisk');
      // `import static a.b.C.m;` / `import static a.b.C.*;`: the class and the member (or `*`)
      if (node.children.some((n) => n?.type === 'static')) {
        const at = id.text.lastIndexOf('.');
        const [source, name] = wildcard ? [id.text, '*'] : [id.text.slice(0, at), id.text.slice(at + 1)];
        if (source) b.import({ source, name, line: lineOf(node), kind: 'static' });
        return SKIP;
      }
      b.import({ source: id.text, line: lineOf(node), kind: 'import', ...(wildcard ? { name: '*' } : {}) });
      return SKIP;
    }
    case 'class_declaration':
    case 'interface_declaration':
    case 'enum_declaration':
    case 'record_declaration':
    case 'annotation_type_declaration':
      onClass(node, b);
      return undefined;
    case 'method_declaration':
    case 'constructor_declaration':
    case 'compact_constructor_declaration':
      onMethod(node, b);
      return undefined;
    case 'field_declaration':
    case 'constant_declaration': {
      const cls = b.currentClass;
      for (const d of cls ? named(node) : []) {
        const t = d.type === 'variable_declarator' && variableType(field(node, 'type'), d);
        if (t) cls!.fields[fieldText(d, 'name') ?? ''] = t;
      }
      return undefined;
    }
    case 'catch_formal_parameter': {
      // `catch (IOException e)`: e is typed (a multi-catch `A | B e` names no one class).
      const types = named(childOfType(node, 'catch_type') ?? node).filter((n) => n.type !== 'identifier');
      const t = types.length === 1 ? typeName(types[0]) : undefined;
      const name = fieldText(node, 'name') ?? node.namedChildren.at(-1)?.text;
      if (t && name) declareJavaLocal(b, name, t, node);
      return undefined;
    }
    case 'resource':
      declareResource(b, node);
      return undefined;
    case 'instanceof_expression':
      declarePattern(b, node);
      return undefined;
    case 'local_variable_declaration': {
      for (const d of named(node)) {
        if (d.type !== 'variable_declarator') continue;
        let t = variableType(field(node, 'type'), d);
        const value = field(d, 'value');
        if (t === 'var' || !t)
          t = value?.type === 'object_creation_expression' ? declaredType(field(value, 'type')) : undefined;
        declareJavaLocal(b, fieldText(d, 'name') ?? '', t, node);
      }
      return undefined;
    }
    case 'method_invocation': {
      const obj = field(node, 'object');
      if (obj?.type === 'identifier') declareLambdaParameter(b, obj);
      if (obj?.type === 'identifier') useLocal(b, obj.text, node);
      b.call(node, {
        name: fieldText(node, 'name') ?? '',
        ...(obj ? { receiver: obj.text } : {}),
        form: obj?.type === 'super' ? 'super' : 'call',
        ...callArgs(node, b),
      });
      return undefined;
    }
    case 'object_creation_expression': {
      const t = typeName(field(node, 'type'));
      if (t) b.call(node, { name: t, form: 'new', ...callArgs(node, b) });
      return undefined;
    }
    case 'enum_constant': {
      // `B("b"),` constructs the enum, at its name's line (after any annotation): named as its
      // file spells it from the top (`Outer.Mode`)
      const cls = b.currentClass;
      const name = cls && (b.ir.module ? cls.fqn.slice(b.ir.module.length + 1) : cls.fqn);
      const args = field(node, 'arguments') ? callArgs(node, b) : { argc: 0 };
      if (cls?.kind === 'enum' && name) b.call(field(node, 'name') ?? node, { name, form: 'new', ...args });
      // a constant is a field of its enum's type (`Mode.FAST.label()`)
      const constant = fieldText(node, 'name');
      if (cls?.kind === 'enum' && constant) cls.fields[constant] = cls.name;
      return undefined;
    }
    case 'explicit_constructor_invocation': {
      const ctor = field(node, 'constructor')?.type;
      // `super(…)` runs a base constructor, `this(…)` another constructor of the same class.
      if (ctor === 'super')
        b.call(node, { name: '<init>', receiver: 'super', form: 'super', ...callArgs(node, b) });
      else if (ctor === 'this')
        b.call(node, { name: '<init>', receiver: 'self', form: 'new', ...callArgs(node, b) });
      return undefined;
    }
    case 'enhanced_for_statement': {
      // `for (Order o : orders)`: o is typed in the loop.
      const t = typeName(field(node, 'type'));
      const name = fieldText(node, 'name');
      if (name) declareJavaLocal(b, name, t === 'var' ? undefined : t, node);
      return undefined;
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.type;
      if (op === '&&' || op === '||') b.bump();
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Java: packages, imports, classes/interfaces/enums/records, overloads, Spring routes. */
export const java: LanguageSpec = {
  id: 'java',
  extensions: ['.java'],
  grammars: [
    { pkg: 'tree-sitter-java', file: 'tree-sitter-java.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-java.wasm' },
  ],
  style: DOT_FQN,
  complexity: new Set([
    'if_statement',
    'for_statement',
    'enhanced_for_statement',
    'while_statement',
    'do_statement',
    'switch_label',
    'catch_clause',
    'ternary_expression',
  ]),
  selfNames: ['this'],
  enter,
  nodeTypes: new Set([
    'annotation_type_declaration',
    'binary_expression',
    'catch_formal_parameter',
    'class_declaration',
    'compact_constructor_declaration',
    'constant_declaration',
    'constructor_declaration',
    'enum_constant',
    'enum_declaration',
    'explicit_constructor_invocation',
    'field_declaration',
    'import_declaration',
    'instanceof_expression',
    'interface_declaration',
    'local_variable_declaration',
    'method_declaration',
    'method_invocation',
    'object_creation_expression',
    'package_declaration',
    'record_declaration',
    'resource',
  ]),
};
