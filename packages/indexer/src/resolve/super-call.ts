import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import { construct } from './construct.js';
import { baseConstruction } from './cpp-base-init.js';
import type { ClassHierarchy } from './hierarchy.js';
import type { CallArgs } from './overloads.js';
import type { ClassSym } from './symbols.js';

/**
 * A call through the base class from a method of `cls`: `super.m()`, `super()`, `parent::m()`,
 * `base.M()`, and C++ initializer lists (`: Base(a, b)`).
 */
export function superCall(
  hierarchy: ClassHierarchy,
  language: string,
  cls: ClassSym,
  c: CallIR & CallArgs,
): CallTarget | undefined {
  if (language === 'cpp' && c.form === 'super') return baseConstruction(hierarchy, cls, c);
  // `super().__init__()` / `parent::__construct()` run the first constructor up the chain:
  // with none in the project it is a library's (or `object`'s), not the base class itself.
  if (c.name === '__init__' || c.name === '__construct') {
    const m = hierarchy.findMethod(cls, c.name, c, true);
    return m ? { sym: m.fn, resolution: 'constructor' } : undefined;
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
