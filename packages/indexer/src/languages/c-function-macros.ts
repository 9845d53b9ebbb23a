import { directiveEnd } from './c-directive-lines.js';
/** A call written in a function-like macro's body: the name called and the arguments it passes. */
export interface BodyCall {
  readonly name: string;
  readonly argc: number;
}

// Words followed by `(` that call nothing.
const NOT_CALLS = new Set([
  'if',
  'while',
  'for',
  'switch',
  'return',
  'sizeof',
  'defined',
  '_Alignof',
  'alignof',
  '__alignof__',
  'typeof',
  '__typeof__',
  '_Generic',
  '__attribute__',
  '__extension__',
  'do',
]);

/**
 * The calls in the body of the function-like macro `name` defined at `at` (`#define poolAppendChar(pool,
 * c) (… && !poolGrow(pool)) ? 0 : …`, continuation lines included), or undefined when the body calls
 * the function of its own name (`#define foo(x) foo((x), 0)`: the preprocessor does not expand it
 * again, the function is called). A call of a parameter (`#define CALL(f, x) f(x)`), through a member
 * (`(enc)->byteType(p)`) or in a string is no call of a named function.
 */
export function bodyCalls(text: string, at: number, name: string): BodyCall[] | undefined {
  const definition = definitionAt(text, at);
  const open = definition.indexOf('(', definition.indexOf(name) + name.length);
  const close = definition.indexOf(')', open);
  if (open < 0 || close < 0) return [];
  const params = new Set(
    definition
      .slice(open + 1, close)
      .split(',')
      .map((p) => p.trim()),
  );
  // Strings and comments call nothing (`/* Given opj_mqc_init_dec() we know … */`); a `//` comment
  // runs to the end of the spliced definition, as in the preprocessor.
  const body = definition
    .slice(close + 1)
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\/|\/\/.*$/g, (s) =>
      s[0] === '/' ? ' ' : '""',
    );
  const calls: BodyCall[] = [];
  for (const m of body.matchAll(/(->|\.|#)?\s*\b([A-Za-z_]\w*)\s*\(/g)) {
    const called = m[2]!;
    if (m[1] || NOT_CALLS.has(called) || params.has(called)) continue;
    if (called === name) return undefined;
    calls.push({ name: called, argc: argumentsAt(body, m.index! + m[0].length) });
  }
  return calls;
}

/** The number of arguments of the call whose `(` ends just before `from`. */
function argumentsAt(body: string, from: number): number {
  if (body.slice(from).trimStart().startsWith(')')) return 0;
  let depth = 0;
  let commas = 0;
  for (let i = from; i < body.length && depth >= 0; i++) {
    const ch = body[i]!;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) commas++;
  }
  return commas + 1;
}

/**
 * The text of the `#define` at `at`, continuation lines (`\` at the end) included: a function-like
 * macro's body may span many (zlib's `send_bits`).
 */
export function definitionAt(text: string, at: number): string {
  return text.slice(at, directiveEnd(text, at)).replace(/\\\r?\n/g, ' ');
}
