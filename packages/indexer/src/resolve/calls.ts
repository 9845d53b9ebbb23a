import { declaredAt, localAt } from '../extract/helpers.js';
import type { CallIR, ImportIR } from '../ir.js';
import type { CallTarget, Resolution } from './call-target.js';
import { calledFunction, tightReceiver } from './called-function.js';
import { wholeExport } from './cjs-exports.js';
import { cjsMember, constructedMember } from './cjs-self.js';
import { construct } from './construct.js';
import { arrowClass } from './cpp-arrow.js';
import { classScopeHides } from './cpp-class-scope.js';
import { visibleFrom } from './cpp-lookup.js';
import { memberClass as cppMemberClass } from './cpp-member-class.js';
import { selfArgs } from './cpp-overloads.js';
import { EnclosingFunctions, enclosingClass } from './enclosing.js';
import { fieldCall } from './field-chain.js';
import { HeaderAliases } from './header-aliases.js';
import { ClassHierarchy } from './hierarchy.js';
import { javaArgValues } from './java-arg-values.js';
import {
  anonymousInherited,
  anonymousMethod,
  anonymousThis,
  classAtLine,
  memberClass as javaMemberClass,
  outerMethod,
  visibleField,
} from './java-outer.js';
import { staticFieldClass } from './java-static-fields.js';
import { javaStaticCall } from './java-static-imports.js';
import { jsShadowed, onLine } from './js-shadowed.js';
import { thisAlias } from './js-this-alias.js';
import { thisSide } from './js-this-side.js';
import { objectThisMethod } from './object-this.js';
import { type CallArgs, pickOverload } from './overloads.js';
import { globalOf } from './package-globals.js';
import { dottedModuleMember, localClass, rebound } from './python-bindings.js';
import { namesRustModule, rustCallerModule, rustTypeModule } from './rust-module-function.js';
import { rustPathCall } from './rust-path-type.js';
import type { Scope } from './scope.js';
import { importVisible, scopedImport } from './scoped-imports.js';
import { superCall } from './super-call.js';
import type { ClassSym, FileEntry, FnSym, Sym } from './symbols.js';
import { TypeClasses } from './type-classes.js';
import { destructuredMember, typedMember } from './typed-member.js';
import { arrayElementOf, elementType, writtenClass } from './written-receivers.js';

const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);
const IMPLICIT_THIS = new Set(['java', 'csharp', 'kotlin', 'scala', 'cpp', 'swift', 'ruby']);
// How a language names the base class as a receiver (`parent::f()`, `base.F()`); elsewhere
// `parent` or `base` is a variable like any other (`parent = parent.parent()`).
const SUPER: Readonly<Record<string, string>> = { php: 'parent', csharp: 'base' };

/** Resolves call sites to functions (or classes) with scope rules; never guesses by bare name. */
export class CallResolver {
  readonly #types = new TypeClasses(this);
  readonly #enc = new EnclosingFunctions();
  /** Base classes and inherited methods, cached for this resolver's life. */
  readonly hierarchy: ClassHierarchy;
  readonly #headerAliases: HeaderAliases;
  constructor(readonly scope: Scope) {
    this.hierarchy = new ClassHierarchy(scope);
    this.#headerAliases = new HeaderAliases(scope);
  }

