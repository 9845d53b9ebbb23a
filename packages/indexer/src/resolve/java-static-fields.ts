import type { CallResolver } from './calls.js';
import { fieldChainClass } from './field-chain.js';
import type { ClassSym, FileEntry } from './symbols.js';

type Context = Pick<CallResolver, 'hierarchy' | 'classIn' | 'typeClass'>;

/**
 * Java `Type.CONSTANT.m()`, `Outer.Inner.FIELD.m()`, `Type.FIELD.next.m()`: the class of the value
 * the receiver reaches from the longest prefix naming a class, through its (static) fields, an enum
 * constant being a field of its enum's type. Undefined when no prefix is a class or a link is no
 * known field. The caller checks the first name is no variable.
 */
export function staticFieldClass(
  r: Context,
  file: FileEntry,
  cls: ClassSym | undefined,
  recv: string,
): ClassSym | undefined {
  const parts = recv.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const k = r.classIn(file, parts.slice(0, i).join('.'), cls);
    if (k)
      return fieldChainClass(r.hierarchy, k, parts.slice(i), (f, t, o) => r.typeClass(f, t, undefined, o));
  }
  return undefined;
}
