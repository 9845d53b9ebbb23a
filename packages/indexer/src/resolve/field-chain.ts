import type { ClassHierarchy } from './hierarchy.js';
import type { ClassSym, FileEntry } from './symbols.js';

/**
 * Languages whose fields have declared (or inferred) types, so `x.a.b.m()` follows them link by link
 * (Go `v.Options.Theme.String()`, Python `self.parser.state.set()`).
 */
export const FIELD_CHAINS = new Set(['go', 'python']);

/** At most this many fields between the variable and the method (`self.a.b.c.d.m()`). */
export const MAX_LINKS = 4;

type TypeOf = (file: FileEntry, type: string, owner: ClassSym) => ClassSym | undefined;

/**
 * The class reached from `owner` through the fields `links` (`a`, `b` of `x.a.b`), each typed by
 * the struct that declares it (an embedded one's too); undefined when a link is not a known field.
 */
export function fieldChainClass(
  hierarchy: ClassHierarchy,
  owner: ClassSym,
  links: readonly string[],
  typeOf: TypeOf,
): ClassSym | undefined {
  let at: ClassSym | undefined = owner;
  for (const link of links) {
    const t: ReturnType<ClassHierarchy['fieldType']> = at && hierarchy.fieldType(at, link);
    at = t ? typeOf(t.file, t.type, t.owner) : undefined;
  }
  return at;
}
