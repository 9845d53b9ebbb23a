import type { EnclosingFunctions } from './enclosing.js';
import { own } from './hierarchy.js';
import type { FileEntry, FnSym } from './symbols.js';

const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);

/**
 * JS/TS: a parameter or local of `name` in the caller or a function around it, up to the one
 * declaring the nested function of that name, binds the name too (`for (const fn of handlers)
 * fn()` inside `const fn = …`); anonymous callbacks share their function's names, so which one a
 * call means is not known.
 */
export function jsShadowed(
  enc: EnclosingFunctions,
  file: FileEntry,
  caller: FnSym | undefined,
  around: FnSym | undefined,
  name: string,
): boolean {
  if (!JS_LANGS.has(file.spec.id)) return false;
  for (let f = caller; f; f = f === around ? undefined : enc.parent(file, f))
    if (f.ir.params.some((p) => p.name === name) || own(f.ir.locals, name) !== undefined) return true;
  return false;
}
