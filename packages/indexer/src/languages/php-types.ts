import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { encodeScoped, field, fieldText, named, type ScopedType } from '../extract/helpers.js';
import type { ClassIR, FunctionIR } from '../ir.js';
import { calledFunction } from '../resolve/called-function.js';

/** Doc-comment types that name no class. */
const SCALARS = new Set([
  'int',
  'integer',
  'float',
  'double',
  'string',
  'bool',
  'boolean',
  'array',
  'mixed',
  'void',
  'callable',
  'iterable',
  'object',
  'false',
  'true',
  'resource',
  'never',
  'null',
  'list',
]);

/**
 * The class a doc-comment type names: `Foo`, `?Foo`, `Foo|null`, `\Ns\Foo`; `$this`, `static` and
 * `self` as `static`; an array of one class (`Foo[]`, `array<Foo>`, `array<int, Foo>`, `list<Foo>`,
 * `iterable<Foo>`) as `[]Foo`, which `foreach` reads. Undefined for scalars and unions of classes.
 */
export function docType(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const parts = text
    .replace(/^\?/, '')
    .split('|')
    .filter((p) => p.toLowerCase() !== 'null');
  if (parts.length !== 1) return undefined;
  const t = parts[0]!;
  if (t === '$this' || t === 'static' || t === 'self') return 'static';
  const elem = /^(?:(?:array|list|iterable)<(?:\w+,\s*)?([^<>,]+)>|([^[\]]+)\[\])$/.exec(t);
  if (elem) {
    const e = docType(elem[1] ?? elem[2]);
    return e && e !== 'static' && !e.startsWith('[]') ? `[]${e}` : undefined;
  }
  return /^\\?[A-Za-z_][\w\\]*$/.test(t) && !SCALARS.has(t.toLowerCase()) ? t : undefined;
}

/**
 * `foreach ($xs as $x)`, `foreach ($xs as $k => $x)`: x is an element of what xs is declared to hold
 * (`@var Foo[]` on a property, `@param Foo[] $xs`, `@return Foo[]` of a call), in the loop's body.
 */
export function onForeach(node: Node, b: FileBuilder): void {
  const [source, target] = named(node);
  const value = target?.type === 'pair' ? target.namedChildren[1] : target;
  const body = field(node, 'body');
  if (!source || value?.type !== 'variable_name' || !body) return;
  const member = source.type === 'member_access_expression' && fieldText(source, 'object') === '$this';
  const callee = source.type.endsWith('call_expression') ? calledFunction(phpExpr(source.text)) : undefined;
  const elem = member
    ? `(elem)(.)this.${fieldText(source, 'name')}`
    : source.type === 'variable_name'
      ? `(elem)${source.text.slice(1)}`
      : callee
        ? `(elem)()${callee}`
        : undefined;
  if (elem) narrowLocal(b, value.text.slice(1), elem, body.startPosition.row + 1, body.endPosition.row + 1);
}

/** The types a PHPDoc block gives: `@return`, `@param T $name`, `@var T`. */
export interface DocTypes {
  readonly returns?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly var?: string;
}

const NO_DOC: DocTypes = { params: {} };

/** A doc-comment type: no spaces but inside `<…>` (`array<int, Foo>`). */
const TYPE = '(?:[^\\s<]|<[^>]*>)+';
const PARAM_TAG = new RegExp(`@param\\s+(${TYPE})\\s+(?:\\.\\.\\.)?\\$(\\w+)`, 'g');
const RETURN_TAG = new RegExp(`@return\\s+(${TYPE})`);
const VAR_TAG = new RegExp(`@var\\s+(${TYPE})`);

/** Reads the `@return`, `@param` and `@var` tags of a cleaned doc comment. */
export function docTypes(doc: string | undefined): DocTypes {
  if (!doc?.includes('@')) return NO_DOC;
  const params: Record<string, string> = {};
  for (const m of doc.matchAll(PARAM_TAG)) {
    const t = docType(m[1]);
    if (t) params[m[2]!] = t;
  }
  const returns = docType(RETURN_TAG.exec(doc)?.[1]);
  const v = docType(VAR_TAG.exec(doc)?.[1]);
  return { params, ...(returns ? { returns } : {}), ...(v ? { var: v } : {}) };
}

