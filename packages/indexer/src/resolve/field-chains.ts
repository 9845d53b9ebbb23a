import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import type { CallResolver } from './calls.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/** At most this many fields between the variable and the method (`self.a.b.c.d.m()`). */
const MAX_FIELDS = 4;
const CHAIN = /^(\w+)((?:\.\w+){2,})$/;

/** What following a field chain needs of the call resolver. */
export type ChainContext = Pick<CallResolver, 'hierarchy' | 'classOfVar' | 'typeClass'>;

/**
 * Python `self.parser.state.set()`, `node.parent.ctx.m()`: each field after the variable (`self`
 * or a typed local) is typed by the class that holds it, and the method is looked up in the last
 * one. `undefined` when the receiver is no such chain (a dotted module path: `os.path.join`); `null`
 * when the variable is typed but a field of the chain is not (the call stays unresolved).
 */
export function fieldChainCall(
  r: ChainContext,
  file: FileEntry,
  caller: FnSym | undefined,
  cls: ClassSym | undefined,
  c: CallIR,
): CallTarget | null | undefined {
  const m = c.receiver ? CHAIN.exec(c.receiver) : null;
  if (!m) return undefined;
  const fields = m[2]!.slice(1).split('.');
  if (fields.length > MAX_FIELDS) return undefined;
  let owner = r.classOfVar(file, caller, cls, m[1]!, c.line);
  if (!owner) return undefined;
  for (const name of fields) {
    const t = r.hierarchy.fieldType(owner, name);
    const next: ClassSym | undefined = t ? r.typeClass(t.file, t.type, undefined, t.owner) : undefined;
    if (!next) return null;
    owner = next;
  }
  const fn = r.hierarchy.findMethod(owner, c.name, c, false, true);
  return fn ? { sym: fn.fn, resolution: 'field-type' } : null;
}
