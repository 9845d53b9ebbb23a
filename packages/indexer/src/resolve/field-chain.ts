import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import type { CallResolver } from './calls.js';
import { goReceiverClass } from './go-receivers.js';
import type { ClassHierarchy } from './hierarchy.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/**
 * Languages whose fields have declared (or inferred) types, so `x.a.b.m()` follows them link by link
 * (Go `v.Options.Theme.String()`, Python `self.parser.state.set()`, Java `entry.header.name.length()`).
 */
const FIELD_CHAINS = new Set(['go', 'python', 'java']);

/** At most this many fields between the variable and the method (`self.a.b.c.d.m()`). */
const MAX_LINKS = 4;

type TypeOf = (file: FileEntry, type: string, owner: ClassSym, last: boolean) => ClassSym | undefined;

/**
 * The class reached from `owner` through the fields `links` (`a`, `b` of `x.a.b`), each typed by
 * the struct that declares it (an embedded one's too); undefined when a link is not a known field.
 */
export function fieldChainClass(
  hierarchy: ClassHierarchy,
  owner: ClassSym,
  links: readonly string[],
  typeOf: TypeOf,
): ClassSym | undefined {
  let at: ClassSym | undefined = owner;
  for (const [i, link] of links.entries()) {
    const t: ReturnType<ClassHierarchy['fieldType']> = at && hierarchy.fieldType(at, link);
    at = t ? typeOf(t.file, t.type, t.owner, i === links.length - 1) : undefined;
  }
  return at;
}

/** What following fields needs of the call resolver. */
type FieldContext = Pick<CallResolver, 'hierarchy' | 'classOfVar' | 'typeClass' | 'receiverClass'>;

/**
 * A method called on a field: `this.f.m()` (the field's declared type), `x.f.m()` (x a typed local,
 * parameter or variable), and in {@link FIELD_CHAINS} languages `x.a.b.m()`. Undefined when the
 * receiver is no such form; null when it is but a link is not known (the call stays unresolved).
 */
export function fieldCall(
  r: FieldContext,
  file: FileEntry,
  caller: FnSym | undefined,
  cls: ClassSym | undefined,
  c: CallIR,
): CallTarget | null | undefined {
  // The last field's type is the receiver's (a C++ `this->p->m()` goes through p's `operator->`).
  const typeOf = (f: FileEntry, t: string, o: ClassSym, last: boolean) =>
    last ? r.receiverClass(f, t, c, undefined, o) : r.typeClass(f, t, undefined, o);
  const field = /^(?:this|self|\$this)(?:\.|->)(#?\w+)$/.exec(c.receiver!);
  if (field && cls) {
    const target = fieldChainClass(r.hierarchy, cls, [field[1]!], typeOf);
    const m = target && r.hierarchy.findMethod(target, c.name, c, false, true);
    return m ? { sym: m.fn, resolution: 'field-type' } : null;
  }
  const other = file.spec.id === 'go' ? goReceiverClass(r, file, caller, c) : undefined;
  if (other !== undefined) {
    const m = other && r.hierarchy.findMethod(other, c.name, c, false, true);
    return m ? { sym: m.fn, resolution: 'field-type' } : null;
  }
  const member = /^([\w$]+)((?:(?:\.|->)\w+)+)$/.exec(c.receiver!);
  const links = member ? member[2]!.split(/\.|->/).slice(1) : [];
  if (!member || (links.length > 1 && !(FIELD_CHAINS.has(file.spec.id) && links.length <= MAX_LINKS)))
    return undefined;
  const owner = r.classOfVar(file, caller, cls, member[1]!.replace(/^\$/, ''), c.line);
  if (!owner) return undefined;
  const target = fieldChainClass(r.hierarchy, owner, links, typeOf);
  const m = target && r.hierarchy.findMethod(target, c.name, c, false, true);
  return m ? { sym: m.fn, resolution: 'field-type' } : null;
}
