import type { Node } from 'web-tree-sitter';
import { baseType, field, fieldText, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';

// C++ declarators that hold the inner one as a child without a field name: `Foo& f()`,
// `const Foo& x`, `Args&&... args`, `int (&a)[3]`.
const UNNAMED_INNER = new Set(['reference_declarator', 'parenthesized_declarator', 'variadic_declarator']);

/** The declarator inside `d` (`*f(void)` → `f(void)`, `&x` → `x`). */
function inner(d: Node): Node | undefined {
  return field(d, 'declarator') ?? (UNNAMED_INNER.has(d.type) ? named(d).at(-1) : undefined);
}

// Function declarators nest inside pointer/reference declarators (`char *f(void)`, `Foo& get()`).
export function functionDeclarator(n: Node | undefined): Node | undefined {
  for (let d = n; d; d = inner(d)) if (d.type === 'function_declarator') return d;
  return undefined;
}

export function declName(n: Node | undefined): string | undefined {
  for (let d = n; d; d = inner(d)) {
    if (d.type === 'identifier' || d.type === 'field_identifier') return d.text;
  }
  return undefined;
}

export function typeName(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'template_type') return fieldText(n, 'name');
  return baseType(n.text);
}

/** A variable's or field's type, with its template arguments (`scoped_ptr<State>`: see resolve/cpp-arrow.ts). */
export function heldType(n: Node | undefined): string | undefined {
  const t = typeName(n);
  const text = n?.text.replace(/\s+/g, ' ') ?? '';
  return t && t !== 'auto' && text.endsWith('>') && text.length < 200 && baseType(text) === t ? text : t;
}

const PARAMETERS = new Set([
  'parameter_declaration',
  'optional_parameter_declaration',
  'variadic_parameter_declaration', // a C++ parameter pack, `Args&&... args`: any number of arguments
]);

export function params(n: Node | undefined): ParamIR[] {
  return (n ? named(n) : []).flatMap((p) => {
    if (!PARAMETERS.has(p.type)) return [];
    const name = declName(field(p, 'declarator'));
    const type = typeName(field(p, 'type'));
    const variadic = p.type === 'variadic_parameter_declaration' ? { variadic: true } : {};
    const optional = p.type === 'optional_parameter_declaration' ? { optional: true } : {};
    return name ? [{ name, ...(type ? { type } : {}), ...variadic, ...optional }] : [];
  });
}
