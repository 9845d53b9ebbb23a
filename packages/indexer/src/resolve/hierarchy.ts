import { baseType, declaredAt } from '../extract/helpers.js';
import { isProperty } from './cfg-variants.js';
import { qualify } from './java-arg-fit.js';
import { mayDeclare } from './jdk-members.js';
import { accepts, type CallArgs, overrides, pickOverload, takes } from './overloads.js';
import { libraryDefines, type MroEntry, pythonMro } from './python-mro.js';
import { inherentFirst } from './rust-inherent.js';
import type { Scope } from './scope.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

// Methods every Java object has, and every enum.
const OBJECT_MEMBERS = new Set([
  'equals',
  'hashCode',
  'toString',
  'getClass',
  'notify',
  'notifyAll',
  'wait',
  'clone',
  'finalize',
]);
const ENUM_MEMBERS = new Set([
  'values',
  'valueOf',
  'ordinal',
  'name',
  'compareTo',
  'getDeclaringClass',
  'describeConstable',
]);

/** Languages where a field and a method of one class share a name space: a field hides inherited methods. */
const ONE_MEMBER_SPACE = new Set(['javascript', 'typescript', 'tsx', 'python']);

/**
 * A name's entry in a record keyed by source names: never one of Object.prototype's members
 * (a Java local named `constructor` or a field named `toString` is not in the record).
 */
export const own = (record: Readonly<Record<string, string>>, name: string): string | undefined =>
  Object.hasOwn(record, name) ? record[name] : undefined;

const JS = new Set(['javascript', 'typescript', 'tsx']);
/**
 * Whether `this` at `line` of a function is none of the enclosing method's object: in JS/TS, the
 * extractor records it as a local of a `function` nested in another (called plainly, it binds its
 * own), or of the lines of a `function` expression passed as a callback (see js-this.ts); in Python,
 * a function nested in a method whose first parameter is `self`/`cls` (attrs' generated
 * `def __str__(self)` inside `_ClassBuilder.add_str`: its `self` is whatever it is called on).
 */
export const bindsThis = (f: FnSym, line: number): boolean =>
  JS.has(f.file.spec.id)
    ? declaredAt(f.ir.locals, 'this', line)
    : f.file.spec.id === 'python' && !f.cls && f.file.spec.selfNames.includes(f.ir.params[0]?.name ?? '');

/** Whether `line` of a JS/TS method is in a `function` expression it passes on (its own `this`). */
export const callbackThis = (f: FnSym, line: number): boolean =>
  JS.has(f.file.spec.id) && bindsThis(f, line) && own(f.ir.locals, 'this')?.startsWith('@') === true;

/** A class's resolved ancestors and the methods found through them. */
export class ClassHierarchy {
  readonly #supers = new Map<ClassSym, ClassSym[]>();
  /** Bases and interfaces of a class that are not the project's (a library's, or not found). */
  readonly #outside = new Map<ClassSym, string[]>();
  /** Python classes' C3 orders (see python-mro.ts). */
  readonly #mro = new Map<ClassSym, MroEntry[] | undefined>();
  constructor(readonly scope: Scope) {}

  /** A field's declared type on `cls` or the nearest class above it, with the file declaring it. */
  fieldType(cls: ClassSym, field: string): { file: FileEntry; type: string; owner: ClassSym } | undefined {
    for (const k of this.upward(cls)) {
      const t = own(k.ir.fields, field);
      if (t) return { file: k.file, type: t, owner: k };
      // Python `self.dircache = {}` in a subclass: no longer the base's DirCache.
      if (t === '' && k.file.spec.id === 'python') return undefined;
    }
    return undefined;
  }

