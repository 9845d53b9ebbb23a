import type { Node } from 'web-tree-sitter';
import { field, named } from '../extract/helpers.js';

const TYPE_PARAMETERS = new Set([
  'type_parameter_declaration',
  'optional_type_parameter_declaration',
  'variadic_type_parameter_declaration',
]);

/**
 * Whether a type (or a called name) is a type parameter of a template around it (`template <class
 * Model> void Query(const char* f) { Model model(f); }`): the instantiation gives the type, which is
 * no class of the project of that name (kenlm's `lm::base::Model` had been linked).
 */
export function isTypeParameter(t: Node | undefined): boolean {
  if (t?.type !== 'type_identifier' && t?.type !== 'identifier') return false;
  const name = t.text;
  for (let p = t.parent; p; p = p.parent) {
    if (p.type !== 'template_declaration') continue;
    const ps = field(p, 'parameters');
    const declares = (d: Node) =>
      TYPE_PARAMETERS.has(d.type) && named(d).some((c) => c.type === 'type_identifier' && c.text === name);
    if (ps && named(ps).some(declares)) return true;
  }
  return false;
}

/** `T(x)` or `T(x).m()` where T is a template's type parameter: what runs, the instantiation says. */
export function templateCall(call: Node): boolean {
  let f = field(call, 'function');
  if (f?.type === 'field_expression') {
    const recv = field(f, 'argument');
    f = recv?.type === 'call_expression' ? field(recv, 'function') : undefined;
  }
  return f !== undefined && /^[A-Z]/.test(f.text) && isTypeParameter(f);
}

/** `typeName` for a type node, none for a template's type parameter. */
export function concreteType(
  typeName: (t: Node | undefined) => string | undefined,
): (t: Node | undefined) => string | undefined {
  return (t) => (isTypeParameter(t) ? undefined : typeName(t));
}
