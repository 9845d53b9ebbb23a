import type { Scope } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

/** Whether `from m import *` brings `name` from m: listed in its `__all__`, else any name without `_`. */
export function starExports(m: FileEntry, name: string): boolean {
  const all = m.ir.starNames;
  return all ? all.includes(name) : !name.startsWith('_');
}

/**
 * What a Python file's module-level `from m import *` bind `name` to: what each such m defines or
 * imports under that name, when m exports it. Nothing when the file assigns the name itself at
 * module level (which binding a call meets depends on the order run), or when two star imports
 * bring different definitions.
 */
export function starImported(
  scope: Scope,
  file: FileEntry,
  name: string,
  depth: number,
): readonly Sym[] | undefined {
  if (file.ir.globals && Object.hasOwn(file.ir.globals, name)) return undefined;
  let found: readonly Sym[] | undefined;
  for (const imp of file.ir.imports) {
    if (imp.name !== '*' || imp.fn !== undefined) continue;
    const t = scope.resolveImport(file, imp, depth + 1);
    if (t?.kind !== 'module') continue;
    for (const m of t.files) {
      if (!starExports(m, name)) continue;
      const syms = scope.member(m, name, depth + 1);
      if (!syms) continue;
      if (found && !sameSyms(found, syms)) return undefined;
      found = syms;
    }
  }
  return found;
}

const sameSyms = (a: readonly Sym[], b: readonly Sym[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);
