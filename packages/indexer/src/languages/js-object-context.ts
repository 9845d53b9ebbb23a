import type { Node } from 'web-tree-sitter';
import { declaredReturn, FUNCTION_NODES } from './js-members.js';

/** A JSDoc `@type` above the declaration holding `node` (JavaScript's variable annotation). */
function docTyped(node: Node): boolean {
  const decl = node.parent;
  const doc = (decl?.parent?.type === 'export_statement' ? decl.parent : decl)?.previousNamedSibling;
  return doc?.type === 'comment' && /@type\b/.test(doc.text);
}

/**
 * Whether the checker reads the type of the object literal `obj` from its context, so that
 * `this` in its methods is that type (an interface, a parameter's type, `any`), not the
 * literal: an argument (`define({ m() { this.n() } })`: unknown whether the parameter is a plain
 * type parameter, the one case where `this` is the literal), a typed variable, field or
 * parameter default, `as T`/`satisfies T`, what a function with a declared return type returns,
 * an assignment (in JavaScript only to a variable: `exports.x = {…}` declares x), a JSX value.
 * A member's literal (`{ a: { m() {…} } }`), an array element, a branch of `?:` and what a
 * function returns without a declared type take the context around them.
 */
export function typedByContext(obj: Node, js: boolean): boolean {
  let n = obj;
  for (let i = 0; i < 64; i++) {
    const p = n.parent;
    if (!p) return false;
    switch (p.type) {
      case 'parenthesized_expression':
      case 'array':
      case 'ternary_expression':
        if (p.type === 'ternary_expression' && p.childForFieldName('condition')?.id === n.id) return false;
        n = p;
        continue;
      case 'pair':
        if (p.childForFieldName('value')?.id !== n.id || p.parent?.type !== 'object') return false;
        n = p.parent;
        continue;
      case 'object':
        if (!FUNCTION_NODES.has(n.type)) return false;
        n = p; // a method's return: the method's type comes from its literal's context
        continue;
      case 'arguments':
      case 'satisfies_expression':
      case 'type_assertion':
      case 'binary_expression':
      case 'augmented_assignment_expression':
      case 'jsx_expression':
        return true;
      case 'as_expression':
        return !/\bas\s+const\s*$/.test(p.text);
      case 'variable_declarator':
        return (
          p.childForFieldName('value')?.id === n.id && (!!p.childForFieldName('type') || (js && docTyped(p)))
        );
      case 'public_field_definition':
      case 'required_parameter':
      case 'optional_parameter':
        return !!p.childForFieldName('type');
      case 'assignment_expression':
        return (
          p.childForFieldName('right')?.id === n.id &&
          (!js || p.childForFieldName('left')?.type === 'identifier')
        );
      case 'return_statement': {
        let f: Node | null = p;
        while (f && !FUNCTION_NODES.has(f.type)) f = f.parent;
        if (!f || declaredReturn(p, js)) return !!f;
        n = f;
        continue;
      }
      case 'arrow_function':
        if (p.childForFieldName('body')?.id !== n.id) return false;
        if (declaredReturn(n, js)) return true;
        n = p;
        continue;
      default:
        return false;
    }
  }
  return false;
}
