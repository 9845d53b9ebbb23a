import type { Node } from 'web-tree-sitter';
import { baseType, field, named } from '../extract/helpers.js';

// How the Go extractor writes the types of values: a type name (`T`, `[]T`, `map[]T`), or an
// expression worked out when linking (`()f`, `(.)y.f`, `(elem)…`, `(#1)()f`; see TypeClasses).

/** The pseudo-field of a defined slice or map type (`type Diagnostics []*Diagnostic`) holding its underlying type. */
export const ELEMENTS = '[]';

type Locals = Readonly<Record<string, string>> | undefined;

export function typeName(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'pointer_type') return typeName(n.namedChildren[0] ?? undefined);
  if (n.type === 'generic_type') return typeName(field(n, 'type'));
  if (n.type === 'type_identifier' || n.type === 'qualified_type') return baseType(n.text);
  // `[]T`, `map[K]T`: what ranging over them gives (no class: `baseType` reads no name in them)
  if (n.type === 'slice_type' || n.type === 'array_type') {
    const e = typeName(field(n, 'element'));
    return e && `[]${e}`;
  }
  if (n.type === 'map_type') {
    const v = typeName(field(n, 'value'));
    return v && `map[]${v}`;
  }
  return undefined;
}

/** The first result's type: what `x, err := f()` gives x (a single-valued use of several results does not compile). */
export function resultType(n: Node | undefined): string | undefined {
  if (n?.type !== 'parameter_list') return typeName(n);
  const first = named(n).find((p) => p.type === 'parameter_declaration');
  return typeName(first && field(first, 'type'));
}

/** Every result's type when there are several (`(T, hcl.Diagnostics)`, `(a, b int)`), else undefined. */
export function resultTypes(n: Node | undefined): string[] | undefined {
  if (n?.type !== 'parameter_list') return undefined;
  const types = named(n).flatMap((p) => {
    if (p.type !== 'parameter_declaration') return [];
    const t = typeName(field(p, 'type')) ?? '';
    const names = named(p).filter((x) => x.type === 'identifier').length;
    return Array<string>(Math.max(names, 1)).fill(t);
  });
  return types.length > 1 ? types : undefined;
}

/** A chain split over lines (`b.\n\tWithA().\n\tWithB()`) as if written on one. */
export function oneLine<T extends string | undefined>(text: T): T {
  return text?.replace(/\s*\n\s*/g, '') as T;
}

/**
 * The types `a, b := x, y` gives its names; `a, b := f()` gives b `(#1)()f`, f's second result,
 * worked out when linking (see TypeClasses).
 */
export function valuesTypes(names: Node[], values: Node[], locals: Locals): (string | undefined)[] {
  if (names.length < 2 || values.length !== 1)
    return values.map((v) => pinned(valueType(v, locals), names, v));
  const t = pinned(valueType(values[0], locals), names, values[0]!);
  return names.map((_, i) => (i === 0 ? t : t && /^(?:\(at\d+\))?\(\)/.test(t) ? `(#${i})${t}` : undefined));
}

/**
 * `from := from.next()`, `rest, tok := rest.split()`: the call is worked out on its own line
 * (`(at12)()from.next`), where the name is still what it was before, not the one declared.
 */
function pinned(type: string | undefined, names: Node[], value: Node): string | undefined {
  const head = type && /^\(\)(\w+)/.exec(type)?.[1];
  return head && names.some((n) => n.text === head) ? `(at${value.startPosition.row + 1})${type}` : type;
}

export function valueType(v: Node | undefined, locals?: Locals): string | undefined {
  if (!v) return undefined;
  if (v.type === 'unary_expression') return valueType(field(v, 'operand'), locals);
  // `x := xs[i]`, `v, ok := m[k]`: an element
  if (v.type === 'index_expression') return elementOf(field(v, 'operand'), locals);
  if (v.type === 'composite_literal') return typeName(field(v, 'type'));
  // `x := y.(*T)`, `x, ok := y.(*T)`
  if (v.type === 'type_assertion_expression') return typeName(field(v, 'type'));
  // `x := y.f`: the type y's struct declares for f, worked out when linking (see CallResolver.typeClass).
  if (v.type === 'selector_expression' && fieldPath(v)) return `(.)${v.text}`;
  if (v.type === 'call_expression') {
    const called = field(v, 'function');
    const made = conversionType(called) ?? madeType(v, called, locals);
    if (made) return made;
    const f = called?.type === 'index_expression' ? field(called, 'operand') : called;
    return f && (f.type === 'identifier' || f.type === 'selector_expression')
      ? `()${oneLine(f.text)}`
      : undefined;
  }
  return undefined;
}

/**
 * The element type of a slice or map `x` (what `x[i]` and `range x` give): from a local typed
 * before (`[]T`, or by a call, a field, a defined slice type), a field `y.f`, or a call `x.Items()`.
 */
export function elementOf(x: Node | undefined, locals: Locals): string | undefined {
  if (x?.type === 'identifier') {
    const of = locals && Object.hasOwn(locals, x.text) ? locals[x.text] : undefined;
    const direct = of && /^(?:\[\]|map\[\])([^[@].*)$/.exec(of)?.[1];
    // otherwise (`()f`, a defined `type Tokens []*Token`, a field's type) worked out when linking
    return direct || (of ? `(elem)${x.text}` : undefined);
  }
  if (x?.type === 'selector_expression' && fieldPath(x)) return `(elem)(.)${x.text}`;
  const called = x?.type === 'call_expression' ? valueType(x, locals) : undefined;
  return called?.startsWith('()') ? `(elem)${called}` : undefined;
}

/** `y.f`, `y.a.b`: a variable's fields, nothing called or indexed. */
function fieldPath(x: Node): boolean {
  const operand = field(x, 'operand');
  return operand?.type === 'identifier' || (operand?.type === 'selector_expression' && fieldPath(operand));
}

/** `(*T)(x)`, `(*pkg.T)(p)`: a conversion to a pointer type written in brackets gives a T. */
function conversionType(called: Node | undefined): string | undefined {
  const inner = called?.type === 'parenthesized_expression' ? called.namedChildren[0] : undefined;
  if (inner?.type === 'pointer_type') return typeName(inner);
  const operand =
    inner?.type === 'unary_expression' && inner.text.startsWith('*') ? field(inner, 'operand') : null;
  return operand && /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?$/.test(operand.text) ? operand.text : undefined;
}

/** `make(T, n)`: a value of T (`[]T`, `map[K]V`, or a defined slice or map type), unless `make` is a local. */
function madeType(v: Node, called: Node | undefined, locals: Locals): string | undefined {
  if (called?.type !== 'identifier' || called.text !== 'make' || (locals && Object.hasOwn(locals, 'make')))
    return undefined;
  const t = field(v, 'arguments')?.namedChildren[0];
  if (t?.type === 'identifier') return t.text;
  return typeName(t ?? undefined);
}
