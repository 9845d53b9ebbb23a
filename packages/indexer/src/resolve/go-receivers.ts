import type { CallIR } from '../ir.js';
import { calledFunction } from './called-function.js';
import type { CallResolver } from './calls.js';
import { fieldChainClass } from './field-chain.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/** `xs[i]`, `x.items[k]`, `xs[i].f`: an element of a variable or of its field (and its fields). */
const INDEXED = /^(\w+)((?:\.\w+)*)\[[^[\]]*\]((?:\.\w+)*)$/;

/** `p.Peek().Range`: fields of what a call returns. */
const CALLED_FIELDS = /^(.+\))((?:\.\w+)+)$/;

type ReceiverContext = Pick<CallResolver, 'hierarchy' | 'typeClass'>;

/**
 * Go receivers no name or field chain covers: an indexed slice or map (`vars[i].SourceRange()`,
 * `call.Arguments[0].Range()`, the element type its declaration gives) and fields of a call's
 * result (`p.Peek().Range.Ptr()`). Undefined when the receiver is no such form; null when it is
 * but its class is not known.
 */
export function goReceiverClass(
  r: ReceiverContext,
  file: FileEntry,
  caller: FnSym | undefined,
  c: CallIR,
): ClassSym | null | undefined {
  const recv = c.receiver!;
  const typeOf = (f: FileEntry, t: string, o: ClassSym) => r.typeClass(f, t, undefined, o);
  const indexed = INDEXED.exec(recv);
  if (indexed) {
    const path = indexed[1]! + indexed[2]!;
    const type = indexed[2] ? `(elem)(.)${path}` : `(elem)${path}`;
    const elem = r.typeClass(file, type, caller, caller?.cls, c.line);
    const links = indexed[3]!.split('.').slice(1);
    return (elem && fieldChainClass(r.hierarchy, elem, links, typeOf)) ?? null;
  }
  const fields = CALLED_FIELDS.exec(recv);
  const made = fields && calledFunction(fields[1]!);
  if (!made) return undefined;
  const owner = r.typeClass(file, `()${made}`, caller, caller?.cls, c.line);
  const links = fields![2]!.split('.').slice(1);
  return (owner && fieldChainClass(r.hierarchy, owner, links, typeOf)) ?? null;
}
