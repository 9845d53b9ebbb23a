import type { Node } from 'web-tree-sitter';
import { argumentNodes, field } from '../extract/helpers.js';

const LITERALS = new Set([
  'number_literal',
  'char_literal',
  'string_literal',
  'concatenated_string',
  'raw_string_literal',
  'true',
  'false',
  'null',
  'nullptr',
]);
// What a constructed value may sit in on its way up to the variable it initializes.
const AGGREGATES = new Set(['initializer_list', 'initializer_pair', 'parenthesized_expression']);

/**
 * Whether an expression is a constant: a literal, a capitalised name (a macro or constant,
 * `FLT_MAX`), or operators, casts and `sizeof` over them.
 */
function constant(n: Node | null | undefined): boolean {
  if (!n) return false;
  if (LITERALS.has(n.type) || n.type === 'sizeof_expression') return true;
  switch (n.type) {
    case 'identifier':
      return /^[A-Z][A-Z0-9_]*$/.test(n.text);
    case 'unary_expression':
      return constant(field(n, 'argument'));
    case 'binary_expression':
      return constant(field(n, 'left')) && constant(field(n, 'right'));
    case 'parenthesized_expression':
      return n.namedChildCount === 1 && constant(n.namedChild(0));
    case 'cast_expression':
      return constant(field(n, 'value'));
    default:
      return false;
  }
}

/** Whether every argument of a list is a constant (an empty or absent list: yes). */
export function constantArguments(list: Node | null | undefined): boolean {
  return !list || argumentNodes(list).every(constant);
}

/**
 * Whether the value an expression makes initializes a variable (`T x = T(1, 2);`, also inside an
 * initializer list) or is returned (`return T();`): there GCC evaluates a `constexpr` constructor
 * with constant arguments at compile time, even unoptimised. An argument of a call or an operator
 * (`f(T(0, 0))`, `a - T(1, 1)`) is a temporary it constructs at run time.
 */
export function initializesValue(n: Node): boolean {
  let below = n;
  let p = n.parent;
  while (p && AGGREGATES.has(p.type)) {
    below = p;
    p = p.parent;
  }
  if (p?.type === 'return_statement') return true;
  return p?.type === 'init_declarator' && field(p, 'value')?.id === below.id;
}

/** `{ constantInit: true }` for a call `T(…)` whose value initializes a variable with constant arguments. */
export function constantCallInit(n: Node): { constantInit?: true } {
  return initializesValue(n) && constantArguments(field(n, 'arguments')) ? { constantInit: true } : {};
}
