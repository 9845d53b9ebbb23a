import type { Node } from 'web-tree-sitter';

/**
 * What a call through a comma expression calls: `(0, _m.f)(x)`, as Babel and TypeScript compile an
 * imported function's call to CommonJS, calls `_m.f` (without `_m` as `this`). Only literal operands
 * may come before the last one; any other callee is returned as it is. The grammar reads
 * `await (0, _m.f)(x)` as a call of `await(0, _m.f)`: the same callee.
 */
export function sequenceCallee(fn: Node | null | undefined): Node | null | undefined {
  const awaited = fn?.type === 'call_expression' && fn.childForFieldName('function')?.text === 'await';
  const list = awaited
    ? fn.childForFieldName('arguments')
    : fn?.type === 'parenthesized_expression'
      ? fn
      : null;
  const seq = awaited ? list : list?.namedChildren[0];
  if (!list || (!awaited && (seq?.type !== 'sequence_expression' || list.namedChildCount !== 1))) return fn;
  const parts = seq!.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const last = parts.at(-1);
  if (!last || parts.length < 2 || parts.slice(0, -1).some((c) => c.type !== 'number')) return fn;
  return last.type === 'member_expression' || last.type === 'identifier' ? last : fn;
}
