import type { CallIR } from '../ir.js';
import { pickOverload } from './overloads.js';
import type { Scope } from './scope.js';
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
  for (const m of mods) {
    const fns = scope.table.fnsByFqn
      .get([...m, c.name].join('::'))
      ?.filter((f) => !f.cls && !f.ir.parentFqn && !f.ir.classFqn);
    const fn = fns?.length ? pickOverload(fns, c) : undefined;
    if (fn) return fn;
  }
  return undefined;
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
