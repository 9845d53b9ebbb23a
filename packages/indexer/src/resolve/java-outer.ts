import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import type { EnclosingFunctions } from './enclosing.js';
import type { ClassHierarchy } from './hierarchy.js';
import { qualify } from './java-arg-fit.js';
import { mayDeclare } from './jdk-members.js';
import { accepts, type CallArgs, pickOverload } from './overloads.js';
import type { Scope } from './scope.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/** The class a Java member class is declared in; none for a top-level class (or a method's local class). */
export function outerClass(scope: Scope, cls: ClassSym): ClassSym | undefined {
  const p = cls.ir.parent;
  return p ? scope.table.classesByFqn.get(p)?.find((k) => k.file === cls.file) : undefined;
}

/**
 * Java's bare `m(…)` in a member class that has no method `m`: the method of the innermost enclosing
 * class that has one (javac looks no further out once a class has the name, whatever its arity).
 */
export function outerMethod(
  scope: Scope,
  hierarchy: ClassHierarchy,
  cls: ClassSym,
  c: CallIR & CallArgs,
): FnSym | undefined {
  for (let k: ClassSym | undefined = cls; k && !hierarchy.javaHas(k, c.name, false); ) {
    k = outerClass(scope, k);
    const m = k && hierarchy.findMethod(k, c.name, c);
    if (m) return m.fn;
  }
  return undefined;
}

/** A field's declared type seen from class `cls`: its own or inherited, else (Java) an enclosing class's. */
export function visibleField(
  scope: Scope,
  hierarchy: ClassHierarchy,
  cls: ClassSym,
  name: string,
): { file: FileEntry; type: string; owner: ClassSym } | undefined {
  const own = hierarchy.fieldType(cls, name);
  return own ?? (cls.file.spec.id === 'java' ? outerField(scope, hierarchy, cls, name) : undefined);
}

/**
 * A method named `fqn` beside the caller, in one Java anonymous class: the overload that takes the
 * arguments, null when none does (the call is one the class inherits, or no class further out has).
 */
export function anonymousMethod(
  enc: EnclosingFunctions,
  file: FileEntry,
  fqn: string,
  c: CallIR & CallArgs,
): FnSym | null | undefined {
  const all = enc.all(file, fqn);
  if (!all.length) return undefined;
  return (
    pickOverload(
      all.filter((f) => accepts(f, c)),
      c,
    ) ?? null
  );
}

/** Java's field `name` used in a member class that has none: the innermost enclosing class's. */
function outerField(
  scope: Scope,
  hierarchy: ClassHierarchy,
  cls: ClassSym,
  name: string,
): { file: FileEntry; type: string; owner: ClassSym } | undefined {
  for (let k: ClassSym | undefined = cls; k && !hierarchy.javaHas(k, name, true); ) {
    k = outerClass(scope, k);
    const t = k && hierarchy.fieldType(k, name);
    if (t) return t;
  }
  return undefined;
}

/**
 * A member class named `name` seen from inside Java class `cls`: its own or an enclosing class's,
 * innermost first (they hide imported and same-package classes of that name). Member classes
 * inherited from a base are not looked for.
 */
export function memberClass(scope: Scope, cls: ClassSym, name: string): ClassSym | undefined {
  if (name.includes('.')) return undefined;
  for (let k: ClassSym | undefined = cls; k; k = outerClass(scope, k)) {
    const hit = scope.table.classesByFqn.get(`${k.ir.fqn}.${name}`)?.[0];
    if (hit) return hit;
  }
  return undefined;
}

/**
 * A bare `m(…)` in a method of Java anonymous class `new Base() { … }` with no method `m` of its
 * own: Base's (inherited) method; null when Base has the name but no overload fits, or Base is a
 * library type that may declare it (javac looks no further out); undefined: the name is not Base's.
 */
export function anonymousInherited(
  hierarchy: ClassHierarchy,
  base: ClassSym | undefined,
  baseName: string,
  file: FileEntry,
  c: CallIR & CallArgs,
): FnSym | null | undefined {
  if (!base) return mayDeclare(qualify(baseName, file), c.name) ? null : undefined;
  const m = hierarchy.findMethod(base, c.name, c);
  if (m) return m.fn;
  return hierarchy.javaHas(base, c.name, false) ? null : undefined;
}

/**
 * The innermost class whose body holds `line` of a Java file: the class of a call outside any method
 * (a field initialiser, an initializer block). Scans the file's classes: only for such calls.
 */
export function classAtLine(file: FileEntry, line: number): ClassSym | undefined {
  let best: ClassSym | undefined;
  for (const k of file.classes)
    if (k.ir.line <= line && line <= k.ir.endLine && (!best || k.ir.line >= best.ir.line)) best = k;
  return best;
}

/**
 * Java `this.m(…)` in a method of anonymous class `new Base() { … }`: the class's own method m (the
 * overload that takes the arguments), else Base's (inherited) one; never an outer class's (the
 * object is the anonymous one). Unresolved when neither is known (a library Base).
 */
export function anonymousThis(
  enc: EnclosingFunctions,
  hierarchy: ClassHierarchy,
  base: ClassSym | undefined,
  baseName: string,
  caller: FnSym,
  c: CallIR & CallArgs,
): CallTarget | undefined {
  const file = caller.file;
  const own = anonymousMethod(enc, file, file.spec.style.join(caller.ir.parentFqn!, c.name, 'function'), c);
  if (own !== undefined) return own ? { sym: own, resolution: 'self' } : undefined;
  const inherited = anonymousInherited(hierarchy, base, baseName, file, c);
  return inherited ? { sym: inherited, resolution: 'inherited' } : undefined;
}
