import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { DOT_FQN } from '../extract/builder.js';
import { childOfType, field, fieldText, lineOf, named, precedingDoc, unquote } from '../extract/helpers.js';
import { SKIP } from '../extract/walk.js';
import type { ParamIR } from '../ir.js';
import { fileNameConstraint } from '../resolve/go-build.js';
import { declareLocal, scopeOf, useLocal } from './go-scopes.js';
import {
  ELEMENTS,
  elementOf,
  oneLine,
  resultType,
  resultTypes,
  typeName,
  valuesTypes,
  valueType,
} from './go-values.js';
import type { LanguageSpec } from './types.js';

function params(node: Node | undefined): ParamIR[] {
  return (node ? named(node) : []).flatMap((p) => {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') return [];
    const type = typeName(field(p, 'type'));
    const names = named(p).filter((n) => n.type === 'identifier');
    return names.map((n) => (type ? { name: n.text, type } : { name: n.text }));
  });
}

function onType(spec: Node, b: FileBuilder): void {
  const name = fieldText(spec, 'name');
  const t = field(spec, 'type');
  if (!name || !t) return;
  if (t.type !== 'struct_type' && t.type !== 'interface_type') {
    // `type Kind int`, `type HandlerFunc func(…)`: a defined type owns the methods declared on it.
    const cls = b.pushClass(spec, {
      name,
      kind: 'class',
      bases: [],
      docstring: precedingDoc(spec.parent ?? spec),
    });
    // `type Diagnostics []*Diagnostic`: what indexing or ranging over one gives, under a name no field can have
    const underlying = typeName(t);
    if (underlying && /^(?:\[\]|map\[\])/.test(underlying)) cls.fields[ELEMENTS] = underlying;
    return;
  }
  const embedded: string[] = [];
  const fields: Record<string, string> = {};
  const list = t.type === 'struct_type' ? childOfType(t, 'field_declaration_list') : t;
  for (const f of list ? named(list) : []) {
    if (f.type === 'field_declaration') {
      const ft = typeName(field(f, 'type'));
      const names = named(f).filter((n) => n.type === 'field_identifier');
      // An embedded field is named after its type (`html.Config` → `c.Config`).
      if (!names.length && ft) {
        embedded.push(ft);
        fields[ft.slice(ft.lastIndexOf('.') + 1)] = ft;
      }
      for (const n of names) if (ft) fields[n.text] = ft;
    } else if (f.type === 'type_elem' || f.type === 'constraint_elem') {
      const et = typeName(f.namedChildren[0] ?? undefined);
      if (et) embedded.push(et);
    }
  }
  const cls = b.pushClass(spec, {
    name,
    kind: t.type === 'struct_type' ? 'struct' : 'interface',
    bases: embedded,
    docstring: precedingDoc(spec.parent ?? spec),
  });
  Object.assign(cls.fields, fields);
  if (t.type === 'interface_type') {
    for (const m of named(t)) {
      if (m.type !== 'method_elem' && m.type !== 'method_spec') continue;
      b.pushFunction(m, {
        name: fieldText(m, 'name') ?? '?',
        kind: 'method',
        params: params(field(m, 'parameters')),
        returnType: resultType(field(m, 'result')),
        results: resultTypes(field(m, 'result')),
      });
      b.popTo(b.depth - 1);
    }
  }
}

// Each file's build constraint, as a decorator of its functions (see resolve/go-build.ts).
const constraints = new WeakMap<FileBuilder, string[]>();

/** `//go:build …` above the package clause, and the tags the file's name implies. */
function onBuildConstraint(node: Node, b: FileBuilder): void {
  let line: string | undefined;
  // Only the comments before the package clause: its siblings, walked back from it.
  for (let c = node.previousSibling; c && !line; c = c.previousSibling)
    if (c.type === 'comment') line = /^\/\/go:build\s+(.+?)\s*$/.exec(c.text)?.[1];
  const named = fileNameConstraint(b.ir.path);
  const expr = line && named ? `(${line}) && ${named}` : line || named;
  if (expr) constraints.set(b, [`go:build ${expr}`]);
}

