import type { Node } from 'web-tree-sitter';
import { field, named } from '../extract/helpers.js';

// Where the walk up from a call stops: a body runs when its function does.
const BODIES = new Set(['compound_statement', 'lambda_expression', 'function_definition']);

/** Whether a declaration is `constexpr` or `constinit`: its initializer is evaluated by the compiler. */
export function constantDeclaration(decl: Node | null | undefined): boolean {
  return (
    decl?.type === 'declaration' &&
    named(decl).some((c) => c.type === 'type_qualifier' && (c.text === 'constexpr' || c.text === 'constinit'))
  );
}

/**
 * Whether a C++ call is evaluated at compile time, so no code calls it at run time: in the
 * initializer of a `constexpr` (or `constinit`) variable (`static constexpr auto t = MakeTable();`),
 * a `static_assert`, a template argument (`std::array<int, size()>`) or an `if constexpr` condition.
 */
export function compileTimeCall(n: Node): boolean {
  for (let p = n.parent, below: Node = n; p && !BODIES.has(p.type); below = p, p = p.parent) {
    if (p.type === 'static_assert_declaration' || p.type === 'template_argument_list') return true;
    if (p.type === 'init_declarator' && field(p, 'value')?.id === below.id)
      return constantDeclaration(p.parent);
    if (p.type === 'if_statement' && field(p, 'condition')?.id === below.id)
      return p.children.some((c) => c?.type === 'constexpr');
  }
  return false;
}
