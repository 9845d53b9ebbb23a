import type { Node } from 'web-tree-sitter';
import type { FileBuilder, FqnStyle } from '../extract/builder.js';
import {
  baseType,
  childOfType,
  childrenOfType,
  field,
  fieldText,
  lineOf,
  named,
  precedingDoc,
  unquote,
} from '../extract/helpers.js';
import { SKIP } from '../extract/walk.js';
import type { ParamIR } from '../ir.js';
import { docTypes, narrowInstanceof, onForeach, onPhpAssign, phpExpr } from './php-types.js';
import type { LanguageSpec } from './types.js';

/** `App\Http\Controllers\OrderController::store`. */
const PHP_FQN: FqnStyle = {
  join: (c, n, kind) =>
    !c ? n : kind === 'module' ? `${c}\\${n}` : kind === 'class' ? `${c}::${n}` : `${c}.${n}`,
};

const HTTP = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'any', 'match']);

function typeOf(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'optional_type') return typeOf(n.namedChildren[0] ?? undefined);
  return n.type === 'named_type' ? baseType(n.text) : undefined;
}

function varName(n: Node | undefined): string | undefined {
  return n?.text.replace(/^\$/, '');
}

/** Parameters, typed as declared or else as the doc comment's `@param` says. */
function params(node: Node | undefined, documented: Readonly<Record<string, string>> = {}): ParamIR[] {
  return (node ? named(node) : []).flatMap((p) => {
    if (!p.type.endsWith('_parameter')) return [];
    const name = varName(field(p, 'name')) ?? '?';
    const type = typeOf(field(p, 'type')) ?? documented[name];
    return [type ? { name, type } : { name }];
  });
}

function attributes(node: Node): string[] {
  const list = field(node, 'attributes') ?? childOfType(node, 'attribute_list');
  return list
    ? childrenOfType(list, 'attribute_group').flatMap((g) =>
        childrenOfType(g, 'attribute').map((a) => a.text),
      )
    : [];
}

function onClass(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name');
  if (!name) return;
  const base = childOfType(node, 'base_clause');
  const ifaces = childOfType(node, 'class_interface_clause');
  const kind =
    node.type === 'interface_declaration'
      ? 'interface'
      : node.type === 'trait_declaration'
        ? 'trait'
        : node.type === 'enum_declaration'
          ? 'enum'
          : 'class';
  b.pushClass(node, {
    name,
    kind,
    bases: base ? named(base).map((n) => n.text) : [],
    implements: ifaces ? named(ifaces).map((n) => n.text) : [],
    decorators: attributes(node),
    docstring: precedingDoc(node),
  });
}

function onMethod(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name') ?? '?';
  const cls = b.currentClass;
  const mods = named(node).map((c) => c.type);
  const decorators = attributes(node);
  const docstring = precedingDoc(node);
  const doc = docTypes(docstring);
  // `self $other` is a value of the class declaring the method.
  const own = (p: ParamIR) =>
    cls && (p.type === 'self' || p.type === 'static') ? { ...p, type: `\\${cls.fqn}` } : p;
  const fn = b.pushFunction(node, {
    name,
    kind: cls ? (name === '__construct' ? 'constructor' : 'method') : undefined,
    params: params(field(node, 'parameters'), doc.params).map(own),
    decorators,
    docstring,
    isStatic: mods.includes('static_modifier'),
    visibility: childOfType(node, 'visibility_modifier')?.text,
    returnType: typeOf(field(node, 'return_type')) ?? doc.returns,
  });
  if (cls && name === '__construct') {
    for (const p of childrenOfType(field(node, 'parameters') ?? node, 'property_promotion_parameter')) {
      const t = typeOf(field(p, 'type'));
      const n = varName(field(p, 'name'));
      if (t && n) cls.fields[n] = t;
    }
  }
  // Symfony: #[Route('/path', methods: ['GET'])] on a controller method.
  for (const a of decorators) {
    const m = /^Route\(\s*(?:path:\s*)?['"]([^'"]+)['"](?:[\s\S]*?methods:\s*\[([^\]]*)\])?/.exec(a);
    if (!m) continue;
    const methods = m[2]
      ? m[2]
          .split(',')
          .map((x) => unquote(x.trim()).toUpperCase())
          .filter(Boolean)
      : ['ANY'];
    for (const method of methods)
      b.route({ method, path: m[1]!, framework: 'symfony', line: lineOf(node), handlerFqn: fn.fqn });
  }
}