  /** Resolves one call site made from `caller` (undefined: file-level code) in `file`. */
  resolve(file: FileEntry, caller: FnSym | undefined, call: CallIR): CallTarget | undefined {
    if (call.form === 'macro' || this.#headerAliases.compiledOut(file, call)) return undefined;
    const spec = file.spec;
    // Java outside methods (initialisers): bare `m()`/`new X()` in the class around (block locals unknown).
    const java = spec.id === 'java' && !caller && !call.receiver;
    const cls = caller
      ? enclosingClass(this.#enc, this.scope, caller, call.line)
      : java
        ? classAtLine(file, call.line)
        : undefined;
    // Java's argument types are named through the caller's imports; some are looked up here.
    const c: CallIR & CallArgs =
      call.argTypes !== undefined && spec.id === 'java'
        ? javaArgValues(this, file, caller, cls, { ...tightReceiver(call), from: file }, this.#parent(file))
        : tightReceiver(call);
    const recv = c.receiver?.replace(/^\$/, '');
    // Rust's `self::f()`, `super::f()`, `crate::a::f()` name modules, not objects.
    if (spec.id === 'rust' && recv && namesRustModule(c, recv))
      return this.#rustModuleFn(file, caller, recv, c);
    if (c.form === 'super' || c.receiver === 'super' || (c.receiver && c.receiver === SUPER[spec.id]))
      return cls ? superCall(this, file, caller, cls, c) : undefined;
    if (recv === undefined) return this.#bare(file, caller, cls, c);
    if (c.form === 'new' && (recv === 'self' || recv === 'static')) {
      const made = cls ? construct(this.hierarchy, cls, c) : undefined;
      // Java's `this(…)` names one of the class's own constructors: the class itself is no answer.
      return c.name === '<init>' && made?.sym.type !== 'function' ? undefined : made;
    }
    // JS/TS `var self = this`: `this` in the function declaring it; another `self` is a variable.
    const alias = JS_LANGS.has(spec.id)
      ? thisAlias(caller, recv, (f) => this.#enc.parent(file, f))
      : undefined;
    if (alias?.kind === 'this')
      return this.resolve(file, alias.fn, { ...c, receiver: 'this', line: alias.fn.ir.line });
    if (
      spec.selfNames.includes(c.receiver!) ||
      spec.selfNames.includes(recv) ||
      (recv === 'self' && alias === undefined) ||
      recv === 'static'
    ) {
      if (!cls && JS_LANGS.has(spec.id)) {
        const own = objectThisMethod(file, caller, c, this.#parent(file), this.scope);
        return own ? { sym: own, resolution: 'self' } : undefined;
      }
      // `def visitor(self: "CodeGenerator", …)` outside a class: `self` is the parameter it declares.
      if (!cls)
        return spec.id === 'python' ? this.#identifierReceiver(file, caller, cls, recv, c) : undefined;
      // Java `this.m()` in a method of an anonymous class: its own or its base's, never the outer class's
      const anon = spec.id === 'java' ? caller?.ir.anonymousBase : undefined;
      if (anon)
        return anonymousThis(this.#enc, this.hierarchy, this.classIn(file, anon, cls), anon, caller!, c);
      const m = this.hierarchy.findMethod(cls, c.name, selfArgs(c, caller), false, thisSide(caller, cls));
      if (m) return { sym: m.fn, resolution: m.inherited ? 'inherited' : 'self' };
      const nested = spec.id === 'python' ? this.hierarchy.nestedClass(cls, c.name) : undefined;
      return nested ? construct(this.hierarchy, nested, c) : undefined;
    }
    const cjs = cjsMember(this.scope, this.#enc, file, caller, c, (s, via) => this.#pick(s, c, via));
    if (cjs !== undefined) return cjs ?? undefined;
    const chain = fieldCall(this, file, caller, cls, c);
    if (chain !== undefined) return chain ?? undefined;
    // Rust's `Trait::m(x)` runs the impl of x's type: which one is not known here.
    if (spec.id === 'rust' && c.form === 'static' && this.scope.classNamed(file, recv)?.ir.kind === 'trait')
      return undefined;
    if (/^[\w$]+$/.test(recv)) return this.#identifierReceiver(file, caller, cls, recv, c);
    const item = arrayElementOf(spec.id, recv);
    if (item) return this.#identifierReceiver(file, item.field ? undefined : caller, cls, item.name, c, true);
    if (/^[\w$.\\:]+$/.test(recv) && !(spec.id === 'java' && recv.endsWith('.this'))) {
      const owner = this.scope.classNamed(file, recv);
      const m = owner && this.hierarchy.findMethod(owner, c.name, c);
      if (m) return { sym: m.fn, resolution: 'static' };
      if (c.form === 'static' && !owner) return this.#rustModuleFn(file, caller, recv, c);
      // Java `Type.CONSTANT.m()` (`Type` no variable: fieldCall types those)
      const head = recv.split('.')[0]!;
      const held = this.#enc.parameter(file, caller, head) || this.#enc.localVariable(file, caller, head);
      const value = spec.id === 'java' && !owner && !held && staticFieldClass(this, file, cls, recv);
      if (value) {
        const vm = this.hierarchy.findMethod(value, c.name, c, false, true);
        return vm ? { sym: vm.fn, resolution: 'field-type' } : undefined;
      }
      const visible = (imp: ImportIR) => importVisible(file, imp, caller, this.#parent(file));
      const syms = dottedModuleMember(this.scope, file, recv, c.name, visible);
      return syms && this.#pick(syms, { name: c.name, form: 'call', line: 0 }, 'import');
    }
    // JS/TS `new Query(x).run()`, Go `new(T).M()`, Java `((T) x).m()`: a value of the class written.
    const written = writtenClass(spec.id, recv);
    if (written) {
      const target = this.typeClass(file, written, caller, cls);
      const m = target && this.hierarchy.findMethod(target, c.name, c, false, true);
      if (!target) return constructedMember(this, this.#enc, file, caller, written, c);
      return m ? { sym: m.fn, resolution: 'typed-receiver' } : undefined;
    }
    // `make(x).run()`, `a.b(x).run()`, `B::new().x(1).build().run()`: the class the called
    // function declares it returns (each link of a chain typed the same way, a few deep).
    const made = calledFunction(recv);
    if (made) {
      const target = this.typeClass(file, `()${made}`, caller, caller?.cls, c.line);
      const m = target && this.hierarchy.findMethod(target, c.name, c, false, true);
      return m ? { sym: m.fn, resolution: 'return-type' } : undefined;
    }
    return undefined;
  }

  #bare(
    file: FileEntry,
    caller: FnSym | undefined,
    cls: ClassSym | undefined,
    site: CallIR,
  ): CallTarget | undefined {
    let c = site;
    if ((file.spec.id === 'c' || file.spec.id === 'cpp') && this.#headerAliases.aliased(c.name)) {
      const finds = (name: string) => this.#declared(file, { ...site, name }, caller, cls) !== undefined;
      const alias = this.#headerAliases.target(file, c.name, finds);
      if (alias === null) return undefined;
      const own = () => this.#declared(file, site, caller, cls)?.sym;
      if (alias && !this.#headerAliases.metUnrenamed(site.name, alias, finds, own)) c = { ...c, name: alias };
    }
    const style = file.spec.style;
    // Java has no nested functions: a method in a method is an anonymous class's, for its siblings.
    const nesting = file.spec.id === 'java' ? caller?.ir.parentFqn : caller?.ir.fqn;
    let inner = caller; // Java: a method of the anonymous class whose methods are looked at
    for (let outer: string | undefined = nesting; outer; ) {
      const fqn = style.join(outer, c.name, 'function');
      const nested =
        file.spec.id === 'java' ? anonymousMethod(this.#enc, file, fqn, c) : this.#enc.local(file, fqn);
      const around = this.#enc.local(file, outer);
      if (nested === null) return undefined;
      if (nested)
        return rebound(file, around, nested) || jsShadowed(this.#enc, file, caller, around, c.name)
          ? undefined
          : { sym: nested, resolution: 'local' };
      const base = inner?.ir.anonymousBase;
      if (base && c.form !== 'new') {
        const from = anonymousInherited(this.hierarchy, this.classIn(file, base, cls), base, file, c);
        if (from !== undefined) return from ? { sym: from, resolution: 'inherited' } : undefined;
      }
      inner = around;
      outer = around?.ir.parentFqn;
    }
    const member = destructuredMember(this, file, caller, c, this.#parent(file));
    if (member) return member;
    const local = localClass(this.scope, file, caller, c.name);
    // `Validator = validator_for(…)` in a method of the local class Validator: the value it holds.
    if (local)
      return this.#enc.localVariable(file, caller, c.name) ? undefined : construct(this.hierarchy, local, c);
    const scoped = this.#scopedImport(file, caller, c);
    if (scoped !== undefined) return scoped ?? undefined;
    const target = visibleFrom(this.scope, file, caller, c, this.#declared(file, c, caller, cls));
    // `f()` where f is a parameter or local: the call runs the value it holds (a Java variable never
    // hides a method). Checked only once something was found: the walk costs a third of linking.
    if (!target || file.spec.id === 'java') return target;
    const held = this.#enc.parameter(file, caller, c.name) || this.#enc.localVariable(file, caller, c.name);
    return held || onLine(file, caller, c, target.sym) ? undefined : target;
  }

  /**
   * `from ._windows import f` (Rust: `use a::f;`) inside the caller (or a function around it) binds
   * `f` there, over a function `f` of the module: the import's target, or null when it is not in the project.
   */
  #scopedImport(file: FileEntry, caller: FnSym | undefined, c: CallIR): CallTarget | null | undefined {
    if (file.spec.id !== 'python' && file.spec.id !== 'rust') return undefined;
    const imp = scopedImport(file, caller, c.name, this.#parent(file));
    if (!imp) return undefined;
    const t = this.scope.resolveImport(file, imp);
    return t?.kind === 'syms' ? (this.#pick(t.syms, c, 'import') ?? null) : null;
  }

  #parent = (file: FileEntry) => (f: FnSym) => this.#enc.parent(file, f);

  /** What a bare call names among declarations: a class, an implicit-this method, a visible symbol. */
  #declared(file: FileEntry, c: CallIR, caller?: FnSym, cls?: ClassSym): CallTarget | undefined {
    if (c.form === 'new') {
      // Inside its own members a class's simple name is the class (C++ `new Inner` in `Outer::Inner::f`).
      const target = cls?.ir.name === c.name ? cls : this.classIn(file, c.name, cls);
      const made = target && construct(this.hierarchy, target, c);
      if (made) return made;
    } else if (
      cls &&
      (IMPLICIT_THIS.has(file.spec.id) || (cls.ir.kind === 'module' && JS_LANGS.has(file.spec.id)))
    ) {
      const m = this.hierarchy.findMethod(cls, c.name, selfArgs(c, caller));
      if (m) return { sym: m.fn, resolution: m.inherited ? 'inherited' : 'self' };
      const inner = file.spec.id === 'cpp' ? cppMemberClass(this.scope, cls, c.name) : undefined;
      if (inner) return construct(this.hierarchy, inner, c);
      if (file.spec.id === 'cpp' && classScopeHides(this.hierarchy, cls, c.name)) return undefined;
      const outer = file.spec.id === 'java' ? outerMethod(this.scope, this.hierarchy, cls, c) : undefined;
      if (outer) return { sym: outer, resolution: 'inherited' };
      if (file.spec.id === 'java') {
        const fn = javaStaticCall(this.scope, this.hierarchy, file.ir, cls, c);
        return fn ? { sym: fn, resolution: 'import' } : undefined;
      }
    }
    const found = this.scope.lookup(file, c.name, 0, this.#module(file, caller));
    const syms = found?.kind === 'syms' ? found.syms : wholeExport(this.scope, found);
    const other = this.scope.included.overload(file, c, found);
    return other ? this.#pick(other, c, 'import') : syms && this.#pick(syms, c, found!.via);
  }

  #pick(syms: readonly Sym[], c: CallIR, via: Resolution): CallTarget | undefined {
    // Go has no constructors: `T(x)` converts; Rust's `T(x)` builds a tuple struct, running no function.
    const classes = syms.filter(
      (s): s is ClassSym => s.type === 'class' && s.file.spec.id !== 'go' && s.file.spec.id !== 'rust',
    );
    const made = classes.length === 1 ? construct(this.hierarchy, classes[0]!, c) : undefined;
    if (made) return made;
    const fns = syms.filter((s): s is FnSym => s.type === 'function');
    const fn = pickOverload(fns, c);
    return fn ? { sym: fn, resolution: via } : undefined;
  }

  #identifierReceiver(
    file: FileEntry,
    caller: FnSym | undefined,
    cls: ClassSym | undefined,
    recv: string,
    c: CallIR,
    element = false, // Java `recv[i].m()`: an element of the array recv
  ): CallTarget | undefined {
    const of = (t: string) => (element ? elementType(t) : t);
    for (let f: FnSym | undefined = caller; f; f = this.#enc.parent(file, f)) {
      const declared = localAt(f.ir.locals, recv, c.line);
      const type = declared && of(declared);
      // An untyped parameter hides a typed one of its name in a function around it.
      if (type === undefined && f.ir.params.some((p) => p.name === recv)) return undefined;
      if (type !== undefined) {
        return type ? typedMember(this, file, type, c, f, c.line) : undefined; // '': of unknown type
      }
    }
    if (cls && IMPLICIT_THIS.has(file.spec.id)) {
      const t = visibleField(this.scope, this.hierarchy, cls, recv);
      if (t) {
        const target = this.receiverClass(t.file, of(t.type), c, undefined, t.owner);
        const m = target && this.hierarchy.findMethod(target, c.name, c, false, true);
        return m ? { sym: m.fn, resolution: 'field-type' } : undefined;
      }
      // `Unigram::Size(n)` in a member of a class that declares its own `Unigram`
      const inner =
        file.spec.id === 'cpp' && c.form === 'static' ? cppMemberClass(this.scope, cls, recv) : undefined;
      if (inner) {
        const m = this.hierarchy.findMethod(inner, c.name, c);
        return m ? { sym: m.fn, resolution: 'static' } : undefined;
      }
    }
    if (element) return undefined;
    // `console = Console()` at module level, read in a function or at module level.
    const { type: global, file: gFile } = globalOf(this.scope, file, recv, c.line) ?? { file };
    // JS/TS: a top-level block's variable of unknown type (a test callback's parameter) hides imports.
    if (global === '' && JS_LANGS.has(file.spec.id) && declaredAt(file.ir.globals!, recv, c.line))
      return undefined;
    if (global && !this.#enc.parameter(file, caller, recv))
      return typedMember(this, gFile, global, c, undefined, gFile === file ? c.line : 0);
    const local = localClass(this.scope, file, caller, recv);
    const lm = local && this.hierarchy.findMethod(local, c.name, c);
    if (local) return lm ? { sym: lm.fn, resolution: 'static' } : undefined;
    // `def f(): from . import helpers` binds `helpers` in f only.
    const imp = file.spec.id === 'python' ? scopedImport(file, caller, recv, this.#parent(file)) : undefined;
    const found = imp
      ? this.scope.resolveImport(file, imp)
      : this.scope.lookup(file, recv, 0, this.#module(file, caller));
    // `x.m()` where x is an (untyped) parameter: x is a value, not the module or class named x.
    if (this.#enc.parameter(file, caller, recv)) return undefined;
    const member = file.spec.id === 'java' && cls ? javaMemberClass(this.scope, cls, recv) : undefined;
    if (member) {
      const m = this.hierarchy.findMethod(member, c.name, c);
      return m ? { sym: m.fn, resolution: 'static' } : undefined;
    }
    if (!found) return c.form === 'static' ? this.#rustModuleFn(file, caller, recv, c) : undefined;
    if (found.kind === 'module') {
      const fns = found.files.flatMap((f) => this.scope.member(f, c.name) ?? []);
      return fns.length ? this.#pick(fns, c, 'import') : undefined;
    }
    const owner = found.syms.find((s): s is ClassSym => s.type === 'class');
    const m = owner && this.hierarchy.findMethod(owner, c.name, c);
    // Go `T.M(v, …)` is a method expression: the receiver is its first argument. Otherwise the
    // name is a value the extractor did not see declared (in a function literal of a package variable).
    if (m && file.spec.id === 'go' && c.argc !== m.fn.ir.params.length + 1) return undefined;
    return m ? { sym: m.fn, resolution: 'static' } : undefined;
  }

  /** Rust `shapes::area()`, `super::f()`: see rustModuleFunction; the caller's module is its FQN's (an inline `mod tests` included). */
  #rustModuleFn(file: FileEntry, caller: FnSym | undefined, path: string, c: CallIR): CallTarget | undefined {
    if (file.spec.id !== 'rust') return undefined;
    const fn = rustPathCall(this.scope, this.hierarchy, file, this.#module(file, caller)!, path, c);
    return fn ? { sym: fn, resolution: 'static' } : undefined;
  }

  /** A class named in a file, Java's nested and outer classes of `cls` first. */
  classIn = (file: FileEntry, name: string, cls?: ClassSym, fn?: FnSym) =>
    (file.spec.id === 'java' && cls && javaMemberClass(this.scope, cls, name)) ||
    this.scope.classNamed(file, name, undefined, rustTypeModule(file, fn, cls));

  /** Rust: the module the caller is in, whose own items and imports a name it spells sees. */
  #module = (file: FileEntry, caller?: FnSym) =>
    file.spec.id === 'rust' ? rustCallerModule(file, caller, (f) => this.#enc.local(file, f)) : undefined;

  /** The class of a variable: `this`/`self`, or a local or parameter of the caller or a function around it. */
  classOfVar(
    file: FileEntry,
    caller: FnSym | undefined,
    cls: ClassSym | undefined,
    name: string,
    line: number,
  ): ClassSym | undefined {
    if (file.spec.selfNames.includes(name) || name === 'this' || name === 'self') return cls;
    for (let f: FnSym | undefined = caller; f; f = this.#enc.parent(file, f)) {
      const type = localAt(f.ir.locals, name, line);
      if (type !== undefined) return type ? this.typeClass(file, type, f) : undefined;
      // An untyped parameter hides a typed local of its name in a function around it.
      if (f.ir.params.some((p) => p.name === name)) return undefined;
    }
    // Java: a field of the class around (`current.entry.m()`): its own, inherited, an outer class's.
    const field = file.spec.id === 'java' && cls && visibleField(this.scope, this.hierarchy, cls, name);
    if (field) return this.typeClass(field.file, field.type, undefined, field.owner);
    // Go: a package variable (`CommandLine.formal.m()`), typed where it is declared.
    const go = file.spec.id === 'go' && !this.#enc.parameter(file, caller, name);
    const g = go ? globalOf(this.scope, file, name, line) : undefined;
    return g?.type ? this.typeClass(g.file, g.type) : undefined;
  }

  /** The class a type expression names (see TypeClasses). */
  typeClass(
    file: FileEntry,
    type: string,
    caller?: FnSym,
    owner = caller?.cls,
    line = 0,
  ): ClassSym | undefined {
    return this.#types.typeClass(file, type, caller, owner, line);
  }

  /** The class whose method `x.m()` calls, x of type `type`: for a C++ `x->m()`, through its `operator->`. */
  receiverClass(file: FileEntry, type: string, c: CallIR, caller?: FnSym, owner = caller?.cls, line = 0) {
    const target = this.typeClass(file, type, caller, owner, line);
    if (!c.arrow || file.spec.id !== 'cpp' || type.startsWith('(')) return target;
    return arrowClass(this.hierarchy, type, target, (t) => this.typeClass(file, t, caller, owner));
  }
}
