import type { ClassHierarchy } from './hierarchy.js';
import type { ClassSym } from './symbols.js';

const JS = new Set(['javascript', 'typescript', 'tsx']);

/** The function a base written as a call names (`Data.TaggedError("E")`, `Mixin<T>(Base)`): `Data.TaggedError`. */
const CALLED = /^([\w$]+)(?:\.[\w$]+)*\s*(?:<[\s\S]*>)?\s*\(/;

/**
 * Whether a JS/TS class, or one above it, extends what a project function returns (`class E
 * extends Data.TaggedError("E")<{…}> {}`, `extends Mixin(Base)`): without a constructor of its
 * own, `new E()` runs the constructor of the class the function builds, which the checker names
 * and the indexer does not know. A base a library function returns runs the library's.
 */
export function extendsProjectFactory(hierarchy: ClassHierarchy, cls: ClassSym): boolean {
  if (!JS.has(cls.file.spec.id)) return false;
  for (const k of hierarchy.upward(cls)) {
    for (const base of hierarchy.libraryBases(k)) {
      const head = CALLED.exec(base)?.[1];
      if (head && hierarchy.scope.lookup(k.file, head) !== undefined) return true;
    }
  }
  return false;
}