/** Innermost PHP namespace around a node (block form `namespace X { }`, else the file's `namespace X;`). */
function namespaceOf(node: Node, b: FileBuilder): string | undefined {
  for (let p = node.parent; p; p = p.parent)
    if (p.type === 'namespace_definition' && field(p, 'body')) return fieldText(p, 'name') || undefined;
  return b.ir.module;
}

/**
 * A closure or arrow function: PHP names it `{closure}` inside its namespace
 * (`Ns\{closure}`, as `ReflectionFunction::getName()` and Xdebug report it), so
 * several closures of a file share the FQN and differ by position; the calls
 * in its body are its own (the runtime sees enclosing method → closure → callee).
 */
function onClosure(node: Node, b: FileBuilder): void {
  const ns = namespaceOf(node, b);
  b.pushFunction(node, {
    name: '{closure}',
    fqn: ns ? `${ns}\\{closure}` : '{closure}',
    kind: 'closure',
    params: params(field(node, 'parameters')),
    isStatic: named(node).some((c) => c.type === 'static_modifier'),
    returnType: typeOf(field(node, 'return_type')),
  });
}

function onUse(node: Node, b: FileBuilder): void {
  const line = lineOf(node);
  const group = field(node, 'body');
  const prefix = group ? childOfType(node, 'namespace_name')?.text : undefined;
  const clauses = group
    ? childrenOfType(group, 'namespace_use_clause')
    : childrenOfType(node, 'namespace_use_clause');
  for (const c of clauses) {
    const target = named(c).find(
      (x) => x.type === 'qualified_name' || x.type === 'name' || x.type === 'namespace_name',
    );
    if (!target) continue;
    const source = (prefix ? `${prefix}\\${target.text}` : target.text).replace(/^\\/, '');
    const alias = fieldText(c, 'alias');
    b.import({ source, line, kind: 'import', ...(alias ? { alias } : {}) });
  }
}

function callArgs(node: Node): number | undefined {
  return field(node, 'arguments')?.namedChildCount;
}

function onScopedCall(node: Node, b: FileBuilder): void {
  const scope = field(node, 'scope');
  const name = fieldText(node, 'name') ?? '';
  const receiver = scope?.type === 'relative_scope' ? scope.text : scope?.text;
  b.call(node, { name, receiver, form: receiver === 'parent' ? 'super' : 'static', argc: callArgs(node) });
  if (scope?.text === 'Route' && HTTP.has(name)) laravelRoute(node, name, b);
}

function laravelRoute(node: Node, method: string, b: FileBuilder): void {
  const args = named(field(node, 'arguments') ?? node).map((a) => a.namedChildren[0] ?? a);
  const path = args[0];
  const h = args[1];
  if (path?.type !== 'string' || !h) return;
  let handler: string | undefined;
  if (h.type === 'string') handler = unquote(h.text).replace('@', '::');
  else if (h.type === 'array_creation_expression') {
    const [cls, m] = named(h).map((e) => e.namedChildren[0]);
    if (cls?.type === 'class_constant_access_expression' && m?.type === 'string')
      handler = `${cls.namedChildren[0]?.text ?? ''}::${unquote(m.text)}`;
  }
  const p = unquote(path.text);
  b.route({
    method: method === 'any' ? 'ANY' : method.toUpperCase(),
    path: p.startsWith('/') ? p : `/${p}`,
    framework: 'laravel',
    line: lineOf(node),
    ...(handler ? { handler } : {}),
  });
}

