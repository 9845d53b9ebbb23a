import { own } from './hierarchy.js';
import type { PackageGlobal } from './package-globals.js';
import type { Scope } from './scope.js';
import type { FileEntry } from './symbols.js';

const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);

/**
 * JS/TS `import { focusManager } from './focusManager'` where that module declares `export const
 * focusManager = new FocusManager()` at its top level: the variable's type there (through `export
 * { x } from` and `export * from` barrels). Unknown, or declared in a block only: undefined.
 */
export function importedGlobal(scope: Scope, file: FileEntry, name: string): PackageGlobal | undefined {
  const imp = scope.bindings(file).get(name);
  if (!imp?.name || imp.name === '*' || imp.name === 'default') return undefined;
  const target = scope.jsFile(file, imp.source);
  return target && exportedGlobal(scope, target, imp.name, 0);
}

function exportedGlobal(
  scope: Scope,
  file: FileEntry,
  name: string,
  depth: number,
): PackageGlobal | undefined {
  if (depth > 8 || !JS_LANGS.has(file.spec.id)) return undefined;
  const type = file.ir.globals && own(file.ir.globals, name);
  if (type !== undefined) return type && type !== '?' && !type.startsWith('@') ? { file, type } : undefined;
  if (file.top.has(name)) return undefined;
  for (const imp of file.ir.imports) {
    const local = imp.alias ?? imp.name;
    const named = imp.name && imp.name !== '*' && imp.name !== 'default';
    if (imp.kind !== 'include' && local === name && named) {
      const next = scope.jsFile(file, imp.source);
      return next && exportedGlobal(scope, next, imp.name!, depth + 1);
    }
    if (imp.kind === 'reexport' && imp.name === '*' && !imp.alias) {
      const next = scope.jsFile(file, imp.source);
      const found = next && exportedGlobal(scope, next, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
