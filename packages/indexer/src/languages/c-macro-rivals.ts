import type { FunctionIR } from '../ir.js';
import { type Arm, alternatives, type Conditionals } from './c-conditionals.js';
import { directiveMatches } from './c-directive-lines.js';

/**
 * Whether a macro defined under `#if` at line `line` has a rival of its name that the build may compile
 * instead: a function defined or declared, or a variable (a function pointer), in another arm of the same
 * `#if` (zlib's `#ifdef HAVE_MEMCPY` / `#define zmemzero(d, l) memset(d, 0, l)` / `#else` / `void
 * zmemzero(…);`, libdeflate's `static volatile adler32_func_t adler32_impl = …;` / `#else` / `#define
 * adler32_impl DEFAULT_IMPL`), or a function declared or defined under `#ifndef name` (libssh2's
 * `#ifndef ssh2_explicit_zero` / `void ssh2_explicit_zero(…);` after the platforms' macros).
 */
export function rivalled(
  text: string,
  name: string,
  line: number,
  conditionals: Conditionals,
  lineAt: (offset: number) => number,
  functionLines: ReadonlyMap<string, number[]>,
  tested: () => ReadonlySet<string>,
): boolean {
  const arms = conditionals.at(line);
  if (arms.length === 0) return false;
  const span = conditionals.alternativesSpan(arms);
  if (
    span &&
    (rivals(conditionals, arms, functionLines.get(name)) ||
      rivals(conditionals, arms, declarationLines(text, name, span, lineAt, true)))
  )
    return true;
  if (!tested().has(name)) return false;
  const lines = [
    ...(functionLines.get(name) ?? []),
    ...declarationLines(text, name, [0, text.length], lineAt),
  ];
  return lines.some((l) => l > line && conditionals.conditionsAt(l).some((c) => negates(c, name)));
}

/** Whether a line compiled in another arm than `arms` is among `lines`. */
function rivals(
  conditionals: Conditionals,
  arms: readonly Arm[],
  lines: readonly number[] | undefined,
): boolean {
  return lines?.some((line) => alternatives(arms, conditionals.at(line))) === true;
}

/**
 * Whether an arm's conditions (as {@link Conditionals.conditionsAt} writes them: `if A|elif B|else`) hold
 * only where `name` is no macro: its own is `#ifndef name` or has `!defined(name)`, or an earlier arm of
 * the block, passed over, is `#ifdef name` or `#if defined(name)`.
 */
function negates(key: string, name: string): boolean {
  const arms = key.split('|');
  const own = arms.pop()!;
  if (own === `ifndef ${name}` || notDefined(name).test(own)) return true;
  const defined = new RegExp(`^(?:ifdef ${name}|(?:el)?if defined ?(?:${name}|\\( ?${name} ?\\)))$`);
  return arms.some((a) => defined.test(a));
}

const notDefined = (name: string) => new RegExp(`!\\s*defined\\s*\\(?\\s*${name}\\b`);

const TESTS = /^[ \t]*#[ \t]*(ifndef|ifdef|if|elif)\b([^\n]*)/gm;

/** The names a file's conditions test (`#ifndef X`, `#ifdef X`, `defined(X)`): those a macro's rival may hang on. */
export function testedNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of directiveMatches(text, TESTS)) {
    if (m[1] === 'ifdef' || m[1] === 'ifndef') {
      const word = /^[ \t]*([A-Za-z_]\w*)/.exec(m[2]!);
      if (word) out.add(word[1]!);
    } else for (const d of m[2]!.matchAll(/\bdefined\s*\(?\s*([A-Za-z_]\w*)/g)) out.add(d[1]!);
  }
  return out;
}

/** The lines of a file's functions (not members), by name. */
export function linesOf(functions: readonly FunctionIR[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of functions) if (!f.classFqn) out.set(f.name, [...(out.get(f.name) ?? []), f.line]);
  return out;
}

// What precedes the name of a declared (or defined) function on its line: at least one word of its type
// (`void ZLIB_INTERNAL zmemzero(void FAR *, z_size_t);`).
const DECLARED_AFTER = /^[ \t]*(?!return\b|else\b|case\b|goto\b)[A-Za-z_]\w*(?:[ \t*]+[A-Za-z_]\w*)*[ \t*]+$/;

/**
 * The lines between `span`'s offsets that declare or define a function `name` (with `variables`, also
 * a variable: `static volatile adler32_func_t adler32_impl = dispatch_adler32;`).
 */
export function declarationLines(
  text: string,
  name: string,
  [from, to]: readonly [number, number],
  lineAt: (offset: number) => number,
  variables = false,
): number[] {
  const out: number[] = [];
  const blank = (ch: string | undefined) => ch === ' ' || ch === '\t';
  for (let i = text.indexOf(name, from); i >= 0 && i < to; i = text.indexOf(name, i + name.length)) {
    let j = i + name.length;
    while (blank(text[j])) j++;
    // Lua's `LUALIB_API int (luaL_getn) (lua_State *L, int t);`: a name in parentheses is no macro call.
    let start = i;
    if (text[j] === ')') {
      for (start = i - 1; blank(text[start]); ) start--;
      if (text[start] !== '(') continue;
      for (j++; blank(text[j]); ) j++;
    }
    const variable = variables && start === i && isVariableEnd(text, j);
    if ((text[j] !== '(' && !variable) || /\w/.test(text[i - 1] ?? '')) continue;
    if (DECLARED_AFTER.test(text.slice(text.lastIndexOf('\n', start) + 1, start))) out.push(lineAt(i));
  }
  return out;
}

/** Whether a declared name ends at `j`: `;`, `[`, or `=` (not `==`). */
function isVariableEnd(text: string, j: number): boolean {
  const ch = text[j];
  return ch === ';' || ch === '[' || (ch === '=' && text[j + 1] !== '=');
}
