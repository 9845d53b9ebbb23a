import { splitTop, typeKey } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import { pickCppOverload } from './cpp-overloads.js';
import { builtVariant } from './go-build.js';
import { javaArgFit } from './java-arg-fit.js';
import type { FileEntry, FnSym } from './symbols.js';

/** What a call site tells about its arguments; `from`: the caller's file, whose imports name their types. */
export type CallArgs = Pick<CallIR, 'argc' | 'argTypes'> & {
  readonly from?: FileEntry;
  /** C++: a call on the caller's own `this`, which is const in a `const` member function. */
  readonly constThis?: boolean;
  /** Rust: a call on `self` in a method of an `impl … for &T` block, where `self` is a `&&T`. */
  readonly refSelf?: boolean;
};

// Java's widening primitive conversions, and each primitive's box.
const WIDENS_TO: Readonly<Record<string, readonly string[]>> = {
  byte: ['short', 'int', 'long', 'float', 'double'],
  short: ['int', 'long', 'float', 'double'],
  char: ['int', 'long', 'float', 'double'],
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  double: [],
  boolean: [],
};
const BOX: Readonly<Record<string, string>> = {
  byte: 'Byte',
  short: 'Short',
  char: 'Character',
  int: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  boolean: 'Boolean',
};
const UNBOX = Object.fromEntries(Object.entries(BOX).map(([p, b]) => [b, p]));
const ANY_OBJECT = new Set(['Object', 'Serializable', 'Comparable']);
const STRING_SUPERS = new Set(['String', 'CharSequence', 'Constable', 'ConstantDesc', ...ANY_OBJECT]);
const primitive = (t: string) => Object.hasOwn(WIDENS_TO, t);
// `T`, `E2`: a type variable accepts any reference.
const typeVariable = (t: string) => /^[A-Z][A-Z0-9]?$/.test(t);

/** How an argument of static type `arg` fits a parameter of type `param`: 2 exact, 1 maybe, 0 not. */
function fit(arg: string, param: string | undefined): 0 | 1 | 2 {
  if (arg === '?' || param === undefined) return 1;
  if (arg === param) return 2;
  if (arg.endsWith('[]') || param.endsWith('[]')) {
    // an array fits an array (of a related type: maybe) or Object, never a scalar
    if (param === 'Object' || typeVariable(param) || arg === 'null') return 1;
    return arg.endsWith('[]') === param.endsWith('[]') ? 1 : 0;
  }
  if (typeVariable(param)) return primitive(param) ? 0 : 1;
  if (arg === 'null') return primitive(param) ? 0 : 1;
  if (primitive(arg)) {
    if (primitive(param)) return WIDENS_TO[arg]!.includes(param) ? 1 : 0;
    return param === BOX[arg] || ANY_OBJECT.has(param) || (param === 'Number' && arg !== 'boolean') ? 1 : 0;
  }
  if (arg === 'String') return STRING_SUPERS.has(param) ? 1 : 0;
  // String and the boxes are final: only themselves (or null) fit.
  if ((param === 'String' || Object.hasOwn(UNBOX, param)) && !typeVariable(arg)) return 0;
  if (primitive(param)) {
    const unboxed = UNBOX[arg];
    return unboxed !== undefined && (unboxed === param || WIDENS_TO[unboxed]!.includes(param)) ? 1 : 0;
  }
  return 1; // two class types: the hierarchy may relate them
}

/** How many arguments match `f`'s parameter types exactly, or -1 when one cannot be passed. */
function score(f: FnSym, types: readonly string[], from: FileEntry | undefined): number {
  let n = 0;
  for (let i = 0; i < types.length; i++) {
    const s = fitAt(f, types, i, from);
    if (s === 0) return -1;
    if (s === 2) n++;
  }
  return n;
}

