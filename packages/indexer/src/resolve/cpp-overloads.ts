import { typeKey } from '../extract/helpers.js';
import type { CallArgs } from './overloads.js';
import type { ClassSym, FnSym, Sym } from './symbols.js';

/**
 * C++'s choice among overloads (or constructors) of one name, by what the indexer can see: the
 * arity, then the arguments whose type is known (see `cppArgTypes`). Implicit conversions
 * (`int` to `size_t`, `const char*` to `std::string`, a typedef of another name) are not
 * modelled, so a type only chooses by matching a parameter's exactly: the one candidate all known
 * arguments match is taken, several or none (among several of that arity) give nothing.
 * Constructing `cls` from a value of `cls` itself copies it, which is never linked: the implicit
 * copy constructor is no project function, and a declared one cannot be told from `T(const T*)`
 * (parameter types are kept without their pointer or reference).
 */
export function pickCppOverload(fns: readonly FnSym[], args: CallArgs, cls?: ClassSym): FnSym | undefined {
  const argc = args.argc;
  if (argc === undefined) return fns.length === 1 ? fns[0] : undefined;
  const fixed = fns.filter((f) => f.ir.params.length === argc);
  const candidates = fixed.length
    ? fixed
    : fns.filter((f) => f.ir.params.at(-1)?.variadic === true && argc >= f.ir.params.length - 1);
  // A single constructor of another arity has default arguments, unless one argument is a copy.
  if (!candidates.length) return fns.length === 1 && argc !== 1 ? fns[0] : undefined;
  const types = args.argTypes?.split(',');
  if (!types) return candidates.length === 1 ? candidates[0] : undefined;
  if (cls && argc === 1 && (types[0] === cls.ir.name || types[0] === cls.ir.fqn)) return undefined;
  const exact = candidates.filter((f) =>
    types.every((t, i) => t === '?' || t === typeKey(f.ir.params[Math.min(i, f.ir.params.length - 1)]?.type)),
  );
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  return candidates.length === 1 ? candidates[0] : undefined;
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
