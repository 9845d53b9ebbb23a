import type { CallIR } from '../ir.js';
import { pickOverload } from './overloads.js';
import type { Scope } from './scope.js';
import type { FileEntry, FnSym } from './symbols.js';

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
