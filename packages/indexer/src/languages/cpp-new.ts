import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { argumentCount, field } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import { cppArgTypes } from './cpp-call-args.js';

// What follows `new T` when it was `new T*[n]` (the grammar reads `new T` and an error node).
const POINTER_ARRAY = /^\s*\*+\s*(?:const\s*)?\[/;

/**
 * `new T(args)`: a construction of T. `new T*[n]` allocates an array of pointers and constructs no
 * T: nothing (leveldb's `new Iterator*[space]` had linked Iterator's constructor).
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
  return t ? { name: t, form: 'new', argc: argumentCount(args), ...cppArgTypes(args, b) } : undefined;
}
