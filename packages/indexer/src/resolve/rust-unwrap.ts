import type { CallIR } from '../ir.js';
import { calledFunction } from './called-function.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';
import { callOf, type TypeContext } from './type-classes.js';

// What takes the value out of a `Result` or an `Option` (`?` is read as `.unwrap()`).
const UNWRAP = new Set([
  'unwrap',
  'expect',
  'unwrap_or',
  'unwrap_or_else',
  'unwrap_or_default',
  'unwrap_unchecked',
]);

/**
 * Rust `f(x).unwrap()`, `B::new().expect("…")`, `f(x)?`: the class the `Result` or `Option` that
 * the called function declares it returns holds (`-> Result<Parser, Error>`: a `Parser`; `Self`:
 * the function's own type). Undefined when the receiver is no such call.
 */
export function unwrappedClass(
  r: TypeContext,
  file: FileEntry,
  call: CallIR,
  caller: FnSym | undefined,
): ClassSym | undefined {
  if (file.spec.id !== 'rust' || !UNWRAP.has(call.name) || !call.receiver) return undefined;
  const made = calledFunction(call.receiver);
  if (!made) return undefined;
  const t = r.resolve(file, caller, callOf(made, call.line));
  const fn = t?.sym.type === 'function' ? t.sym : undefined;
  const held = fn?.ir.returnType && /^(?:Result|Option)<(.+)>$/.exec(fn.ir.returnType)?.[1];
  if (!fn || !held) return undefined;
  return held === 'Self' ? fn.cls : r.classIn(fn.file, held, fn.cls, fn);
}
