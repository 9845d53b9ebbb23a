import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { argumentCount, argumentNodes, field } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import { cppArgTypes } from './cpp-call-args.js';

// What follows `new T` when it was `new T*[n]` (the grammar reads `new T` and an error node).
const POINTER_ARRAY = /^\s*\*+\s*(?:const\s*)?\[/;

/**
 * `new T(args)`: a construction of T. `new T*[n]` allocates an array of pointers and constructs no
 * T: nothing (leveldb's `new Iterator*[space]` had linked Iterator's constructor).
 * `new T(std::move(v))`: a moved value, as likely a T (the implicit move constructor runs) as an
 * argument of T's one-argument constructor: nothing, unless v is a parameter or local of another
 * known type (OpenCC's `new Lexicon(std::move(entries))`, a vector). `new T(f())` is still linked:
 * leveldb's `new SpecialEnv(Env::Default())` passes a pointer far more often than a copy.
 */
export function newConstruction(
  n: Node,
  b: FileBuilder,
  typeName: (n: Node | undefined) => string | undefined,
): Omit<CallIR, 'caller' | 'line'> | undefined {
  const type = field(n, 'type');
  if (!type) return undefined;
  // the error node may sit a few levels up (`T** list = new T*[n];` is a declaration's)
  let source = n;
  for (let i = 0; i < 4 && source.endIndex < type.endIndex + 3 && source.parent; i++) source = source.parent;
  const at = type.endIndex - source.startIndex;
  if (POINTER_ARRAY.test(source.text.slice(at, at + 40))) return undefined;
  const t = typeName(type);
  const args = field(n, 'arguments');
  const argc = argumentCount(args);
  if (argc === 1 && args && t && movedCopy(argumentNodes(args)[0], t, b)) return undefined;
  return t ? { name: t, form: 'new', argc, ...cppArgTypes(args, b) } : undefined;
}

/** Whether an argument is `std::move(v)` or `std::forward<T>(v)` with v not known to be of another type than `t`. */
function movedCopy(a: Node | undefined, t: string, b: FileBuilder): boolean {
  const f = a?.type === 'call_expression' ? field(a, 'function') : undefined;
  if (!f || !/^(?:std::)?(?:move|forward)(?:<.*>)?$/s.test(f.text)) return false;
  const held = cppArgTypes(field(a!, 'arguments'), b).argTypes;
  return held === undefined || held === t;
}
