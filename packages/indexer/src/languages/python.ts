import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { DOT_FQN } from '../extract/builder.js';
import { baseType, childrenOfType, field, fieldText, lineOf, named, unquote } from '../extract/helpers.js';
import { SKIP } from '../extract/walk.js';
import type { ImportIR, ParamIR } from '../ir.js';
import { dunderAll } from './python-exports.js';
import { assignLocal } from './python-locals.js';
import { applyTypeVarBounds, typeVarBound } from './python-typevars.js';
import type { LanguageSpec } from './types.js';

const ROUTE_DECORATOR = /^(\w+)\.(get|post|put|patch|delete|head|options|route|api_route|websocket)$/;

/** A decorator's expression, without the `@` and a comment on its line (`@t.overload  # type: ignore`). */
function decoratorText(d: Node): string {
  return d.namedChildren.find((c) => c !== null && c.type !== 'comment')?.text ?? d.text.slice(1);
}

function decoratorsOf(node: Node): Node[] {
  const p = node.parent;
  return p?.type === 'decorated_definition' ? childrenOfType(p, 'decorator') : [];
}

function docstring(body: Node | undefined): string | undefined {
  const first = body?.namedChildren[0];
  const s = first?.type === 'expression_statement' ? first.namedChildren[0] : undefined;
  return s?.type === 'string' ? unquote(s.text).trim() : undefined;
}

function params(node: Node): ParamIR[] {
  const out: ParamIR[] = [];
  for (const p of named(node)) {
    if (p.type === 'identifier') out.push({ name: p.text });
    else if (p.type === 'typed_parameter') {
      const id = named(p).find((c) => c.type === 'identifier' || c.type.endsWith('splat_pattern'));
      out.push({ name: (id?.text ?? '').replace(/^\*+/, ''), type: typeText(field(p, 'type')) });
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      out.push({ name: fieldText(p, 'name') ?? '', type: typeText(field(p, 'type')) });
    } else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      out.push({ name: p.text.replace(/^\*+/, '') });
    }
  }
  return out.map((p) => (p.type ? p : { name: p.name }));
}