/**
 * A receiver or callee as the resolver reads it: `$a\n  ->b(1, f(2))` and `$a?->b(…)` as `$a->b()`.
 * Arguments do not type a chain's links (PHP has no overloads), and a builder chain stays short.
 */
export function phpExpr(text: string): string {
  return elideArgs(text)
    .replace(/\s*\??->\s*/g, '->')
    .replace(/\s*::\s*/g, '::');
}

/** `a(x, g(y))->b('(')` as `a()->b()`: what is inside parentheses (strings included) is dropped. */
function elideArgs(text: string): string {
  if (!text.includes('(')) return text;
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (depth > 0 && (ch === '"' || ch === "'")) {
      // skip the string, escapes included
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (ch === '(') {
      if (depth++ === 0) out += '(';
    } else if (ch === ')') {
      if (depth > 0 && --depth === 0) out += ')';
    } else if (depth === 0) out += ch;
  }
  return depth === 0 ? out : text;
}

/** What a value is: the class `new C(…)` makes, or `()f` for what calling f returns. */
function valueType(right: Node, b: FileBuilder): string | undefined {
  switch (right.type) {
    case 'object_creation_expression': {
      const cls = named(right).find((n) => n.type === 'name' || n.type === 'qualified_name');
      return cls?.text;
    }
    case 'member_call_expression':
    case 'nullsafe_member_call_expression':
    case 'scoped_call_expression':
    case 'function_call_expression': {
      const callee = calledFunction(phpExpr(right.text));
      return callee ? `()${callee}` : undefined;
    }
    case 'variable_name':
      return b.currentFunction?.params.find((p) => p.name === right.text.slice(1))?.type;
    default:
      return undefined;
  }
}

/**
 * `$x = new C()`, `$x = $a->make()`: a local of that type (assigned values of two types: neither);
 * `$this->f = new C()`, `$this->f = $param`, `$this->f = $this->make()`: the type of an untyped
 * property (a declared or documented type wins; values of two types, or one of unknown type, leave
 * it unknown; `null` does not count).
 */
export function onPhpAssign(node: Node, b: FileBuilder): void {
  const left = field(node, 'left');
  const right = field(node, 'right');
  if (!left || !right) return;
  if (left.type === 'variable_name') {
    assignLocal(node, left.text.slice(1), valueType(right, b), b);
    return;
  }
  if (left.type !== 'member_access_expression' || fieldText(left, 'object') !== '$this') return;
  const name = fieldText(left, 'name');
  const cls = b.enclosingClass;
  if (!cls || !name || right.type === 'null') return;
  if (!inferred.has(cls)) inferred.set(cls, new Set());
  const assigned = inferred.get(cls)!;
  if (Object.hasOwn(cls.fields, name) && !assigned.has(name)) return; // declared or documented
  assigned.add(name);
  const type = valueType(right, b) ?? '?';
  const was = cls.fields[name];
  cls.fields[name] = was === undefined || was === type ? type : '?';
}

/**
 * Each assignment types the variable from its line to the end of the block it is in (`@first-last=type`,
 * see encodeScoped): later assignments win from their line on; after a nested block that assigned a
 * value of another type, the variable is unknown (`?`) — which branch ran is not known.
 */
function assignLocal(node: Node, name: string, type: string | undefined, b: FileBuilder): void {
  const fn = b.currentFunction;
  if (!fn || fn.params.some((p) => p.name === name && p.type)) return;
  // `$node = $node->getParent()` (a walk) keeps the type it had.
  if (type?.startsWith(`()$${name}->`)) return;
  const last = blockEnd(node);
  const t = type ?? '';
  addScoped(fn, name, { first: node.startPosition.row + 1, last, type: t }, (e) =>
    e.last > last && e.type !== t ? { first: last + 1, last: e.last, type: '?' } : undefined,
  );
}

/**
 * `if ($x instanceof C && …) { … }`: x is a C in the body; `if (!$x instanceof C) { throw …; }` (the
 * body leaves: return, throw, continue, break): x is a C after the `if`, to the end of its block.
 */
