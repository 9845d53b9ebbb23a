import { REQUIRED } from '../languages/js-exports.js';
import type { Scope, Target } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

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
  const own: readonly Sym[] | undefined = name.includes(':')
    ? [...(scope.table.fnsByFqn.get(name) ?? []), ...(scope.table.classesByFqn.get(name) ?? [])].filter(
        (s) => s.file === file,
      )
    : file.top.get(name);
  if (own?.length) return own;
  const imp = scope.bindings(file).get(name);
  const t = imp && scope.resolveImport(file, imp, depth + 1);
  return t?.kind === 'syms' ? t.syms : wholeExport(scope, t, depth + 1);
}

/**
 * What `exports.name = …` makes a CommonJS module's `name` (see FileIR.cjsExports): the function
 * it declares or the top-level name it assigns (the file's own, or what its import binds), and for
 * `exports.name = require('./m').g` m's g; null for another value (`exports.f = memoize(f)` is no
 * call of the file's `f`); undefined where the file assigns no such export.
 */
export function cjsExport(
  scope: Scope,
  file: FileEntry,
  name: string,
  depth = 0,
): readonly Sym[] | null | undefined {
  const exports = file.ir.cjsExports;
  if (!exports) return undefined;
  // `module.exports = Plugin` of a class: `require(…).f` is the class's static `f`, no top-level f.
  // By FQN for a class expression (`module.exports = internals.Ext = class {…}`).
  const all = Object.hasOwn(exports, '*') ? exports['*']! : '';
  const whole = (
    file.top.get(all) ?? scope.table.classesByFqn.get(all)?.filter((s) => s.file === file)
  )?.find((s) => s.type === 'class');
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
  const own = bound.includes(':')
    ? scope.table.fnsByFqn.get(bound)?.filter((s) => s.file === file)
    : file.top.get(bound);
  const syms = own?.length || depth > 8 ? own : imported(scope, file, name, bound, depth);
  return syms?.length ? syms : null;
}

// `exports.Suite = Suite` of a `const Suite = require('./suite')`, or `exports.f = require('./m').g`
// (`= m.g`, m a required module: a re-export, see FileIR.cjsExports): what the import binds.
function imported(scope: Scope, file: FileEntry, name: string, bound: string, depth: number) {
  if (bound.includes(':')) return undefined;
  const imp =
    bound === REQUIRED
      ? file.ir.imports.find((i) => i.kind === 'reexport' && (i.alias ?? i.name) === name)
      : scope.bindings(file).get(bound);
  const t = imp && scope.resolveImport(file, { ...imp, kind: 'import' }, depth + 1);
  // A module (`exports.Suite = require('./suite')`): what a call or `new` of it runs.
  return t?.kind === 'syms' ? t.syms : wholeExport(scope, t, depth + 1);
}