function onFunction(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name') ?? '?';
  const recv =
    node.type === 'method_declaration'
      ? named(field(node, 'receiver') ?? node).find((p) => p.type === 'parameter_declaration')
      : undefined;
  const recvType = recv ? typeName(field(recv, 'type')) : undefined;
  const pkg = b.ir.module;
  const fn = b.pushFunction(node, {
    name,
    kind: recvType ? 'method' : undefined,
    params: params(field(node, 'parameters')),
    decorators: constraints.get(b)?.slice(),
    docstring: precedingDoc(node),
    returnType: resultType(field(node, 'result')),
    results: resultTypes(field(node, 'result')),
    exported: /^[A-Z]/.test(name),
    ...(recvType ? { fqn: DOT_FQN.join(DOT_FQN.join(pkg, recvType, 'module'), name, 'class') } : {}),
  });
  if (recvType) {
    fn.classFqn = DOT_FQN.join(pkg, recvType, 'module');
    const self = fieldText(recv!, 'name');
    if (self) fn.locals[self] = recvType;
  }
  // named results are variables of the whole body (`func Open(…) (db *DB, err error)`)
  for (const r of params(field(node, 'result')))
    if (r.type && !Object.hasOwn(fn.locals, r.name)) fn.locals[r.name] = r.type;
}

function onCall(node: Node, b: FileBuilder): void {
  let fn = field(node, 'function');
  const argc = field(node, 'arguments')?.namedChildCount;
  // `Empty[T]()`: an explicit instantiation (indexing a slice or map of funcs is a local's call, never linked)
  if (fn?.type === 'index_expression') fn = field(fn, 'operand');
  if (fn?.type === 'identifier') b.call(node, { name: fn.text, form: 'call', argc });
  else if (fn?.type === 'selector_expression') {
    const receiver = oneLine(fieldText(fn, 'operand'));
    b.call(node, { name: fieldText(fn, 'field') ?? '', receiver, form: 'call', argc });
    // `x.f()` and `x.y.f()` are typed by the local x
    const head = receiver && /^\w+/.exec(receiver)?.[0];
    if (head) useLocal(b, head, node);
  }
}

/**
 * Declares the identifiers among `names`, in force after `after` to the end of the scope around `at`:
 * each with its own type (`a, b := f(), g()`) or all with one (`var a, b T`, `func(a, b T)`).
 */
function declareAll(
  b: FileBuilder,
  names: Node[],
  types: (string | undefined)[] | string | undefined,
  after: Node,
  at: Node,
): void {
  const start = { index: after.endIndex, row: after.endPosition.row };
  const scope = scopeOf(at);
  names.forEach((n, i) => {
    const type = Array.isArray(types) ? types[i] : types;
    if (n.type === 'identifier') declareLocal(b, n.text, type, start, scope);
  });
}

/** `for k, v := range x`: variables of types not worked out here, in force in the loop's body. */
function onRange(node: Node, b: FileBuilder): void {
  if (!node.children.some((c) => c?.type === ':=')) return;
  // `for _, v := range xs` with xs a `[]T` (or `map[K]T`): v is a T
  const elem = elementOf(field(node, 'right'), b.currentFunction?.locals);
  declareAll(b, named(field(node, 'left') ?? node), [undefined, elem], node, node);
}

/** A function literal not bound by `:=`: its calls stay the enclosing function's, and so do its parameters. */
function onFuncLiteral(node: Node, b: FileBuilder): void {
  const list = field(node, 'parameters');
  if (!list || pushedLiterals.get(b)?.has(node.id)) return;
  if (!b.currentFunction) {
    // At package level (`var cmd = &cobra.Command{RunE: func(…) {…}}`): a function of its own, named
    // as Go's runtime names it (`init.func1`, numbered here per file), so its locals and parameters
    // are typed; no call can name it.
    const n = (packageLiterals.get(b) ?? 0) + 1;
    packageLiterals.set(b, n);
    b.pushFunction(node, { name: `init.func${n}`, kind: 'closure', params: params(list) });
    return;
  }
  for (const p of named(list)) {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    const type = typeName(field(p, 'type'));
    declareAll(b, named(p), type, list, list);
  }
}

// How many package-level function literals each file has had so far.
const packageLiterals = new WeakMap<FileBuilder, number>();