  /**
   * Whether a Java class has a member `name` (a method, or with `field` a field): its own, a project
   * class's above it, one a library type above it may declare, or every object's (`toString()`, an
   * enum's `values()`, a record's accessors). Without one, the name is its enclosing class's.
   */
  javaHas(cls: ClassSym, name: string, field: boolean): boolean {
    if (!field && (OBJECT_MEMBERS.has(name) || (cls.ir.kind === 'enum' && ENUM_MEMBERS.has(name))))
      return true;
    for (const k of this.upward(cls)) {
      if (own(k.ir.fields, name) !== undefined && (field || k.ir.kind === 'record')) return true;
      if (!field && k.methods.has(name)) return true;
      // a library type may declare anything it is not known not to (a listed JDK interface has no fields)
      if ((this.#outside.get(k) ?? []).some((t) => mayDeclare(t, field ? '' : name))) return true;
    }
    return false;
  }

  /**
   * Resolved base classes, interfaces and mixins of a class, cached for this resolver's life
   * (incremental linking makes one resolver per file, so each file's lookups are its own).
   */
  supers(cls: ClassSym): ClassSym[] {
    let out = this.#supers.get(cls);
    if (!out) {
      out = [];
      const outside: string[] = [];
      for (const b of [...cls.ir.bases, ...cls.ir.implements, ...cls.ir.mixins]) {
        const base = baseType(b) ?? b;
        const s = this.scope.classNamed(cls.file, base, cls.ir.parent);
        if (s && s !== cls) out.push(s);
        else if (!s) outside.push(cls.file.spec.id === 'java' ? qualify(base, cls.file) : base);
      }
      this.#supers.set(cls, out);
      if (outside.length) this.#outside.set(cls, outside);
    }
    return out;
  }

  /** The bases of `cls` the project does not declare (library classes), as written. */
  libraryBases(cls: ClassSym): readonly string[] {
    this.supers(cls);
    return this.#outside.get(cls) ?? [];
  }

  /**
   * A class declared in the body of `cls` or of the nearest class above it that declares one of
   * that name (Python `self._Result()` builds the nested `_Result`); none past a field of that name.
   */
  nestedClass(cls: ClassSym, name: string): ClassSym | undefined {
    for (const k of this.upward(cls)) {
      if (own(k.ir.fields, name) !== undefined) return undefined;
      const fqn = k.file.spec.style.join(k.ir.fqn, name, 'class');
      const hit = this.scope.table.classesByFqn.get(fqn)?.find((s) => s.file === k.file);
      if (hit) return hit;
    }
    return undefined;
  }

  /** A class, then every class and interface above it in the project, breadth first. */
  *upward(cls: ClassSym): Generator<ClassSym> {
    const seen = new Set<ClassSym>();
    const queue = [cls];
    while (queue.length) {
      const k = queue.shift()!;
      if (seen.has(k)) continue;
      seen.add(k);
      yield k;
      queue.push(...this.supers(k));
    }
  }

  /**
   * Finds a method by name in a class or its ancestors (breadth first; a Python class's in its MRO);
   * ambiguous overloads give nothing. `instance`: the receiver is an object of the class, whose JS/TS
   * `static` methods belong to the class itself (`obj.deserialize()` runs the inherited instance
   * method); `'static'`: the receiver is the class, which has only those.
   */
  findMethod(
    cls: ClassSym,
    name: string,
    args?: CallArgs,
    skipOwn = false,
    instance: boolean | 'static' = false,
  ): { fn: FnSym; inherited: boolean } | undefined {
    if (cls.file.spec.id === 'java' && args?.argc !== undefined)
      return this.#javaMethod(cls, name, { ...args, argc: args.argc }, skipOwn);
    const seen = new Set<ClassSym>();
    const mro = cls.file.spec.id === 'python' ? pythonMro(this.scope, cls, this.#mro) : undefined;
    const queue: MroEntry[] = mro ? mro.slice(skipOwn ? 1 : 0) : skipOwn ? [...this.supers(cls)] : [cls];
    // An interface's declaration answers only when no class up the hierarchy implements it.
    let declared: { fn: FnSym; inherited: boolean } | undefined;
    while (queue.length) {
      const k = queue.shift()!;
      // A library base before the project's classes: its own method runs (`AssertionError.__init__`).
      if (typeof k === 'string') {
        if (libraryDefines(k, name)) return undefined;
        continue;
      }
      if (seen.has(k)) continue;
      seen.add(k);
      const all = inherentFirst(k.methods.get(name) ?? [], args?.refSelf);
      const js = instance && JS.has(k.file.spec.id);
      const members = js ? all.filter((f) => f.ir.isStatic === (instance === 'static')) : all;
      const fn = pickOverload(members, args);
      if (fn && k.ir.kind === 'interface') {
        declared ??= { fn, inherited: k !== cls };
        continue;
      }
      // `self.p()` where p is a property calls the value p returns, not p.
      if (fn) return isProperty(fn) ? undefined : { fn, inherited: k !== cls };
      if (members.length) return undefined;
      // `now: () => number` declared on the class: what is called is the value it holds.
      if (own(k.ir.fields, name) !== undefined && ONE_MEMBER_SPACE.has(k.file.spec.id)) return undefined;
      if (!mro) queue.push(...this.supers(k));
    }
    return declared;
  }

  /**
   * Java's choice among a class's overloads and those it inherits without declaring again: every
   * method of that name up the hierarchy that can take the arguments, an override standing for
   * what it overrides (a class's method for an interface's), and the most exact match of all
   * (`super.appendDetail(buf, name, longs)` in a class whose base declares `appendDetail(…, Object)`
   * runs its base's base's `(…, long[])`).
   */
  #javaMethod(
    cls: ClassSym,
    name: string,
    args: CallArgs & { argc: number },
    skipOwn: boolean,
  ): { fn: FnSym; inherited: boolean } | undefined {
    const seen = new Set<ClassSym>();
    const queue: ClassSym[] = skipOwn ? [...this.supers(cls)] : [cls];
    const found: FnSym[] = [];
    // classes with a library type above them that may declare the method too (`super.m()` skips the
    // class, not its bases)
    const outsiders = new Set<ClassSym>();
    const meets = (k: ClassSym) => {
      if ((this.#outside.get(k) ?? []).some((t) => mayDeclare(t, name))) outsiders.add(k);
    };
    if (skipOwn) meets(cls);
    while (queue.length) {
      const k = queue.shift()!;
      if (seen.has(k)) continue;
      seen.add(k);
      const ups = this.supers(k);
      meets(k);
      for (const f of k.methods.get(name) ?? []) {
        // A base's private method is not inherited (gson's `push(int)` beside `push(Object)`).
        if (k !== cls && f.ir.visibility === 'private') continue;
        if (!takes(f, args.argc)) continue;
        const i = found.findIndex((g) => g.cls !== f.cls && overrides(g, f));
        if (i < 0) found.push(f);
        // A class's method implements an interface's, whichever the walk met first.
        else if (found[i]!.cls?.ir.kind === 'interface' && f.cls?.ir.kind !== 'interface') found[i] = f;
      }
      queue.push(...ups);
    }
    const fn = pickOverload(found, args);
    // The one overload the project declares cannot take the arguments (`write(bytes)` beside
    // `write(int b)`): a library type above declares the one that runs (OutputStream's `write(byte[])`).
    if (fn && outsiders.size && !accepts(fn, args)) return undefined;
    // An interface's `String toString()` declares Object's again: a class runs the one it inherits.
    if (fn?.cls?.ir.kind === 'interface' && cls.ir.kind !== 'interface' && objectMethod(fn)) return undefined;
    // An interface's method may be declared again by a library type beside it (`Map`'s `containsKey`
    // beside the project's `Get.containsKey`, both above `IterableMap`): javac may name either, or the
    // library class's own (`AbstractMap`'s) runs. One above the interface is what it overrides.
    // (Library types are named as their files import them: the same name is the same type.)
    if (fn?.cls?.ir.kind === 'interface' && outsiders.size) {
      const above = new Set(this.upward(fn.cls));
      const overridden = new Set([...above].flatMap((k) => this.#outside.get(k) ?? []));
      for (const k of outsiders)
        if (!above.has(k) && this.#outside.get(k)!.some((t) => mayDeclare(t, name) && !overridden.has(t)))
          return undefined;
    }
    return fn ? { fn, inherited: fn.cls !== cls } : undefined;
  }
}

/** Whether a Java method is one of Object's public ones (`toString()`, `hashCode()`, `equals(Object)`). */
function objectMethod(f: FnSym): boolean {
  const [p, ...rest] = f.ir.params;
  if (!p) return f.ir.name === 'toString' || f.ir.name === 'hashCode';
  return rest.length === 0 && f.ir.name === 'equals' && baseType(p.type) === 'Object';
}
