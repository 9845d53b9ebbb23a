import { own } from './hierarchy.js';
import type { PackageGlobal } from './package-globals.js';
import type { Scope } from './scope.js';
import type { FileEntry } from './symbols.js';

/**
 * Python `from .deprecated import HOOK_LEGACY_PATH_ARG` where that module assigns
 * `HOOK_LEGACY_PATH_ARG = UnformattedWarning(…)` at its top level: the variable's type there
 * (through modules that import it again). Assigned two types, of unknown type, or a name the
 * module also defines or imports as a module: undefined.
 */
export function pythonImportedGlobal(
  scope: Scope,
  file: FileEntry,
  name: string,
  depth = 0,
): PackageGlobal | undefined {
  const imp = depth > 4 ? undefined : scope.bindings(file).get(name);
  if (!imp?.name || imp.name === '*') return undefined;
  // a submodule, class or function of that name
  if (scope.resolveImport(file, imp)) return undefined;
  const t = scope.resolveImport(file, { ...imp, name: '*', alias: undefined });
  const m = t?.kind === 'module' && t.files.length === 1 ? t.files[0]! : undefined;
  if (m?.spec.id !== 'python') return undefined;
  const type = m.ir.globals && own(m.ir.globals, imp.name);
  if (type !== undefined) return type && type !== '?' ? { file: m, type } : undefined;
  if (m.top.has(imp.name)) return undefined;
  return pythonImportedGlobal(scope, m, imp.name, depth + 1);
}