// `type[Arrow]`: the class itself, whose attributes (`t.now()`) are the class's methods.
const CLASS_OF = /^(?:typing\.|t\.)?[Tt]ype\[\s*["']?([\w.]+)["']?\s*\]$/;

function typeText(t: Node | undefined): string | undefined {
  if (!t) return undefined;
  const inner = t.namedChildren[0];
  const text = inner?.type === 'string' ? unquote(inner.text) : t.text.replace(/^Optional\[(.*)\]$/, '$1');
  return baseType(text.replace(CLASS_OF, '$1'));
}

function onClass(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name') ?? '?';
  // `Field[str]`, `Generic[T]`: a generic base is the class subscripted.
  // `class A:` has no argument list: its own name is no base.
  const superclasses = field(node, 'superclasses');
  const bases = (superclasses ? named(superclasses) : [])
    .map((c) => (c.type === 'subscript' ? field(c, 'value') : c))
    .filter((c) => c?.type === 'identifier' || c?.type === 'attribute')
    .map((c) => c!.text);
  const kind = bases.some((x) => /(^|\.)(Enum|IntEnum|StrEnum|Flag)$/.test(x))
    ? 'enum'
    : bases.some((x) => /(^|\.)Protocol$/.test(x))
      ? 'interface'
      : 'class';
  b.pushClass(node, {
    name,
    kind,
    bases: bases.filter((x) => x !== 'object'),
    decorators: decoratorsOf(node).map(decoratorText),
    docstring: docstring(field(node, 'body')),
  });
}

function onFunction(node: Node, b: FileBuilder): void {
  const name = fieldText(node, 'name') ?? '?';
  const decos = decoratorsOf(node);
  const decorators = decos.map(decoratorText);
  const cls = b.currentClass;
  const inClass = cls !== undefined;
  const returnType = typeText(field(node, 'return_type'));
  // `@property def query(self) -> Query`: reading `x.query` gives a Query, as a field would.
  if (cls && returnType && decorators.some((d) => PROPERTY.test(d)) && !Object.hasOwn(cls.fields, name))
    cls.fields[name] = returnType;
  const fn = b.pushFunction(node, {
    name,
    kind: inClass && name === '__init__' ? 'constructor' : undefined,
    params: params(field(node, 'parameters') ?? node),
    decorators,
    docstring: docstring(field(node, 'body')),
    isStatic: decorators.some((d) => d === 'staticmethod' || d === 'classmethod'),
    returnType,
    visibility: name.startsWith('__') && !name.endsWith('__') ? 'private' : undefined,
  });
  for (const d of decos) routeFromDecorator(d, fn.fqn, b);
}

const OVERLOAD = /(^|\.)overload$/;
const PROPERTY = /^(?:property|(?:functools\.)?cached_property)$/;
const isOverload = (def: Node) => decoratorsOf(def).some((d) => OVERLOAD.test(decoratorText(d)));

/**
 * An `@overload` signature followed (past other signatures) by its implementation: only the
 * implementation runs, so only it is a Function. Signatures with none after them (a `.pyi` stub)
 * stay functions.
 */
function isOverloadStub(node: Node): boolean {
  if (!isOverload(node)) return false;
  const name = fieldText(node, 'name');
  for (let n = node.parent?.nextNamedSibling; n; n = n.nextNamedSibling) {
    if (n.type === 'comment') continue;
    const def = n.type === 'decorated_definition' ? field(n, 'definition') : n;
    if (def?.type !== 'function_definition' || fieldText(def, 'name') !== name) return false;
    if (!isOverload(def)) return true;
  }
  return false;
}

function routeFromDecorator(d: Node, fqn: string, b: FileBuilder): void {
  const call = d.namedChildren[0];
  if (call?.type !== 'call') return;
  const m = ROUTE_DECORATOR.exec(fieldText(call, 'function') ?? '');
  if (!m) return;
  const args = named(field(call, 'arguments') ?? call);
  const path = args.find((a) => a.type === 'string');
  if (!path) return;
  let methods = [m[2] === 'route' || m[2] === 'api_route' ? 'GET' : m[2]!.toUpperCase()];
  const kw = args.find((a) => a.type === 'keyword_argument' && fieldText(a, 'name') === 'methods');
  if (kw)
    methods = (field(kw, 'value')?.namedChildren ?? []).flatMap((s) =>
      s ? [unquote(s.text).toUpperCase()] : [],
    );
  const framework = m[2] === 'route' ? 'flask' : 'fastapi';
  for (const method of methods)
    b.route({ method, path: unquote(path.text), framework, line: lineOf(d), handlerFqn: fqn });
}

/** Names a function declares `global` (extraction only): `global easter` then `from dateutil import easter`. */
const declaredGlobal = new WeakMap<object, Set<string>>();

function onGlobal(node: Node, b: FileBuilder): void {
  const fn = b.currentFunction;
  if (!fn) return;
  const names = declaredGlobal.get(fn) ?? new Set<string>();
  for (const n of named(node)) if (n.type === 'identifier') names.add(n.text);
  declaredGlobal.set(fn, names);
}

function onImport(node: Node, b: FileBuilder): void {
  const line = lineOf(node);
  const globals = b.currentFunction && declaredGlobal.get(b.currentFunction);
  // An import of a name the function declares `global` binds the module's name.
  const add = (imp: ImportIR) => {
    const bound = imp.alias ?? (imp.name ? imp.name.split('.').pop()! : imp.source.split('.')[0]!);
    b.import(imp, globals?.has(bound) === true);
  };
  if (node.type === 'import_statement') {
    for (const n of named(node)) {
      if (n.type === 'dotted_name') add({ source: n.text, line, kind: 'import' });
      else if (n.type === 'aliased_import')
        add({ source: fieldText(n, 'name') ?? '', alias: fieldText(n, 'alias'), line, kind: 'import' });
    }
    return;
  }
  const mod = field(node, 'module_name');
  let source = mod?.text ?? '';
  let level = 0;
  if (mod?.type === 'relative_import') {
    const prefix = named(mod).find((c) => c.type === 'import_prefix')?.text ?? '';
    level = prefix.length;
    source = named(mod).find((c) => c.type === 'dotted_name')?.text ?? '';
  }
  const base = { source, line, kind: 'import' as const, ...(level ? { level } : {}) };
  for (const n of named(node)) {
    // Node objects are fresh wrappers on each read: compare ids, not references.
    if (n.id === mod?.id) continue;
    if (n.type === 'wildcard_import') b.import({ ...base, name: '*' });
    else if (n.type === 'dotted_name') add({ ...base, name: n.text });
    else if (n.type === 'aliased_import')
      add({ ...base, name: fieldText(n, 'name'), alias: fieldText(n, 'alias') });
  }
}

function onCall(node: Node, b: FileBuilder): void {
  const fn = field(node, 'function');
  if (!fn) return;
  const argc = field(node, 'arguments')?.namedChildCount;
  if (fn.type === 'identifier') b.call(node, { name: fn.text, form: 'call', argc });
  else if (fn.type === 'attribute') {
    const obj = field(fn, 'object');
    const name = fieldText(fn, 'attribute') ?? '';
    const isSuper = obj?.type === 'call' && fieldText(obj, 'function') === 'super';
    b.call(node, { name, receiver: isSuper ? 'super' : obj?.text, form: isSuper ? 'super' : 'call', argc });
  }
  djangoRoute(node, fn, b);
}

function djangoRoute(node: Node, fn: Node, b: FileBuilder): void {
  if (fn.type !== 'identifier' || (fn.text !== 'path' && fn.text !== 're_path')) return;
  const args = named(field(node, 'arguments') ?? node);
  if (args[0]?.type !== 'string' || !args[1] || args[1].type === 'call') return;
  const handler = args[1].text.replace(/\.as_view$/, '');
  b.route({ method: 'ANY', path: unquote(args[0].text), framework: 'django', line: lineOf(node), handler });
}

function onAssign(node: Node, b: FileBuilder): typeof SKIP | undefined {
  const left = field(node, 'left');
  const right = field(node, 'right');
  const declared = typeText(field(node, 'type'));
  const inferred = right?.type === 'call' ? calleeType(field(right, 'function')) : undefined;
  const type = declared ?? inferred;
  if (left?.type === 'identifier') {
    if (right?.type === 'lambda' && !b.currentClass) {
      b.pushFunction(right, { name: left.text, params: params(field(right, 'parameters') ?? right) });
      return undefined;
    }
    if (b.currentFunction) assignLocal(b, left.text, type, node.endPosition.row + 2);
    else if (b.currentClass) {
      if (declared) b.currentClass.fields[left.text] = declared;
    } else b.global(left.text, type);
  } else if (left && UNPACKED.has(left.type)) {
    // `load, instances = outputter.load, [...]`: each name holds a value of unknown type.
    for (const name of unpackedNames(left)) {
      if (b.currentFunction) assignLocal(b, name, undefined, node.endPosition.row + 2);
      else if (!b.currentClass) b.global(name, undefined);
    }
  } else if (left?.type === 'attribute' && fieldText(left, 'object') === 'self') {
    const cls = b.enclosingClass;
    const attr = fieldText(left, 'attribute');
    const fromParam =
      right?.type === 'identifier'
        ? b.currentFunction?.params.find((p) => p.name === right.text)?.type
        : undefined;
    const t = paramReceiver(type ?? fromParam, b);
    const was = cls && attr && Object.hasOwn(cls.fields, attr) ? cls.fields[attr] : undefined;
    // The first typed value wins; an untyped one (`{}`, a parameter; not the placeholder `None`)
    // records the field as of unknown type, which hides a type a base class gives it.
    if (cls && attr && (t ? !was : was === undefined && right?.type !== 'none')) cls.fields[attr] = t ?? '';
  }
  return undefined;
}

/**
 * `self.stream = environment.tokenize(…)` with `environment: Environment` a parameter: the field
 * holds what `Environment.tokenize` returns. Fields are typed outside the method, where its
 * parameters are unknown, so the parameter's declared type stands in for its name.
 */
function paramReceiver(type: string | undefined, b: FileBuilder): string | undefined {
  const m = type && /^\(\)(\w+)\.(\w+)$/.exec(type);
  const param = m ? b.currentFunction?.params.find((p) => p.name === m[1]) : undefined;
  return param?.type && /^[\w.]+$/.test(param.type) ? `()${param.type}.${m![2]}` : type;
}

const UNPACKED = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern']);

/** The names `a, (b, *c)` binds. */
function unpackedNames(pattern: Node): string[] {
  return named(pattern).flatMap((c) =>
    c.type === 'identifier' ? [c.text] : UNPACKED.has(c.type) ? unpackedNames(c) : [],
  );
}

/**
 * `with Client() as c` (c is what the call made: most `__enter__` return self) and
 * `except NotFound as e` (e is a NotFound): the alias becomes a typed local, or a module variable.
 */
function onAsPattern(node: Node, b: FileBuilder): void {
  const target = field(node, 'alias')?.namedChildren[0];
  if (target?.type !== 'identifier') return;
  const value = node.namedChildren[0];
  const caught = node.parent?.type === 'except_clause';
  const type = caught
    ? value?.type === 'identifier' || value?.type === 'attribute'
      ? value.text
      : undefined
    : value?.type === 'call'
      ? calleeType(field(value, 'function'))
      : undefined;
  if (b.currentFunction) assignLocal(b, target.text, type, node.endPosition.row + 2);
  else if (!b.currentClass) b.global(target.text, type);
}

function calleeType(fn: Node | undefined): string | undefined {
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return undefined;
  return `()${fn.text}`;
}

/** Python: modules from the package layout, classes, functions, decorators, Flask/FastAPI/Django routes. */
export const python: LanguageSpec = {
  id: 'python',
  extensions: ['.py', '.pyi'],
  grammars: [
    { pkg: 'tree-sitter-python', file: 'tree-sitter-python.wasm' },
    { pkg: 'tree-sitter-wasms', file: 'out/tree-sitter-python.wasm' },
  ],
  style: DOT_FQN,
  complexity: new Set([
    'if_statement',
    'elif_clause',
    'for_statement',
    'while_statement',
    'except_clause',
    'with_statement',
    'boolean_operator',
    'list_comprehension',
    'generator_expression',
    'case_clause',
    'conditional_expression',
  ]),
  selfNames: ['self', 'cls'],
  constructorNames: ['__init__'],
  nodeTypes: new Set([
    'as_pattern',
    'assignment',
    'augmented_assignment',
    'call',
    'class_definition',
    'function_definition',
    'global_statement',
    'import_from_statement',
    'import_statement',
  ]),
  begin(b, ctx) {
    b.setModule(ctx.module);
  },
  finish(ir) {
    applyTypeVarBounds(ir);
  },
  enter(node, b) {
    switch (node.type) {
      case 'class_definition':
        onClass(node, b);
        return undefined;
      case 'function_definition':
        if (isOverloadStub(node)) return SKIP;
        onFunction(node, b);
        return undefined;
      case 'import_statement':
      case 'import_from_statement':
        onImport(node, b);
        return SKIP;
      case 'call':
        onCall(node, b);
        dunderAll(node, b);
        return undefined;
      case 'assignment':
        dunderAll(node, b);
        typeVarBound(node, b);
        return onAssign(node, b);
      case 'augmented_assignment':
        dunderAll(node, b);
        return undefined;
      case 'as_pattern':
        onAsPattern(node, b);
        return undefined;
      case 'global_statement':
        onGlobal(node, b);
        return SKIP;
      default:
        return undefined;
    }
  },
};