/** How argument `i` fits `f`'s parameter there (see `fit`). */
function fitAt(f: FnSym, types: readonly string[], i: number, from: FileEntry | undefined): 0 | 1 | 2 {
  const ps = params(f);
  const p = ps[Math.min(i, ps.length - 1)];
  // a value the resolver did not look up (see java-arg-values.ts) is unknown
  const arg = /^\(\.?\)/.test(types[i]!) ? '?' : types[i]!;
  // a variadic parameter takes its element type, or the array itself in its own position
  const own = typeKey(p?.type);
  const arrayPassed = p?.variadic && i === ps.length - 1 && types.length === ps.length && arg.endsWith('[]');
  const declared = arrayPassed && p?.type ? `${p.type}[]` : p?.type;
  const java = declared && f.file.spec.id === 'java' ? javaArgFit(arg, declared, from, f.file) : undefined;
  return java ?? fit(arg.includes('<') ? (typeKey(arg) ?? '?') : arg, arrayPassed && own ? `${own}[]` : own);
}

// Python's `self`/`cls`, Rust's `self` and TypeScript's `this: T` are declared but never passed; in Java or C#
// `cls` and `self` are parameters like any other (commons-lang3's `getName(Class<?> cls, String)`).
const RECEIVER_PARAMS: Readonly<Record<string, ReadonlySet<string>>> = {
  python: new Set(['self', 'cls']),
  rust: new Set(['self']),
  javascript: new Set(['this']),
  typescript: new Set(['this']),
  tsx: new Set(['this']),
};
const params = (f: FnSym) => {
  const receivers = RECEIVER_PARAMS[f.file.spec.id];
  return receivers ? f.ir.params.filter((p) => !receivers.has(p.name)) : f.ir.params;
};

/** Whether `sub` (met first, lower in the hierarchy) overrides `sup`: the same parameter types, a type variable matching any. */
export function overrides(sub: FnSym, sup: FnSym): boolean {
  const a = sub.ir.params;
  const b = sup.ir.params;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = typeKey(a[i]!.type);
    const y = typeKey(b[i]!.type);
    if (x !== y && !(x === undefined || typeVariable(x)) && !(y === undefined || typeVariable(y)))
      return false;
  }
  return true;
}

/** Whether `f` can take `argc` arguments: as many parameters (less those with a default value), or a variadic last one. */
export function takes(f: FnSym, argc: number): boolean {
  const ps = params(f);
  if (ps.at(-1)?.variadic === true && argc >= ps.length - 1) return true;
  return argc <= ps.length && argc >= ps.filter((p) => !p.optional).length;
}

/** Whether `f` can take the call's arguments: their count, and none of the types seen rules it out. */
export function accepts(f: FnSym, args: CallArgs): boolean {
  if (args.argc === undefined) return true;
  if (!takes(f, args.argc)) return false;
  return args.argTypes === undefined || score(f, splitTop(args.argTypes, ','), args.from) >= 0;
}

/**
 * The one overload a call can mean, or nothing when several remain. Arity first: fixed-arity
 * candidates that can take the arguments win over a variadic last parameter, as in Java — unless a
 * variadic one matches the argument types more exactly (`isNewer(path, fileTime)` against
 * `isNewer(Path, Path)` and `isNewer(Path, FileTime, LinkOption...)`: whether a FileTime is a Path
 * is the class hierarchy's to say, so neither is certain). Then the argument types the extractor saw
 * rule out candidates that cannot accept them, and the candidate with the most exact matches wins
 * when it is the only one with that many.
 */
