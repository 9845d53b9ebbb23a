import type { FnSym } from './symbols.js';

/**
 * Rust: of a type's methods of one name, the inherent ones (`impl ArrayVec { fn len(&self) }`) over
 * those of traits implemented for the type itself that take `self` alike: method lookup meets both
 * at the same receiver type and tries the type's own first (`impl ArrayVecImpl for ArrayVec { fn
 * len(&self) { self.len() } }` calls the inherent `len`). A trait implemented for `&T`, or a method
 * taking `self` otherwise, is met at another step of the lookup, first or last depending on the
 * receiver's type: those stay ambiguous, as does every call on the `self` of a method of an
 * `impl … for &T` block (`refSelf`: a `&&T`, which a trait implemented for every `&G` takes first).
 */
export function inherentFirst(fns: readonly FnSym[], refSelf = false): readonly FnSym[] {
  if (fns.length < 2 || refSelf || fns[0]!.file.spec.id !== 'rust') return fns;
  const inherent = fns.filter((f) => f.ir.traitImpl === undefined);
  const mode = inherent[0]?.ir.receiver;
  if (!mode || inherent.length === fns.length || inherent.some((f) => f.ir.receiver !== mode)) return fns;
  const alike = fns.every((f) => f.ir.receiver === mode && !f.ir.traitImpl?.startsWith('&'));
  return alike ? inherent : fns;
}
