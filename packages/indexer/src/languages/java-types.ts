import type { Node } from 'web-tree-sitter';
import { baseType, field } from '../extract/helpers.js';

/** A class type's base name (`Map` of `Map<K, V>`, `Entry` of `Map.Entry`); none for a primitive or an array. */
export function typeName(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'generic_type') return typeName(n.namedChildren[0] ?? undefined);
  if (n.type === 'type_identifier' || n.type === 'scoped_type_identifier') return baseType(n.text);
  return undefined;
}

/**
 * A class type as declared, with its type arguments (`List<? extends Spec<?>>`, spaces only where
 * the syntax needs them, annotations dropped): the overload choice compares them.
 */
export function declaredType(n: Node | undefined): string | undefined {
  if (n?.type !== 'generic_type') return typeName(n);
  return n.text
    .replace(/@[\w.]+(?:\([^)]*\))?/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([<>,[\]])\s*/g, '$1')
    .trim();
}

const PRIMITIVE = new Set(['integral_type', 'floating_point_type', 'boolean_type']);

/**
 * The type of a variable (a field or a local) as its declaration writes it: a class type (see
 * `declaredType`), a primitive (`int`), or an array of either (`byte[]`, `int x[]`), which an
 * argument passed as the variable has (the overload choice rules out `write(int)` for a `byte[]`).
 */
export function variableType(t: Node | undefined, declarator?: Node): string | undefined {
  const dims = (declarator && field(declarator, 'dimensions')?.text.replace(/\s+/g, '')) ?? '';
  if (t?.type === 'array_type') {
    const element = variableType(field(t, 'element'));
    const own = field(t, 'dimensions')?.text.replace(/\s+/g, '') ?? '';
    return element && /^(\[\])+$/.test(own + dims) ? element + own + dims : undefined;
  }
  const base = declaredType(t) ?? (t && PRIMITIVE.has(t.type) ? t.text : undefined);
  if (!base || !dims) return base;
  return /^(\[\])+$/.test(dims) && base !== 'var' ? base + dims : undefined;
}

/** A method's declared return type: a class's base name or a primitive (arrays and `void` name none). */
export function returnTypeName(n: Node | undefined): string | undefined {
  return typeName(n) ?? (n && PRIMITIVE.has(n.type) ? n.text : undefined);
}
