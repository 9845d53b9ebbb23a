import { Conditionals } from './c-conditionals.js';
import { directiveMatches } from './c-directive-lines.js';
import { armTaken, fileLookup } from './c-if-eval.js';

const NDEBUG = /^[ \t]*#[ \t]*(define|undef)[ \t]+NDEBUG\b/gm;

/**
 * The C library's `assert(e)` expands to `((void)0)` where `NDEBUG` is defined (C11 7.2): the lines
 * where a file `#define`s it (dropping) and `#undef`s it, for the `assert` calls below them and, in a
 * header (xz's generated `config.h`: `#define NDEBUG 1`), for the files that include it. A definition
 * in an `#if` arm the file shows not taken (c-if-eval.ts) is left out (`#if !defined(NDEBUG)` is no such arm).
 */
export function ndebugEvents(
  text: string,
  lineAt: (offset: number) => number,
): { line: number; drops?: boolean }[] {
  if (!text.includes('NDEBUG')) return [];
  const out: { line: number; drops?: boolean }[] = [];
  let conditionals: Conditionals | undefined;
  let lookup: ReturnType<typeof fileLookup> | undefined;
  for (const m of directiveMatches(text, NDEBUG)) {
    const line = lineAt(m.index);
    if (m[1] === 'undef') {
      out.push({ line });
      continue;
    }
    conditionals ??= new Conditionals(text, lineAt);
    lookup ??= fileLookup(text);
    const cs = conditionals;
    const lk = lookup;
    if (!cs.conditionsAt(line).some((key) => !key.includes('NDEBUG') && armTaken(key, lk) === false))
      out.push({ line, drops: true });
  }
  return out;
}
