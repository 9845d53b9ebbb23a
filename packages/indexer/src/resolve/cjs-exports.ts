import type { Scope, Target } from './scope.js';
import type { FileEntry, Sym, SymbolTable } from './symbols.js';

/** A JS/TS module file as a lookup's answer (what `require('./x')` binds). */
export function moduleOf(file: FileEntry): Target {
  return { kind: 'module', files: [file], via: 'import' };
}

/**
 * What a `require` of a CommonJS module that does `module.exports = Name` (FileIR.cjsExports `*`)
 * is: Name's class or function (followed through the module's own imports), to construct, call or
 * extend. Its members stay the module's ({@link cjsExport}): a class's statics, `exports.f`.
 */
export function wholeExport(scope: Scope, target: Target | undefined, depth = 0): readonly Sym[] | undefined {
  if (target?.kind !== 'module' || target.files.length !== 1 || depth > 8) return undefined;
  const file = target.files[0]!;
  const name = file.ir.cjsExports?.['*'];
  if (!name) return undefined;
  const own = name.includes(':')
    ? scope.table.fnsByFqn.get(name)?.filter((s) => s.file === file)
    : file.top.get(name);
  if (own?.length) return own;
  const imp = scope.bindings(file).get(name);
  const t = imp && scope.resolveImport(file, imp, depth + 1);
  return t?.kind === 'syms' ? t.syms : wholeExport(scope, t, depth + 1);
}

/**
 * What `exports.name = …` makes a CommonJS module's `name` (see FileIR.cjsExports): the function
 * it declares or the top-level name it assigns; null for another value (`exports.f = memoize(f)`
 * is no call of the file's `f`); undefined where the file assigns no such export.
 */
export function cjsExport(
  table: SymbolTable,
  file: FileEntry,
  name: string,
): readonly Sym[] | null | undefined {
  const exports = file.ir.cjsExports;
  if (!exports) return undefined;
  // `module.exports = Plugin` of a class: `require(…).f` is the class's static `f`, no top-level f.
  const whole = Object.hasOwn(exports, '*')
    ? file.top.get(exports['*']!)?.find((s) => s.type === 'class')
    : undefined;
  if (whole) {
    // Its own: `static f()` in its body, or `Plugin.f = function…` outside it.
    const { line, endLine } = whole.ir;
    const statics = whole.methods
      .get(name)
      ?.filter((f) => f.ir.isStatic || f.ir.line < line || f.ir.line > endLine);
    return statics?.length ? statics : null;
  }
  if (!Object.hasOwn(exports, name)) return undefined;
  const bound = exports[name]!;
  if (!bound) return null;
  const syms = bound.includes(':')
    ? table.fnsByFqn.get(bound)?.filter((s) => s.file === file)
    : file.top.get(bound);
  return syms?.length ? syms : null;
}