export function pickOverload(fns: readonly FnSym[], args?: CallArgs): FnSym | undefined {
  if (fns[0]?.file.spec.id === 'cpp')
    return args ? pickCppOverload(fns, args) : fns.length === 1 ? fns[0] : undefined;
  if (fns.length <= 1) return fns[0];
  const built = fns[0]!.file.spec.id === 'go' ? builtVariant(fns) : undefined;
  if (built) return built;
  const argc = args?.argc;
  if (argc === undefined) return undefined;
  const java = fns[0]!.file.spec.id === 'java';
  const types = args?.argTypes === undefined ? undefined : splitTop(args.argTypes, ',');
  // Java: `mk(Path, FileAttribute...)` takes two arguments without its varargs only when the last
  // is an array: not when it is known to be something else.
  const last = types?.[argc - 1];
  const scalar = last !== undefined && last !== '?' && last !== 'null' && !last.endsWith('[]');
  const fixed = fns.filter(
    (f) => params(f).length === argc && (!java || !scalar || !params(f).at(-1)?.variadic),
  );
  const varargs = fns.filter((f) => {
    const ps = params(f);
    return ps.at(-1)?.variadic === true && argc >= ps.length - 1;
  });
  // Java runs a variadic candidate when the fixed one cannot take an argument: where an argument
  // is not known to fit the fixed one exactly and the two declare different types there
  // (`isNewer(file, time(ref))` against `isNewer(Path, Path)` and `isNewer(Path, FileTime,
  // LinkOption...)`; a subclass of `Observer` against `List<Observer>` and `Observer...`), either may run.
  const unsure = (f: FnSym, vs: readonly FnSym[]) =>
    java &&
    vs.some((v) =>
      [...Array(argc).keys()].some(
        (i) => (!types || fitAt(f, types, i, args?.from) !== 2) && !sameParam(f, v, i),
      ),
    );
  if (!types) {
    const candidates = fixed.length ? fixed : varargs;
    return candidates.length === 1 && !(fixed.length && unsure(fixed[0]!, varargs))
      ? candidates[0]
      : undefined;
  }
  // Each candidate that can take the arguments, with its count of exact matches.
  const fitting = (list: readonly FnSym[]) =>
    list.map((f) => ({ f, n: score(f, types, args?.from) })).filter((c) => c.n >= 0);
  const fixedFits = fitting(fixed);
  const bestFixed = Math.max(-1, ...fixedFits.map((c) => c.n));
  const varargFits = fitting(varargs);
  if (fixedFits.length && varargFits.some((c) => c.n > bestFixed)) return undefined;
  const candidates = fixedFits.length ? fixedFits : varargFits;
  const best = Math.max(-1, ...candidates.map((c) => c.n));
  const top = candidates.filter((c) => c.n === best);
  if (top.length !== 1) return undefined;
  // A Java argument typed by a type variable (`T start`, bound unknown) may not fit the winner's
  // class there: javac then takes another candidate (`(Object, Object)` over `(Comparable, Comparable)`).
  const typeVarArg = (i: number) => {
    const p = typeKey(params(top[0]!.f)[i]?.type) ?? 'Object';
    return (
      typeVariable(types[i]!) &&
      p !== 'Object' &&
      !typeVariable(p) &&
      fitAt(top[0]!.f, types, i, args?.from) !== 2
    );
  };
  if (
    java &&
    candidates.some(
      (c) => c !== top[0] && types.some((_, i) => typeVarArg(i) && !sameParam(top[0]!.f, c.f, i)),
    )
  )
    return undefined;
  // An unknown Java argument where the winner and another candidate take different primitives
  // (`put(buf, off + n, b)` against `(byte[], int, byte)` and `(Object, long, byte)`): a long fits only one.
  const unknownAt = (i: number) => /^(\?|\(\.?\))/.test(types[i]!);
  const prim = (f: FnSym, i: number) => typeKey(params(f)[Math.min(i, params(f).length - 1)]?.type) ?? '';
  if (
    java &&
    candidates.some(
      (c) =>
        c !== top[0] &&
        types.some(
          (_, i) =>
            unknownAt(i) &&
            primitive(prim(top[0]!.f, i)) &&
            primitive(prim(c.f, i)) &&
            !sameParam(top[0]!.f, c.f, i),
        ),
    )
  )
    return undefined;
  const vs = varargFits.map((c) => c.f);
  return candidates === fixedFits && unsure(top[0]!.f, vs) ? undefined : top[0]!.f;
}

/** Whether two methods declare one type at argument `i` (a variadic parameter: its element type). */
function sameParam(f: FnSym, g: FnSym, i: number): boolean {
  const at = (h: FnSym) => {
    const ps = params(h);
    return typeKey(ps[Math.min(i, ps.length - 1)]?.type);
  };
  return at(f) === at(g);
}
