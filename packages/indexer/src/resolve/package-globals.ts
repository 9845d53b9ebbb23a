import { declaredAt, localAt } from '../extract/helpers.js';
import { own } from './hierarchy.js';
import { importedGlobal } from './js-imported-globals.js';
import { pythonImportedGlobal } from './python-imported-globals.js';

const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);

import type { Scope } from './scope.js';
import type { FileEntry } from './symbols.js';

/** A package-level variable's type and the file that declares it (whose imports name the type). */
export interface PackageGlobal {
  readonly file: FileEntry;
  readonly type: string;
}

/**
 * A module-level variable's type at `line`: the file's own (`console = Console()`; a JS/TS block's
 * on its lines), one of its Go package's, or one a JS/TS or Python file imports.
 */
export function globalOf(
  scope: Scope,
  file: FileEntry,
  name: string,
  line: number,
): PackageGlobal | undefined {
  const globals = file.ir.globals;
  const type = globals && localAt(globals, name, line);
  // A JS/TS block's variable is no global on the file's other lines.
  if (type !== undefined && (type || declaredAt(globals!, name, line))) return { file, type };
  if (JS_LANGS.has(file.spec.id)) return importedGlobal(scope, file, name);
  return file.spec.id === 'python'
    ? pythonImportedGlobal(scope, file, name)
    : packageGlobal(scope, file, name);
}

/**
 * Go: a package-level variable declared in another file of the caller's package (`var CommandLine =
 * NewFlagSet(…)` in flag.go, `CommandLine.VarP(…)` in bool.go). Declared with different types in
 * several files (one per build constraint), or of unknown type: undefined, the build picks.
 */
export function packageGlobal(scope: Scope, file: FileEntry, name: string): PackageGlobal | undefined {
  if (file.spec.id !== 'go' || !file.pkg) return undefined;
  let found: PackageGlobal | undefined;
  for (const other of scope.table.packages.get(file.pkg) ?? []) {
    if (other === file || !other.ir.globals) continue;
    const type = own(other.ir.globals, name);
    if (type === undefined) continue;
    if (!type || type === '?' || (found && found.type !== type)) return undefined;
    found ??= { file: other, type };
  }
  return found;
}
