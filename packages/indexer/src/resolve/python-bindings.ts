import { own } from './hierarchy.js';
import type { Scope } from './scope.js';
import type { ClassSym, FileEntry, FnSym, Sym } from './symbols.js';

/**
 * Whether a Python function `outer` binds the name of its nested function `nested` more than once:
 * a second `def` (`if bytes: def post(…)` after `def post(…)`) or an assignment of that name
 * (`key_func = key`, `f = curry(f)`). Which binding a call meets depends on the path taken at run
 * time, so the call is not linked to any of them. A parameter of that name does not count: it is
 * bound before the body runs, and `check = lambda …: check_orig(…)` replaces it for what follows.
 */
export function rebound(file: FileEntry, outer: FnSym | undefined, nested: FnSym): boolean {
  if (file.spec.id !== 'python' || !outer) return false;
  const name = nested.ir.name;
  if (own(outer.ir.locals, name) !== undefined) return true;
  return file.functions.some((f) => f !== nested && f.ir.fqn === nested.ir.fqn);
}

/** `import a.b` then `a.b.f()`: what module a.b declares as f at its top level. */
export function dottedModuleMember(
  scope: Scope,
  file: FileEntry,
  recv: string,
  name: string,
): readonly Sym[] | undefined {
  if (file.spec.id !== 'python') return undefined;
  for (const imp of file.ir.imports) {
    if (imp.name || imp.alias || imp.source !== recv) continue;
    const fns = scope.table.modules.get(`py:${recv}`)?.top.get(name);
    if (fns) return fns;
  }
  return undefined;
}

/**
 * A Python class declared in the body of `caller` or of a function around it, by name: the
 * innermost one (see functionLocalClasses in symbols.ts); none when that function declares two.
 */
export function localClass(
  scope: Scope,
  file: FileEntry,
  caller: FnSym | undefined,
  name: string,
): ClassSym | undefined {
  if (file.spec.id !== 'python') return undefined;
  const inFile = <T extends Sym>(syms: readonly T[] | undefined) =>
    syms?.filter((s) => s.file === file) ?? [];
  for (let f = caller; f; ) {
    const ks = inFile(scope.table.classesByFqn.get(file.spec.style.join(f.ir.fqn, name, 'function')));
    // Two `class MyClass:` in one function: which one a call meets depends on where it runs.
    if (ks.length) return ks.length === 1 ? ks[0] : undefined;
    f = f.ir.parentFqn ? inFile(scope.table.fnsByFqn.get(f.ir.parentFqn))[0] : undefined;
  }
  return undefined;
}