function enter(node: Node, b: FileBuilder): typeof SKIP | undefined {
  switch (node.type) {
    case 'namespace_definition': {
      const name = fieldText(node, 'name') ?? '';
      if (field(node, 'body')) b.pushNamespace(name);
      else b.setModule(name);
      return undefined;
    }
    case 'namespace_use_declaration':
      onUse(node, b);
      return SKIP;
    case 'class_declaration':
    case 'interface_declaration':
    case 'trait_declaration':
    case 'enum_declaration':
      onClass(node, b);
      return undefined;
    case 'method_declaration':
    case 'function_definition':
      onMethod(node, b);
      return undefined;
    case 'anonymous_function':
    case 'anonymous_function_creation_expression':
    case 'arrow_function':
      onClosure(node, b);
      return undefined;
    case 'use_declaration': {
      const cls = b.currentClass;
      if (cls)
        cls.mixins.push(
          ...named(node)
            .filter((n) => n.type === 'name' || n.type === 'qualified_name')
            .map((n) => n.text),
        );
      return SKIP;
    }
    case 'property_declaration': {
      const cls = b.currentClass;
      const t = typeOf(field(node, 'type')) ?? docTypes(precedingDoc(node)).var;
      if (cls && t)
        for (const el of childrenOfType(node, 'property_element'))
          cls.fields[varName(field(el, 'name')) ?? ''] = t;
      return undefined;
    }
    case 'member_call_expression':
    case 'nullsafe_member_call_expression': {
      const obj = fieldText(node, 'object');
      // At the method's name: PHP places a call of a chain split over lines there (`->at($c)`).
      b.call(field(node, 'name') ?? node, {
        name: fieldText(node, 'name') ?? '',
        receiver: obj === undefined ? undefined : phpExpr(obj),
        form: 'call',
        argc: callArgs(node),
      });
      return undefined;
    }
    case 'scoped_call_expression':
      onScopedCall(node, b);
      return undefined;
    case 'function_call_expression': {
      const fn = field(node, 'function');
      if (fn?.type === 'name' || fn?.type === 'qualified_name')
        b.call(node, { name: fn.text, form: 'call', argc: callArgs(node) });
      return undefined;
    }
    case 'object_creation_expression': {
      const cls = named(node).find(
        (n) => n.type === 'name' || n.type === 'qualified_name' || n.type === 'relative_scope',
      );
      const argc = childOfType(node, 'arguments')?.namedChildCount;
      if (cls?.type === 'relative_scope' || cls?.text === 'static' || cls?.text === 'self')
        b.call(node, { name: cls.text, receiver: cls.text, form: 'new', argc });
      else if (cls) b.call(node, { name: cls.text, form: 'new', argc });
      return undefined;
    }
    case 'assignment_expression':
      onPhpAssign(node, b);
      return undefined;
    case 'if_statement':
      narrowInstanceof(node, b);
      return undefined;
    case 'foreach_statement':
      onForeach(node, b);
      return undefined;
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.type;
      if (op === '&&' || op === '||' || op === 'and' || op === 'or' || op === '??') b.bump();
      return undefined;
    }
    default:
      return undefined;
  }
}

/** PHP: namespaces, `use` imports, classes/interfaces/traits/enums, Laravel and Symfony routes. */
export const php: LanguageSpec = {
  id: 'php',
  extensions: ['.php', '.phtml'],
  grammars: [
    { pkg: 'tree-sitter-php', file: 'tree-sitter-php.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-php.wasm' },
  ],
  style: PHP_FQN,
  complexity: new Set([
    'if_statement',
    'else_if_clause',
    'for_statement',
    'foreach_statement',
    'while_statement',
    'do_statement',
    'case_statement',
    'catch_clause',
    'conditional_expression',
    'match_conditional_expression',
  ]),
  selfNames: ['$this', 'this', 'self', 'static'],
  constructorNames: ['__construct'],
  enter,
  nodeTypes: new Set([
    'anonymous_function',
    'anonymous_function_creation_expression',
    'arrow_function',
    'assignment_expression',
    'binary_expression',
    'class_declaration',
    'enum_declaration',
    'function_call_expression',
    'function_definition',
    'interface_declaration',
    'member_call_expression',
    'method_declaration',
    'namespace_definition',
    'namespace_use_declaration',
    'nullsafe_member_call_expression',
    'object_creation_expression',
    'property_declaration',
    'scoped_call_expression',
    'trait_declaration',
    'use_declaration',
  ]),
};
