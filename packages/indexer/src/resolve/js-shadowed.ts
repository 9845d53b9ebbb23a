import type { CallIR } from '../ir.js';
import type { EnclosingFunctions } from './enclosing.js';
import { own } from './hierarchy.js';
import type { FileEntry, FnSym, Sym } from './symbols.js';

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

/**
 * JS/TS code outside every Function: a bare call of a name that a top-level callback's parameter
 * or a top-level block's variable binds on the call's line (`dual(2, (self, f) => f(self))`) runs
 * that value, not a function of that name declared outside the block (one declared in it, as in
 * `var E = (function () { function E() {…} return E })()`, may be what the variable holds).
 */
export function onLine(file: FileEntry, caller: FnSym | undefined, c: CallIR, target: Sym): boolean {
  const value = file.ir.globals?.[c.name];
  if (caller || !value?.startsWith('@') || !JS_LANGS.has(file.spec.id)) return false;
  const inside = (line: number, e: string) => {
    const [first, last] = e.slice(0, e.indexOf('=')).split('-').map(Number) as [number, number];
    return line >= first && line <= last;
  };
  const blocks = value
    .slice(1)
    .split(';')
    .filter((e) => inside(c.line, e));
  return blocks.length > 0 && !(target.file === file && blocks.some((e) => inside(target.ir.line, e)));
}
