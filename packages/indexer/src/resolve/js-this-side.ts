import type { ClassSym, FnSym } from './symbols.js';

const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);

/**
 * Which of a JS/TS class's methods `this.m()` can reach from `caller`: in a method written in the
 * class body, `this` is an instance (`true`: its `static` methods are the class's own, not the
 * object's), or in a `static` one the class itself (`'static'`: only static methods). Anywhere
 * else (`Foo.prototype.f = …`, `Foo.f = …`, another language) every method of the name (`false`).
 */
export function thisSide(caller: FnSym | undefined, cls: ClassSym): boolean | 'static' {
  if (!caller || !JS_LANGS.has(cls.file.spec.id) || caller.ir.classFqn !== cls.ir.fqn) return false;
  if (caller.file !== cls.file || caller.ir.kind === 'closure' || caller.ir.kind === 'function') return false;
  if (caller.ir.line < cls.ir.line || caller.ir.endLine > cls.ir.endLine) return false;
  return caller.ir.isStatic ? 'static' : true;
}
