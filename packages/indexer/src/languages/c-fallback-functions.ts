import type { FileIR } from '../ir.js';
import { Conditionals } from './c-conditionals.js';
import { isHeader, lineIndex } from './c-macro-aliases.js';

/**
 * `#ifndef isnan` / `static int isnan(double x) {…}` / `#endif`: a function defined only where no macro
 * of its name exists (jansson's portability fallbacks). Where the platform has the macro, as `<math.h>`
 * gives `isnan`, the function is not compiled and a call of the name is the macro's: which one a call
 * means is the build's choice, so the file's calls of that name are left unresolved, and a header's
 * includers' calls as well.
 */
export function markFallbackCalls(ir: FileIR, text: string): void {
  if (!text.includes('ifndef') && !text.includes('!defined')) return;
  let conditionals: Conditionals | undefined;
  const fallbacks = new Set<string>();
  for (const f of ir.functions) {
    if (f.classFqn || f.parentFqn) continue;
    conditionals ??= new Conditionals(text, lineIndex(text));
    const own = new Set([`ifndef ${f.name}`, `if !defined(${f.name})`, `if !defined ${f.name}`]);
    if (conditionals.conditionsAt(f.line).some((k) => own.has(k))) fallbacks.add(f.name);
  }
  if (fallbacks.size === 0) return;
  for (const c of ir.calls) if (c.receiver === undefined && fallbacks.has(c.name)) c.form = 'macro';
  // xz's `tuklib_integer.h`: `#ifndef write32le` / `static inline void write32le(…)` after a `write32le`
  // macro of some builds: its includers' calls are the build's choice too (see resolve/header-aliases.ts).
  if (isHeader(ir.path))
    ir.macroAliases = [
      ...(ir.macroAliases ?? []).filter(([name]) => !fallbacks.has(name)),
      ...[...fallbacks].map((name): [string, string] => [name, '']),
    ];
}
