import type { CallIR } from '../ir.js';
import { exportsObjectMember } from './cjs-self.js';
import { bindsThis } from './hierarchy.js';
import type { Scope } from './scope.js';
import type { FileEntry, FnSym } from './symbols.js';

/** A function whose own `this` is unknown throughout (a nested `function`, `obj.m = function`). */
function ownThis(f: FnSym): boolean {
  const t = f.ir.locals.this;
  return t !== undefined && !t.startsWith('@');
}

/**
 * JS/TS `this.m()` in a method of what is no class: an object literal's (`module.exports = { m()
 * {…}, n() { this.m() } }`) or a constructor function's (`Reply.prototype.n = function () {
 * this.m() }`), or in the constructor function itself (`function Reply() { this.m() }`). The
 * checker reads `this` there as that object: its member m declared in the same file, if any, or
 * the file's function a `module.exports` literal lists by name (`{ m, n() {…} }`). An arrow
 * function inside the method keeps its `this`; a nested `function` or one passed as a callback
 * binds its own; so does one assigned to another object (`app.n = function`).
 */
export function objectThisMethod(
  file: FileEntry,
  caller: FnSym | undefined,
  c: CallIR,
  parent: (f: FnSym) => FnSym | undefined,
  scope: Scope,
): FnSym | undefined {
  const fnsByFqn = scope.table.fnsByFqn;
  for (let f = caller, i = 0; f && i < 20; f = parent(f), i++) {
    if (f.ir.classFqn) {
      if (f.cls || f.ir.kind !== 'method' || bindsThis(f, c.line)) return undefined;
      const fqn = file.spec.style.join(f.ir.classFqn, c.name, 'function');
      // Not one assigned to the object elsewhere (`obj.m = function…`, own `this`): the checker
      // types `this` from the literal itself.
      const found = fnsByFqn.get(fqn)?.filter((s) => s.file === file && !s.ir.accessor && !ownThis(s));
      // `module.exports = { top, m() { this.top() } }`: the file's function the literal lists.
      const listed = found?.length ? undefined : exportsObjectMember(scope, file, f.ir.classFqn, c.name);
      const fns = found?.length ? found : listed?.filter((s): s is FnSym => s.type === 'function');
      return fns?.length === 1 ? fns[0] : undefined;
    }
    // `function Runnable() { this.reset() }` with `Runnable.prototype.reset = function`: a constructor.
    if (f.ir.kind === 'function' && !f.ir.parentFqn && !bindsThis(f, c.line)) {
      const fqn = file.spec.style.join(`${f.ir.fqn}.prototype`, c.name, 'function');
      const found = fnsByFqn.get(fqn)?.filter((s) => s.file === file && !s.ir.accessor && !ownThis(s));
      return found?.length === 1 ? found[0] : undefined;
    }
    if (f.ir.kind !== 'closure' || bindsThis(f, c.line)) return undefined;
  }
  return undefined;
}
