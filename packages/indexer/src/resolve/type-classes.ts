import { baseType, functionTypeParam, isArrayType, localAt } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import type { CallTarget } from './call-target.js';
import type { CallResolver } from './calls.js';
import { unwrappedClass } from './rust-unwrap.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/** How many calls deep a chain's receiver is followed (each link returns the next receiver). */
const MAX_CHAIN = 64;

/**
 * Python `self.__class__(…)` in a method, `cls(…)` in one whose first parameter is `cls`: an
 * object of the method's class (or of a subclass, whose methods resolve as `self.m()` does).
 */
function ownClass(file: FileEntry, expr: string, caller?: FnSym): ClassSym | undefined {
  if (file.spec.id !== 'python' || !caller?.cls) return undefined;
  const first = caller.ir.params[0]?.name;
  return (expr === 'self.__class__' && first === 'self') || (expr === 'cls' && first === 'cls')
    ? caller.cls
    : undefined;
}

/** What working out a type needs of the call resolver. */
export type TypeContext = Pick<CallResolver, 'scope' | 'hierarchy' | 'resolve' | 'classOfVar' | 'classIn'>;

/**
 * The classes type expressions name, as extractors write them: a type (`Foo`, `*Foo`, `List<Foo>`),
 * `()expr` (what calling expr returns), `(.)y.f` (field f of y), `(arg)…` (a callback's parameter).
 * Each form may resolve calls or other forms in turn, a few deep.
 */
export class TypeClasses {
  readonly #r: TypeContext;
  #depth = 0;

  constructor(r: TypeContext) {
    this.#r = r;
  }

