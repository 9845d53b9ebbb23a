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

/** The decorators resolution reads (`cfg(…)`), kept once the others are written; `none` when there are none. */
export function resolutionDecorators(decorators: string[], none: string[]): string[] {
  return decorators.some(isCfg) ? decorators.filter(isCfg) : none;
}
const isCfg = (d: string) => d.startsWith('cfg(');
