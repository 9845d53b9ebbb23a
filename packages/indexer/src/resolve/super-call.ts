import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import { construct } from './construct.js';
import { baseConstruction } from './cpp-base-init.js';
import type { ClassHierarchy } from './hierarchy.js';
import { anonymousInherited } from './java-outer.js';
import type { CallArgs } from './overloads.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/** What a super call needs of the resolver: the hierarchy, and Java's class lookup by name. */
interface Resolver {
  readonly hierarchy: ClassHierarchy;
  classIn(file: FileEntry, name: string, cls?: ClassSym): ClassSym | undefined;
}

/**
 * A call through the base class from a method of `cls` (`caller` in `file`): `super.m()`, `super()`,
 * `parent::m()`, `base.M()`, and C++ initializer lists (`: Base(a, b)`).
 */
export function superCall(
  r: Resolver,
  file: FileEntry,
  caller: FnSym | undefined,
  cls: ClassSym,
  c: CallIR & CallArgs,
): CallTarget | undefined {
  const { hierarchy } = r;
  const language = file.spec.id;
  if (language === 'cpp' && c.form === 'super') return baseConstruction(hierarchy, cls, c);
  // `super().__init__()` / `parent::__construct()` run the first constructor up the chain:
  // with none in the project it is a library's (or `object`'s), not the base class itself.
  if (c.name === '__init__' || c.name === '__construct') {
    const m = hierarchy.findMethod(cls, c.name, c, true);
    return m ? { sym: m.fn, resolution: 'constructor' } : undefined;
  }
  // Java `super.m()` in a method of `new Base() { … }`: Base's m, not the outer class's base's.
  const anon = language === 'java' ? caller?.ir.anonymousBase : undefined;
  if (anon && c.name !== '<init>') {
    const m = anonymousInherited(hierarchy, r.classIn(file, anon, cls), anon, file, c);
    return m ? { sym: m, resolution: 'inherited' } : undefined;
  }
  if (c.name === 'constructor' || c.name === '<init>') {
    const base = hierarchy.supers(cls).find((s) => s.ir.kind !== 'interface');
    const made = base ? construct(hierarchy, base, c) : undefined;
    // JS/TS `super()` into a chain without a constructor runs the implicit one, not the class.
    return c.name === 'constructor' && made?.sym.type === 'class' ? undefined : made;
  }
  const m = hierarchy.findMethod(cls, c.name, c, true);
  return m ? { sym: m.fn, resolution: 'inherited' } : undefined;
}