  /**
   * The class a type expression names; `()expr` is the value returned by calling expr, at `line`
   * (where a name in expr is looked up: locals and globals may be scoped to lines).
   */
  typeClass(
    file: FileEntry,
    type: string,
    caller?: FnSym,
    owner = caller?.cls,
    line = 0,
  ): ClassSym | undefined {
    if (type.startsWith('(arg)')) return this.#callbackParamClass(file, type, caller);
    if (type.startsWith('(.)')) return this.#fieldValueClass(file, type.slice(3), caller);
    if (type.startsWith('(elem)')) return this.#elementClass(file, type.slice(6), caller, line);
    if (type.startsWith('(member)')) return undefined; // a function (resolve/typed-member.ts)
    if (type.startsWith('(#')) return this.#resultClass(file, type, caller, line);
    // `(at12)()x.next`: worked out at line 12, where x is declared anew from itself (Go `x, err := x.next()`)
    const at = /^\(at(\d+)\)/.exec(type);
    if (at) return this.typeClass(file, type.slice(at[0].length), caller, owner, Number(at[1]));
    if (!type.startsWith('()')) {
      // a Java array (`Node[]`) is no Node: its methods are Object's
      const base = file.spec.id === 'java' && type.trimEnd().endsWith(']') ? undefined : baseType(type);
      if (!base) return undefined;
      // C++ names a member function's types from its class outwards (`Handler` in `WriteBatch::f`)
      // (a field's type from the class declaring it); Go a function's own types first
      const context =
        file.spec.id === 'cpp'
          ? (caller?.ir.classFqn ?? caller?.cls?.ir.fqn ?? owner?.ir.fqn)
          : file.spec.id === 'go'
            ? caller?.ir.fqn
            : undefined;
      return context
        ? this.#r.scope.classNamed(file, base, context)
        : this.#r.classIn(file, base, owner, caller);
    }
    const expr = type.slice(2);
    const own = ownClass(file, expr, caller);
    if (own) return own;
    // A namespace is never constructed: `fastify()` of `declare function fastify` beside `namespace fastify`.
    const named = this.#r.scope.classNamed(file, expr);
    const direct = named?.ir.kind === 'module' ? undefined : named;
    // Each link of a call chain is one level (`$compiler->write(…)->raw(…)->indent()`, builders).
    if (direct || this.#depth > MAX_CHAIN) return direct;
    this.#depth++;
    try {
      // `()self.send` is what `self.send()` returns: resolved from the function the type was seen in,
      // or for a Python field's type (read outside its method) from the class holding the field.
      const call = callOf(expr, line);
      const held = unwrappedClass(this.#r, file, call, caller);
      if (held) return held;
      const t = this.#ownMethod(file, call, caller, owner) ?? this.#r.resolve(file, caller, call);
      if (!t) return undefined;
      if (t.sym.type === 'class') return t.sym;
      if (t.resolution === 'constructor') return t.sym.cls;
      const ret = baseType(t.sym.ir.returnType);
      if (!ret) return undefined;
      if ((ret === 'static' || ret === 'self' || ret === 'Self' || ret === 'this') && t.sym.cls)
        return t.sym.cls;
      // named where the function is declared: in Java its class's member classes first
      return this.#r.classIn(t.sym.file, ret, t.sym.cls, t.sym);
    } finally {
      this.#depth--;
    }
  }

  /** Python `self.x = self.make()`, PHP `$this->x = $this->make()`, read outside the method: `make` of the field's class. */
  #ownMethod(file: FileEntry, call: CallIR, caller?: FnSym, owner?: ClassSym): CallTarget | undefined {
    const lang = file.spec.id;
    if (
      caller ||
      !owner ||
      (lang !== 'python' && lang !== 'php') ||
      !file.spec.selfNames.includes(call.receiver ?? '')
    )
      return undefined;
    const m = this.#r.hierarchy.findMethod(owner, call.name, call);
    return m ? { sym: m.fn, resolution: 'self' } : undefined;
  }

  /**
   * `(elem)(.)y.f`, `(elem)()x.items`, `(elem)p`: the element class of the slice or map field f of y,
   * of what calling x.items returns (Go `for _, v := range x.Items()`), or of parameter p (PHP
   * `foreach ($handlers as $h)`; in Go any local, `xs[i].M()`), as declared (`[]*T`, `map[K]T`).
   */
  #elementClass(
    file: FileEntry,
    expr: string,
    caller: FnSym | undefined,
    line: number,
  ): ClassSym | undefined {
    if (this.#depth > 3) return undefined;
    const at = /^\(at(\d+)\)/.exec(expr);
    if (at) return this.#elementClass(file, expr.slice(at[0].length), caller, Number(at[1]));
    this.#depth++;
    try {
      let declared: { file: FileEntry; type: string | undefined } | undefined;
      const field = /^\(\.\)([\w.]+)\.(\w+)$/.exec(expr);
      if (field) {
        const owner = this.#variableClass(file, field[1]!, caller);
        declared = owner && this.#r.hierarchy.fieldType(owner, field[2]!);
      } else if (expr.startsWith('()')) {
        const t = this.#r.resolve(file, caller, callOf(expr.slice(2), line));
        if (t?.sym.type === 'function') declared = { file: t.sym.file, type: t.sym.ir.returnType };
      } else if (caller && /^\w+$/.test(expr) && file.spec.id === 'go') {
        const local = localAt(caller.ir.locals, expr, line);
        if (local && /^\((?:at\d+)?\)/.test(local)) return this.#elementClass(file, local, caller, line);
        declared = { file, type: local };
      } else if (caller && /^\w+$/.test(expr)) {
        declared = { file, type: caller.ir.params.find((p) => p.name === expr)?.type };
      }
      // Go `type Diagnostics []*Diagnostic`: the slice it is defined as (see languages/go.ts)
      const defined = declared?.type && file.spec.id === 'go' && !/^(?:\[\]|map\[\])/.test(declared.type);
      const named = defined
        ? this.typeClass(declared!.file, declared!.type!, caller, caller?.cls, line)
        : undefined;
      if (named) declared = this.#r.hierarchy.fieldType(named, '[]');
      const elem = declared?.type && /^(?:\[\]|map\[\])([^[].*)$/.exec(declared.type)?.[1];
      return elem ? this.typeClass(declared!.file, elem) : undefined;
    } finally {
      this.#depth--;
    }
  }

  /** `(#1)()f`: the class of f's second result (Go `x, diags := f()`), as f declares it. */
  #resultClass(file: FileEntry, type: string, caller: FnSym | undefined, line: number): ClassSym | undefined {
    const m = /^\(#(\d+)\)(?:\(at(\d+)\))?\(\)(.+)$/.exec(type);
    if (!m || this.#depth > MAX_CHAIN) return undefined;
    this.#depth++;
    try {
      const t = this.#r.resolve(file, caller, callOf(m[3]!, m[2] ? Number(m[2]) : line));
      const fn = t?.sym.type === 'function' ? t.sym : undefined;
      const ret = baseType(fn?.ir.results?.[Number(m[1])]);
      return fn && ret ? this.#r.classIn(fn.file, ret, fn.cls, fn) : undefined;
    } finally {
      this.#depth--;
    }
  }

  /** The class of variable `y`, or of its field chain `y.a.b` (Go `x := y.a.b`). */
  #variableClass(file: FileEntry, path: string, caller?: FnSym): ClassSym | undefined {
    return path.includes('.')
      ? this.#fieldValueClass(file, path, caller)
      : this.#r.classOfVar(file, caller, caller?.cls, path, 0);
  }

  /** `(.)y.f`: the class of field f of the variable y (Go `x := y.f`), as y's struct declares it. */
  #fieldValueClass(file: FileEntry, expr: string, caller?: FnSym): ClassSym | undefined {
    const dot = expr.lastIndexOf('.');
    if (dot < 0 || this.#depth > 3) return undefined;
    this.#depth++;
    try {
      const name = expr.slice(0, dot);
      // Rust `(.)Entry.Occupied(0)`: a field of an enum variant (see rust-patterns.ts)
      const variant = /^[A-Z]/.test(name) && file.spec.id === 'rust';
      const type = variant && name !== 'Self' ? this.#r.scope.classNamed(file, name) : caller?.cls;
      const owner = variant ? type : this.#variableClass(file, name, caller);
      const t = owner && this.#r.hierarchy.fieldType(owner, expr.slice(dot + 1));
      return t ? this.typeClass(t.file, t.type, undefined, t.owner) : undefined;
    } finally {
      this.#depth--;
    }
  }

  /**
   * `(arg)k.j|form|receiver|name`: parameter j of a function passed as argument k to that call
   * (see the JS extractor's onCallback), typed by the callee's declared callback type in its file.
   */
  #callbackParamClass(file: FileEntry, type: string, caller?: FnSym): ClassSym | undefined {
    const m = /^\(arg\)(\d+)\.(\d+)\|(\w+)\|([\s\S]*)\|([^|]*)$/.exec(type);
    if (!m || this.#depth > 3) return undefined;
    const call: CallIR = { name: m[5]!, form: m[3] as CallIR['form'], line: 0 };
    if (m[4]) call.receiver = m[4];
    this.#depth++;
    try {
      const t = this.#r.resolve(file, caller, call);
      const fn = t?.sym.type === 'function' ? t.sym : undefined;
      const callback = fn?.ir.params[Number(m[1])]?.type;
      const param = callback ? functionTypeParam(callback, Number(m[2])) : undefined;
      const base = param && !isArrayType(param) ? baseType(param) : undefined;
      return fn && base ? this.#r.scope.classNamed(fn.file, base) : undefined;
    } finally {
      this.#depth--;
    }
  }
}

/** The call `expr()` (`a.b.c`: method c on receiver `a.b`). */
export function callOf(expr: string, line = 0): CallIR {
  const dot = expr.search(/(?:\.|::|->)#?[\w$]+$/);
  return dot < 0
    ? { name: expr, form: 'call', line }
    : {
        name: expr.slice(dot).replace(/^(?:\.|::|->)/, ''),
        receiver: expr.slice(0, dot),
        form: 'call',
        line,
      };
}
