import type { ImportIR } from '../ir.js';
import { own } from './hierarchy.js';
import { starExports } from './python-star.js';
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

/** `import a.b` (where the caller sees it) then `a.b.f()`: what module a.b declares as f at its top level. */
export function dottedModuleMember(
  scope: Scope,
  file: FileEntry,
  recv: string,
  name: string,
  visible: (imp: ImportIR) => boolean,
): readonly Sym[] | undefined {
  if (file.spec.id !== 'python') return undefined;
  for (const imp of file.ir.imports) {
    if (imp.name || imp.alias || imp.source !== recv || !visible(imp)) continue;
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

/**
 * Whether a module-level import of a Python file may bind `name` to something other than the
 * file's own `def`/`class` of that name (`own`): `try: from functools import cached_property`
 * with `except ImportError: def cached_property…`, an `if` choosing between the two, or a star
 * import after the definition that brings the name. Which binding a call meets depends on the
 * path taken at run time. An import of the definition itself (`from .live import Live` in
 * `live.py`) does not count.
 */
export function importRebinds(
  scope: Scope,
  file: FileEntry,
  name: string,
  own: readonly Sym[],
  depth = 0,
): boolean {
  // Most names no import binds: answered without the guard's key.
  if (!file.ir.imports.some((imp) => mayBind(imp, name, own))) return false;
  // `from .live import Live` in live.py comes back here: the name then is the file's own.
  const key = `${file.rel}\u0000${name}`;
  if (checking.has(key)) return false;
  checking.add(key);
  try {
    return file.ir.imports.some((imp) => rebinds(scope, file, imp, name, own, depth));
  } finally {
    checking.delete(key);
  }
}

const checking = new Set<string>();

function rebinds(
  scope: Scope,
  file: FileEntry,
  imp: ImportIR,
  name: string,
  own: readonly Sym[],
  depth: number,
) {
  if (!mayBind(imp, name, own)) return false;
  if (imp.name === '*') {
    const t = scope.resolveImport(file, imp, depth + 1);
    const m = t?.kind === 'module' ? t.files[0] : undefined;
    const syms = m && starExports(m, name) ? scope.member(m, name, depth + 1) : undefined;
    return syms !== undefined && !within(syms, own);
  }
  const t = scope.resolveImport(file, imp, depth + 1);
  return t?.kind !== 'syms' || !within(t.syms, own);
}

/**
 * Whether a module-level import may bind `name`, before resolving it: one naming it, or a star
 * import after the definitions (one before them: the definitions win).
 */
function mayBind(imp: ImportIR, name: string, own: readonly Sym[]): boolean {
  if (imp.fn !== undefined || imp.kind !== 'import') return false;
  if (imp.name === '*') return !own.every((s) => s.ir.line > imp.line);
  return (imp.alias ?? (imp.name ? imp.name.split('.').pop() : imp.source.split('.')[0])) === name;
}

/** Whether every symbol of `syms` is one of `own`. */
const within = (syms: readonly Sym[], own: readonly Sym[]) => syms.every((s) => own.includes(s));

/** What a Python name bound by two rival imports resolves through: no module has this name. */
export const RIVAL_IMPORT: ImportIR = {
  kind: 'import',
  source: '\u0000rival',
  alias: '\u0000rival',
  line: 0,
};

/**
 * Whether two module-level imports binding one name bind different things (`import tomllib` and
 * `from ._vendored import tomli as tomllib`). `import a.b` and `import a.c` both bind `a`, the
 * same package, and are no rivals.
 */
export function rivalImports(a: ImportIR, b: ImportIR): boolean {
  if (!a.name && !a.alias && !b.name && !b.alias) return false;
  return a.source !== b.source || a.name !== b.name || (a.level ?? 0) !== (b.level ?? 0);
}
