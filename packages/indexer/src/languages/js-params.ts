import type { Node } from 'web-tree-sitter';
import { baseType, field, fieldText, isArrayType, named } from '../extract/helpers.js';
import type { ParamIR } from '../ir.js';

/** A declared type's base name (`Foo` of `: Foo<T>`), or undefined. */
export function typeOf(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  const t = n.type === 'type_annotation' ? n.namedChildren[0] : n;
  if (!t) return undefined;
  if (t.type === 'generic_type') return fieldText(t, 'name');
  return isArrayType(t.text) ? undefined : baseType(t.text);
}

// A callback's declared type (`fn: (doc: Doc) => void`) is kept whole: the parameters of a
// function passed there are typed from it (see onCallback).
function paramType(annotation: Node | undefined): string | undefined {
  const t = typeOf(annotation);
  if (t || !annotation) return t;
  const text = annotation.text.replace(/^:\s*/, '').trim();
  return text.includes('=>') && text.length <= 300 ? text : undefined;
}

/** A JS/TS function's parameters, with declared types. */
export function params(node: Node | undefined): ParamIR[] {
  if (!node) return [];
  return named(node)
    .flatMap((p): ParamIR[] => {
      if (p.type === 'identifier') return [{ name: p.text }];
      if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
        const pat = field(p, 'pattern');
        return [{ name: pat?.text ?? '?', type: paramType(field(p, 'type')) }];
      }
      if (p.type === 'assignment_pattern') return [{ name: fieldText(p, 'left') ?? '?' }];
      if (p.type === 'rest_pattern') return [{ name: p.text.replace(/^\.\.\./, '') }];
      return [];
    })
    .map((p) => (p.type ? p : { name: p.name }));
}
