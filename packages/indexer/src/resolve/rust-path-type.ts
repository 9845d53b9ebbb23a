import type { CallIR } from '../ir.js';
import type { ClassHierarchy } from './hierarchy.js';
import { reexported, rustModuleFunction, rustModulePaths } from './rust-module-function.js';
import type { Scope } from './scope.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/**
 * Rust `crate::tests::Runner::new(1)`, `super::Config::default()`, `dfa::Builder::new()`: the type a
 * module path names — declared in that module, or brought in by its `use` — whose associated
 * function is called. A trait is no answer (`Trait::m(x)` runs the impl of x's type).
 */
export function rustPathClass(
  scope: Scope,
  file: FileEntry,
  here: string,
  path: string,
): ClassSym | undefined {
  const at = path.lastIndexOf('::');
  const type = path.slice(at + 2);
  if (at < 0 || !/^[A-Z]/.test(type)) return undefined;
  for (const m of rustModulePaths(scope, file, here, path.slice(0, at))) {
    const declared = scope.table.classesByFqn.get([...m, type].join('::')) ?? [];
    const t = declared.length ? undefined : reexported(scope, file, m, type);
    const found = declared.length ? declared : t?.kind === 'syms' ? t.syms : [];
    const classes = found.filter((s): s is ClassSym => s.type === 'class');
    if (classes.length === 1) return classes[0]!.ir.kind === 'trait' ? undefined : classes[0];
    if (found.length) return undefined;
  }
  return undefined;
}

/** Rust `shapes::area()`, `super::f()`, `crate::a::Type::new()`: a module's function, else an associated function of the type the path names. */
export function rustPathCall(
  scope: Scope,
  hierarchy: ClassHierarchy,
  file: FileEntry,
  here: string,
  path: string,
  c: CallIR,
): FnSym | undefined {
  const fn = rustModuleFunction(scope, file, here, path, c);
  if (fn) return fn;
  const type = rustPathClass(scope, file, here, path);
  return type && hierarchy.findMethod(type, c.name, c)?.fn;
}
