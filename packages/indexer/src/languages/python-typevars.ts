import type { Node } from 'web-tree-sitter';
import type { FileBuilder } from '../extract/builder.js';
import { field, fieldText, named, unquote } from '../extract/helpers.js';
import type { FileIR } from '../ir.js';

/** Each file's module-level `C = TypeVar("C", bound=BaseConverter)`: C -> BaseConverter (extraction only). */
const bounds = new WeakMap<FileIR, Map<string, string>>();
const TYPE_VAR = /^(?:\w+\.)?TypeVar$/;
const CLASS_NAME = /^[A-Za-z_][\w.]*$/;

/**
 * Records a module-level TypeVar with a class as its bound: a value annotated with it
 * (`converter: C`) is an instance of that class or a subclass, as if annotated with the bound.
 * A bound that is a union, a callable or a subscript names no one class and is not recorded.
 */
export function typeVarBound(node: Node, b: FileBuilder): void {
  if (b.currentFunction || b.currentClass) return;
  const left = field(node, 'left');
  const right = field(node, 'right');
  if (left?.type !== 'identifier' || right?.type !== 'call') return;
  if (!TYPE_VAR.test(fieldText(right, 'function') ?? '')) return;
  const args = named(field(right, 'arguments') ?? right);
  const kw = args.find((a) => a.type === 'keyword_argument' && fieldText(a, 'name') === 'bound');
  const value = kw ? field(kw, 'value') : undefined;
  if (value?.type !== 'string' && value?.type !== 'identifier' && value?.type !== 'attribute') return;
  const text = value.type === 'string' ? unquote(value.text) : value.text;
  if (!CLASS_NAME.test(text)) return;
  const map = bounds.get(b.ir) ?? new Map<string, string>();
  map.set(left.text, text);
  bounds.set(b.ir, map);
}

/**
 * After the walk (a TypeVar may be declared below the class that uses it): every type of the file
 * that is one of its bounded TypeVars — parameters, locals, return types, fields — becomes the bound.
 */
export function applyTypeVarBounds(ir: FileIR): void {
  const map = bounds.get(ir);
  if (!map) return;
  const bound = (t: string | undefined) => (t !== undefined && map.get(t)) || t;
  const rebind = (types: Record<string, string>) => {
    for (const k of Object.keys(types)) types[k] = bound(types[k])!;
  };
  for (const fn of ir.functions) {
    fn.params = fn.params.map((p) => (p.type && map.has(p.type) ? { ...p, type: map.get(p.type) } : p));
    if (fn.returnType) fn.returnType = bound(fn.returnType);
    rebind(fn.locals);
  }
  for (const cls of ir.classes) rebind(cls.fields);
}
