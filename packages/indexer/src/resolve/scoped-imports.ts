import type { FileIR, FunctionIR, ImportIR } from '../ir.js';
import type { FileEntry, FnSym } from './symbols.js';

/** The function a nested function is declared in (EnclosingFunctions.parent). */
type Parent = (f: FnSym) => FnSym | undefined;

/**
 * Imports made inside functions (Python `def f(): from .x import g`, Rust `use` in a body), by the
 * function they are made in: they bind their name in that function and the ones nested in it only,
 * never in the rest of the file (Scope.bindings leaves them out). Built once per file.
 */
const byFunction = new WeakMap<FileIR, Map<FunctionIR, ImportIR[]>>();

function scopedImports(file: FileEntry): Map<FunctionIR, ImportIR[]> {
  let m = byFunction.get(file.ir);
  if (m) return m;
  m = new Map();
  for (const imp of file.ir.imports) {
    const where = imp.fn === undefined || imp.kind !== 'import' ? undefined : file.ir.functions[imp.fn];
    if (!where) continue;
    const list = m.get(where);
    if (list) list.push(imp);
    else m.set(where, [imp]);
  }
  byFunction.set(file.ir, m);
  return m;
}

/** The local name an import binds: `import a.b` binds `a` in Python. */
function boundName(file: FileEntry, imp: ImportIR): string {
  if (imp.alias) return imp.alias;
  if (imp.name) return imp.name.split('.').pop()!;
  return file.spec.id === 'python' ? imp.source.split('.')[0]! : imp.source;
}

/**
 * The import that binds `name` inside `caller` or the innermost function around it that imports
 * it; undefined when no function there imports the name (the module's own names then apply).
 */
export function scopedImport(
  file: FileEntry,
  caller: FnSym | undefined,
  name: string,
  parent: Parent,
): ImportIR | undefined {
  const scoped = caller ? scopedImports(file) : undefined;
  if (!scoped?.size) return undefined;
  for (let f: FnSym | undefined = caller; f; f = parent(f)) {
    const hit = scoped.get(f.ir)?.find((imp) => boundName(file, imp) === name);
    if (hit) return hit;
  }
  return undefined;
}

/** Whether an import binds its name where `caller` runs: a module-level one, or one made in `caller` or around it. */
export function importVisible(
  file: FileEntry,
  imp: ImportIR,
  caller: FnSym | undefined,
  parent: Parent,
): boolean {
  if (imp.fn === undefined) return true;
  const where = file.ir.functions[imp.fn];
  for (let f: FnSym | undefined = caller; f; f = parent(f)) if (f.ir === where) return true;
  return false;
}
