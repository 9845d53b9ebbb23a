import { rustImport } from './rust-imports.js';
import type { Scope, Target } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

/**
 * Rust: a name a glob `use` (`use super::*;`, `use crate::map::*;`) of module `here` brings in: an
 * item the named module declares, or one its own `use` names. Consulted after the module's own
 * items and named imports; two globs that each bring the name in leave it unresolved.
 */
export function rustGlobbed(scope: Scope, file: FileEntry, name: string, here: string): Target | undefined {
  let found: readonly Sym[] | undefined;
  for (const imp of file.ir.imports) {
    if (imp.name !== '*' || imp.fn !== undefined || (imp.module ?? file.ir.module ?? '') !== here) continue;
    const t = rustImport(scope, file, imp, 1);
    if (t?.kind !== 'module') continue;
    for (const f of t.files) {
      if (f === file) continue;
      const mod = f.ir.module ?? '';
      const own = f.top.get(name)?.filter((s) => s.ir.fqn === (mod ? `${mod}::${name}` : name));
      const used = own?.length ? undefined : scope.bindings(f).get(name);
      const via = used && used.name !== '*' ? scope.resolveImport(f, used, 2) : undefined;
      const syms = own?.length ? own : via?.kind === 'syms' ? via.syms : undefined;
      if (!syms) continue;
      if (found && found[0] !== syms[0]) return undefined;
      found = syms;
    }
  }
  return found ? { kind: 'syms', syms: found, via: 'import' } : undefined;
}