export function narrowInstanceof(node: Node, b: FileBuilder): void {
  const fn = b.currentFunction;
  const cond = field(node, 'condition')?.namedChildren[0];
  const body = field(node, 'body');
  if (!fn || !cond || !body) return;
  const narrow = (name: string, type: string, first: number, last: number) =>
    narrowLocal(b, name, type, first, last);
  const negated = cond.type === 'unary_op_expression' ? unwrap(cond.namedChildren[0]) : undefined;
  if (negated) {
    const test = instanceTest(negated);
    if (test && leaves(body)) narrow(test[0], test[1], node.endPosition.row + 2, blockEnd(node));
    return;
  }
  for (const test of conjunctTests(cond))
    narrow(test[0], test[1], body.startPosition.row + 1, body.endPosition.row + 1);
}

/** Types variable `name` as `type` on lines first..last (over what it was: a parameter's type, an assignment). */
function narrowLocal(b: FileBuilder, name: string, type: string, first: number, last: number): void {
  const fn = b.currentFunction;
  if (fn) addScoped(fn, name, { first, last, type });
}

/** At most this many line ranges per variable (generated code): past it, the variable is unknown. */
const MAX_ENTRIES = 64;

/**
 * Adds a line range to a variable's scoped type, and what `after` derives from each range already
 * there; a variable first typed for the whole function (a parameter) keeps that as its first range.
 */
function addScoped(
  fn: FunctionIR,
  name: string,
  entry: ScopedType,
  after?: (e: ScopedType) => ScopedType | undefined,
): void {
  if (!scoped.has(fn)) scoped.set(fn, new Map());
  const byName = scoped.get(fn)!;
  const was = Object.hasOwn(fn.locals, name) ? fn.locals[name]! : undefined;
  if (byName.get(name) === null || (was?.startsWith('@') && !byName.has(name))) return;
  const entries = byName.get(name) ?? (was ? [{ first: fn.line, last: fn.endLine, type: was }] : []);
  const derived = after ? entries.map(after).filter((e) => e !== undefined) : [];
  entries.push(...derived, entry);
  if (entries.length > MAX_ENTRIES) {
    byName.set(name, null);
    fn.locals[name] = '?';
    return;
  }
  byName.set(name, entries);
  fn.locals[name] = encodeScoped(entries);
}

const unwrap = (n: Node | null | undefined): Node | undefined =>
  n?.type === 'parenthesized_expression' ? unwrap(n.namedChildren[0]) : (n ?? undefined);

/** `$x instanceof C` as [x, C]. */
function instanceTest(n: Node): [string, string] | undefined {
  if (n.type !== 'binary_expression' || n.childForFieldName('operator')?.type !== 'instanceof')
    return undefined;
  const left = field(n, 'left');
  const right = field(n, 'right');
  return left?.type === 'variable_name' && (right?.type === 'name' || right?.type === 'qualified_name')
    ? [left.text.slice(1), right.text]
    : undefined;
}

/** The instanceof tests `a && b && …` requires. */
function conjunctTests(n: Node | undefined): [string, string][] {
  const e = unwrap(n);
  if (!e) return [];
  const op = e.type === 'binary_expression' ? e.childForFieldName('operator')?.type : undefined;
  if (op === '&&' || op === 'and')
    return [...conjunctTests(field(e, 'left')), ...conjunctTests(field(e, 'right'))];
  const t = instanceTest(e);
  return t ? [t] : [];
}

const LEAVES = new Set(['return_statement', 'throw_expression', 'continue_statement', 'break_statement']);

/** Whether a body always leaves: its last statement returns, throws, continues or breaks. */
function leaves(body: Node): boolean {
  const last = body.type === 'compound_statement' ? body.namedChildren.at(-1) : body;
  const s = last?.type === 'expression_statement' ? last.namedChildren[0] : last;
  return !!s && LEAVES.has(s.type);
}

/** The last line of the block (or function body) a statement is in. */
function blockEnd(node: Node): number {
  for (let p = node.parent; p; p = p.parent)
    if (p.type === 'compound_statement' || p.type === 'case_statement' || p.type === 'default_statement')
      return p.endPosition.row + 1;
  return node.endPosition.row + 1;
}

/** Each function's scoped entries so far (assignments, instanceof tests), per variable. */
const scoped = new WeakMap<FunctionIR, Map<string, ScopedType[] | null>>();

/** The properties typed here by an assignment (not declared): a second value of another type unknows them. */
const inferred = new WeakMap<ClassIR, Set<string>>();
