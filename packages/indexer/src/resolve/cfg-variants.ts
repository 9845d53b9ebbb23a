import type { FnSym } from './symbols.js';

// Of definitions sharing one FQN (Rust's `#[cfg(feature = "x")]` and `#[cfg(not(feature = "x"))]`
// variants), a build on Linux with default features most likely compiles the one whose `cfg`
// negates least and names no other platform.
const OTHER_OS = /\bwindows\b|target_os\s*=\s*"(?!linux")/g;
const NOT_OTHER_OS = /\bnot\s*\(\s*(windows\b|target_os\s*=\s*"(?!linux"))/g;
const count = (d: string, re: RegExp) => d.match(re)?.length ?? 0;
/** How unlikely a default Linux build is to compile `f`: its `cfg` negations and other platforms. */
export const offRank = (f: FnSym) =>
  f.ir.decorators.reduce(
    (n, d) =>
      d.startsWith('cfg(')
        ? n + count(d, /\bnot\s*\(/g) + count(d, OTHER_OS) - 2 * count(d, NOT_OTHER_OS)
        : n,
    0,
  );

/**
 * The decorators resolution reads (`cfg(…)`, Python's property decorators), kept once the others
 * are written; `none` when there are none.
 */
export function resolutionDecorators(decorators: string[], none: string[]): string[] {
  return decorators.some(isKept) ? decorators.filter(isKept) : none;
}
const isCfg = (d: string) => d.startsWith('cfg(') || d.startsWith('go:build ');
// `@property`, `@functools.cached_property`, `@x.setter`: the name reads (or writes) a value.
const PROPERTY =
  /^(?:property|(?:functools\.)?cached_property|(?:abc\.)?abstractproperty|\w+\.(?:setter|getter|deleter))$/;
const isKept = (d: string) => isCfg(d) || PROPERTY.test(d);

/**
 * A Python property or a JS/TS accessor (`static get now()`): `x.p(…)` reads the property, then
 * calls the value it returned (a function the getter built or looked up), so the call runs no
 * body of `p`.
 */
export const isProperty = (f: FnSym) =>
  f.ir.accessor !== undefined ||
  (f.file.spec.id === 'python' && f.ir.decorators.some((d) => PROPERTY.test(d)));