// Function literals bound by `:=` (`run := func() {…}`), each a function of its own.
const pushedLiterals = new WeakMap<FileBuilder, Set<number>>();

function enter(node: Node, b: FileBuilder): typeof SKIP | undefined {
  switch (node.type) {
    case 'package_clause':
      b.setModule(node.namedChildren[0]?.text);
      onBuildConstraint(node, b);
      return SKIP;
    case 'import_spec': {
      const path = unquote(fieldText(node, 'path') ?? '');
      const alias = fieldText(node, 'name');
      b.import({
        source: path,
        line: lineOf(node),
        kind: 'import',
        ...(alias && alias !== '_' && alias !== '.' ? { alias } : {}),
      });
      return SKIP;
    }
    case 'type_spec':
      onType(node, b);
      return undefined;
    case 'function_declaration':
    case 'method_declaration':
      onFunction(node, b);
      return undefined;
    case 'call_expression':
      onCall(node, b);
      return undefined;
    case 'short_var_declaration': {
      const left = named(field(node, 'left') ?? node);
      const right = named(field(node, 'right') ?? node);
      if (left.length === 1 && right[0]?.type === 'func_literal' && b.currentFunction) {
        b.pushFunction(right[0], { name: left[0]!.text, params: params(field(right[0], 'parameters')) });
        if (!pushedLiterals.has(b)) pushedLiterals.set(b, new Set());
        pushedLiterals.get(b)!.add(right[0].id);
        return undefined;
      }
      declareAll(b, left, valuesTypes(left, right, b.currentFunction?.locals), node, node);
      return undefined;
    }
    case 'var_spec': {
      const locals = b.currentFunction?.locals;
      const t = typeName(field(node, 'type')) ?? valueType(named(field(node, 'value') ?? node)[0], locals);
      const names = named(node).filter((n) => n.type === 'identifier');
      const values = named(field(node, 'value') ?? node);
      // `var a, b = f()`, `var a, b = x, y`: each name its own value's type
      const types = names.length === 1 || field(node, 'type') ? t : valuesTypes(names, values, locals);
      // `var std = New()` at package level: typed for the calls of this file (`std.SetOutput(…)`)
      if (!b.currentFunction)
        for (const [i, n] of names.entries()) b.global(n.text, Array.isArray(types) ? types[i] : types);
      declareAll(b, names, types, node, node);
      return undefined;
    }
    case 'range_clause':
      onRange(node, b);
      return undefined;
    case 'type_switch_statement': {
      // `switch m := v.(type)`: m has each case's type in turn
      const alias = field(node, 'alias');
      const value = field(node, 'value');
      if (!alias || !value) return undefined;
      declareAll(b, named(alias), [], value, value);
      // `case *T:` (one type) gives m that type in the case's body
      for (const c of named(node)) {
        const types = c.type === 'type_case' ? c.childrenForFieldName('type') : [];
        const start = { index: types[0]?.endIndex ?? 0, row: types[0]?.endPosition.row ?? 0 };
        if (types.length === 1)
          for (const n of named(alias)) declareLocal(b, n.text, typeName(types[0] ?? undefined), start, c);
      }
      return undefined;
    }
    case 'func_literal':
      onFuncLiteral(node, b);
      return undefined;
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.type;
      if (op === '&&' || op === '||') b.bump();
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Go: packages (by directory), imports with aliases, structs/interfaces, methods attached across files. */
export const go: LanguageSpec = {
  id: 'go',
  extensions: ['.go'],
  grammars: [
    { pkg: 'tree-sitter-go', file: 'tree-sitter-go.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-go.wasm' },
  ],
  style: DOT_FQN,
  complexity: new Set([
    'if_statement',
    'for_statement',
    'expression_case',
    'type_case',
    'communication_case',
  ]),
  selfNames: [],
  enter,
  nodeTypes: new Set([
    'binary_expression',
    'call_expression',
    'function_declaration',
    'import_spec',
    'method_declaration',
    'func_literal',
    'package_clause',
    'range_clause',
    'short_var_declaration',
    'type_switch_statement',
    'type_spec',
    'var_spec',
  ]),
};
