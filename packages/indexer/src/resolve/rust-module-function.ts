import type { CallIR } from '../ir.js';
import { pickOverload } from './overloads.js';
import { crateRoot } from './rust-imports.js';
import type { Scope, Target } from './scope.js';
import type { FileEntry, FnSym, Sym } from './symbols.js';

/**
 * Rust `shapes::area()`, `crate::a::f()`, `super::f()`: a free function of a module of the crate,
 * the path read from the caller's module `here` (a child module), through a `use`, or from `crate`,
 * `self` or `super`.
 */
export function rustModuleFunction(
  scope: Scope,
  file: FileEntry,
  here: string,
  path: string,
  c: CallIR,
): FnSym | undefined {
  const mods = rustModulePaths(scope, file, here, path);
  const free = (fns: readonly Sym[] | undefined) => {
    const own = fns?.filter(
      (f): f is FnSym => f.type === 'function' && !f.cls && !f.ir.parentFqn && !f.ir.classFqn,
    );
    return own?.length ? pickOverload(own, c) : undefined;
  };
  for (const m of mods) {
    const fn = free(scope.table.fnsByFqn.get([...m, c.name].join('::')));
    if (fn) return fn;
  }
  // `crate::memchr(…)` where the crate root says `pub use crate::memchr::memchr;`
  for (const m of mods) {
    const t = reexported(scope, file, m, c.name);
    const fn = t?.kind === 'syms' ? free(t.syms) : undefined;
    if (fn) return fn;
  }
  return undefined;
}

/** Whether a Rust receiver is a path from `self`, `super` or `crate` (`crate::a::A` in `crate::a::A::new(1).run()` too). */
export const namesRustModule = (c: CallIR, recv: string) =>
  /^(self|super|crate)(::\w+)*$/.test(recv) && (c.form === 'static' || recv.includes('::'));

/**
 * The modules a path (`crate::a`, `super::a`, `a` through a `use` or as a child of `here`) may
 * name, as module paths from the crate root, likeliest first.
 */
export function rustModulePaths(scope: Scope, file: FileEntry, here: string, path: string): string[][] {
  const parts = path.split('::');
  let at = here.split('::').filter(Boolean);
  const mods: string[][] = [];
  if (parts[0] === 'crate') mods.push(parts.slice(1));
  else if (parts[0] === 'self' || parts[0] === 'super') {
    let i = 0;
    for (; parts[i] === 'super' || parts[i] === 'self'; i++) if (parts[i] === 'super') at = at.slice(0, -1);
    mods.push([...at, ...parts.slice(i)]);
  } else {
    const used = scope.lookup(file, parts[0]!);
    const mod = used?.kind === 'module' ? used.files[0]?.ir.module : undefined;
    if (mod !== undefined) mods.push([...mod.split('::').filter(Boolean), ...parts.slice(1)]);
    mods.push([...at, ...parts]);
  }
  return mods;
}

/** What module `mod`'s own `use` brings in under `name` (its descendants see even a private one). */
export function reexported(scope: Scope, file: FileEntry, mod: string[], name: string): Target | undefined {
  const owner = mod.length ? scope.table.modules.get(`rust:${mod.join('::')}`) : crateRoot(scope, file);
  const imp = owner ? scope.bindings(owner).get(name) : undefined;
  return imp ? scope.resolveImport(owner!, imp, 1) : undefined;
}

/**
 * The module a Rust call is made in: that of the function or impl around it (an inline
 * `mod tests` included), or the file's own for file-level code. `parent` finds the function a
 * nested function or closure is declared in.
 */
export function rustCallerModule(
  file: FileEntry,
  caller: FnSym | undefined,
  parent: (fqn: string) => FnSym | undefined,
): string {
  let top = caller;
  while (top?.ir.parentFqn) top = parent(top.ir.parentFqn);
  // `impl Display for Version` of a type another file declares (named through a `use`): written here.
  if (!top || (top.cls && top.cls.file !== file)) return file.ir.module ?? '';
  const owner = top.ir.classFqn ?? top.ir.fqn;
  return owner.slice(0, Math.max(0, owner.lastIndexOf('::')));
}

/**
 * Of a file's top-level items named alike, those a name spelled in module `here` sees: the ones
 * declared in `here`, or else in the closest module around it (an inline `mod tests` sees its
 * parent's through the usual `use super::*`). Items of another inline module of the file (a
 * sibling, or `mod tests` seen from its parent) are out of scope: the name is then an import.
 */
export function rustInScope(items: readonly Sym[], here: string): Sym[] {
  let best: Sym[] = [];
  let depth = -1;
  for (const s of items) {
    const mod = s.ir.fqn.slice(0, Math.max(0, s.ir.fqn.lastIndexOf('::')));
    const d = mod ? mod.split('::').length : 0;
    const encloses = mod === '' || mod === here || here.startsWith(`${mod}::`);
    if (!encloses || d < depth) continue;
    if (d > depth) best = [];
    depth = d;
    best.push(s);
  }
  return best;
}

/**
 * Rust: the module a type name is spelled in, so that a file's inline modules that declare types
 * of one name (`mod unsync { struct OnceCell }`, `mod sync { struct OnceCell }`) each see their own:
 * the module of the struct declaring a field, else of the function whose signature names the type.
 * Undefined outside Rust; the file's module where the owner is not declared under it.
 */
export function rustTypeModule(file: FileEntry, fn?: FnSym, owner = fn?.cls): string | undefined {
  if (file.spec.id !== 'rust') return undefined;
  const own = file.ir.module ?? '';
  if (owner && owner.file !== file) return own;
  const fqn = owner?.ir.fqn ?? fn?.ir.classFqn ?? fn?.ir.fqn;
  const mod = fqn ? fqn.slice(0, Math.max(0, fqn.lastIndexOf('::'))) : own;
  return own === '' || mod === own || mod.startsWith(`${own}::`) ? mod : own;
}
