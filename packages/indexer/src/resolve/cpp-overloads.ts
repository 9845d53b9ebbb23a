import { typeKey } from '../extract/helpers.js';
import type { CallArgs } from './overloads.js';
import type { ClassSym, FnSym, Sym } from './symbols.js';

/**
 * C++'s choice among overloads (or constructors) of one name, by what the indexer can see: the
 * arity, then the arguments whose type is known (see `cppArgTypes`). Implicit conversions
 * (`int` to `size_t`, `const char*` to `std::string`, a typedef of another name) are not
 * modelled, so a type only chooses by matching a parameter's exactly: the one candidate all known
 * arguments match is taken, several or none (among several of that arity) give nothing.
 * A parameter with a default value may be left out (`DoublePoint(double x = 0, double y = 0)`
 * takes 0, 1 or 2 arguments); unnamed parameters are not recorded, so a function with fewer
 * parameters than arguments may still be the one, never one with more required parameters.
 * Constructing `cls` from a value of `cls` itself copies it, which is never linked: the implicit
 * copy constructor is no project function, and a declared one cannot be told from `T(const T*)`
 * (parameter types are kept without their pointer or reference).
 */
export function pickCppOverload(fns: readonly FnSym[], args: CallArgs, cls?: ClassSym): FnSym | undefined {
  const argc = args.argc;
  if (argc === undefined) return fns.length === 1 ? fns[0] : undefined;
  const fixed = exactFirst(
    fns.filter((f) => !variadic(f) && fits(f, argc)),
    argc,
  );
  const candidates = fixed.length ? fixed : fns.filter((f) => variadic(f) && argc >= required(f));
  // A single candidate of another arity may have unnamed parameters, or default values declared
  // elsewhere, unless the one argument is a copy.
  if (!candidates.length) {
    const only = fns.length === 1 ? fns[0]! : undefined;
    const other = only && (argc > only.ir.params.length || !ownDefaults(only));
    return other && !(cls && argc === 1) ? only : undefined;
  }
  const viable = byConstness(candidates, args.constThis);
  const types = args.argTypes?.split(',');
  if (!types) return viable.length === 1 ? viable[0] : undefined;
  if (cls && argc === 1 && (types[0] === cls.ir.name || types[0] === cls.ir.fqn)) return undefined;
  const exact = viable.filter((f) =>
    types.every((t, i) => t === '?' || t === typeKey(f.ir.params[Math.min(i, f.ir.params.length - 1)]?.type)),
  );
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  return viable.length === 1 ? viable[0] : undefined;
}

/**
 * A call on the caller's `this` (`constThis`, see `selfArgs`): in a `const` member function only
 * const (or static) members can be called; in another one a non-const overload wins over a const one
 * of the same parameters (`Chunk& RawBigit(int)` over `const Chunk& RawBigit(int) const`).
 */
function byConstness(fns: FnSym[], constThis: boolean | undefined): FnSym[] {
  if (constThis === undefined || fns.length < 2) return fns;
  if (constThis) {
    const callable = fns.filter((f) => f.ir.isConst || f.ir.isStatic);
    return callable.length ? callable : fns;
  }
  const sig = (f: FnSym) => f.ir.params.map((p) => typeKey(p.type)).join(',');
  const mutable = new Set(fns.filter((f) => !f.ir.isConst).map(sig));
  return fns.filter((f) => !f.ir.isConst || !mutable.has(sig(f)));
}

/**
 * A self call's arguments (`m()`, `this->m()`) with the constness of `this` in a C++ member
 * function; in Rust, whether `self` is a `&&T` (`refSelf`, a method of an `impl … for &T` block).
 */
export function selfArgs(c: CallArgs, caller: FnSym | undefined): CallArgs {
  if (caller?.ir.traitImpl?.startsWith('&')) return { ...c, refSelf: true };
  if (caller?.file.spec.id !== 'cpp' || !caller.ir.classFqn || caller.ir.kind === 'closure') return c;
  return { ...c, constThis: caller.ir.isConst === true };
}

const variadic = (f: FnSym) => f.ir.params.at(-1)?.variadic === true;

/** Whether `f` takes `argc` arguments: as many as its parameters, or fewer where its own list has defaults. */
export const fits = (f: FnSym, argc: number) =>
  argc === f.ir.params.length || (argc < f.ir.params.length && argc >= required(f) && ownDefaults(f));

/**
 * Candidates that need default values, less those whose parameters up to `argc` are an exact-arity
 * candidate's: the two cannot both be compiled (the call would be ambiguous), they are `#if`
 * alternatives (`IntPoint(cInt x = 0, cInt y = 0, cInt z = 0)` under `#ifdef use_xyz`, `#else`
 * `IntPoint(cInt x = 0, cInt y = 0)`), and the one of the call's arity stands for both.
 */
function exactFirst(fns: readonly FnSym[], argc: number): FnSym[] {
  const exact = fns.filter((f) => f.ir.params.length === argc);
  if (!exact.length || exact.length === fns.length) return [...fns];
  const key = (f: FnSym, i: number) => typeKey(f.ir.params[i]?.type);
  const same = (f: FnSym, g: FnSym) => [...Array(argc).keys()].every((i) => key(f, i) === key(g, i));
  return fns.filter((f) => f.ir.params.length === argc || !exact.some((e) => same(e, f)));
}

/**
 * Whether `f`'s parameter list is the one its default values are declared on: one that declares
 * some, or a definition in its class's body (the only declaration a member has then). An
 * out-of-line or free function's declaration elsewhere (a header) may give defaults its definition does not repeat.
 */
function ownDefaults(f: FnSym): boolean {
  if (f.ir.params.some((p) => p.optional)) return true;
  const c = f.cls;
  return c !== undefined && c.file === f.file && c.ir.line <= f.ir.line && f.ir.endLine <= c.ir.endLine;
}

/** How many arguments a call of `f` must pass: its parameters without a default value or `...`. */
export function required(f: FnSym): number {
  let n = 0;
  for (const p of f.ir.params) if (!p.optional && !p.variadic) n++;
  return n;
}

/**
 * Whether several project-wide symbols of one name are one C++ overload set: functions of one FQN
 * declared in one file (a header's `encode(int)` and `encode(const std::string&)`), among which
 * the arguments choose (`pickCppOverload`). Functions of one name in several files are left alone.
 */
export function isOverloadSet(syms: readonly Sym[]): boolean {
  const first = syms[0];
  return (
    first?.type === 'function' &&
    syms.every((s) => s.type === 'function' && s.file === first.file && s.ir.fqn === first.ir.fqn)
  );
}
