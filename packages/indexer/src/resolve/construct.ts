import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import { extendsProjectFactory } from './class-factory.js';
import { pickCppOverload } from './cpp-overloads.js';
import type { ClassHierarchy } from './hierarchy.js';
import { pickOverload, takes } from './overloads.js';
import type { ClassSym } from './symbols.js';

const TS_LANGS = new Set(['typescript', 'tsx']);

/** What constructing `cls` with the call `c` runs: its constructor, the class itself, or nothing. */
export function construct(hierarchy: ClassHierarchy, cls: ClassSym, c: CallIR): CallTarget | undefined {
  // An interface or trait is never instantiated: `new X()` there constructs a value declared
  // under the same name (TypeScript's `interface X` + `const X: XCtor`), which is no Function.
  if (cls.ir.kind === 'interface' || cls.ir.kind === 'trait') return undefined;
  // Nor is a TypeScript namespace (`declare namespace pino` beside `declare function pino`).
  if (cls.ir.kind === 'module' && TS_LANGS.has(cls.file.spec.id)) return undefined;
  const name = constructorName(cls);
  const declared = name ? (cls.methods.get(name) ?? []) : [];
  // Java has no default arguments: a constructor that cannot take the arguments is not the one
  // run (one Lombok generates, or the implicit one, is).
  const ctors =
    cls.file.spec.id === 'java' && c.argc !== undefined
      ? declared.filter((f) => takes(f, c.argc!))
      : declared;
  if (cls.file.spec.id === 'cpp') {
    // A class without a constructor runs nothing of the project's; among several constructors the
    // one called is the one the argument types choose, or unknown (the compiler names it, never the
    // class): no edge rather than a guess.
    // `T() = default` has no body of the project's: GCC folds a constexpr one into the variable's
    // initial value (`T x;` runs no call), and calls a non-trivial one only where it cannot.
    const ctor = declared.length ? pickCppOverload(declared, c, cls) : undefined;
    if (ctor?.ir.defaulted && c.argc === 0) return undefined;
    // So is a `constexpr` one whose arguments are constants where the value initializes a variable.
    if (ctor?.ir.constexpr && c.constantInit) return undefined;
    return ctor ? { sym: ctor, resolution: 'constructor' } : undefined;
  }
  const ctor = pickOverload(ctors, c) ?? (name ? hierarchy.findMethod(cls, name, c, true)?.fn : undefined);
  if (ctor) return { sym: ctor, resolution: 'constructor' };
  if (declared.length > 0 || extendsProjectFactory(hierarchy, cls)) return undefined;
  return { sym: cls, resolution: 'constructor' };
}

/** The name of a class's constructors in its language (`__init__`, `constructor`, the class's own name…). */
function constructorName(cls: ClassSym): string | undefined {
  const spec = cls.file.spec;
  for (const n of spec.constructorNames ?? []) if (cls.methods.has(n)) return n;
  for (const [n, fns] of cls.methods) if (fns.some((f) => f.ir.kind === 'constructor')) return n;
  return spec.constructorNames?.[0];
}
