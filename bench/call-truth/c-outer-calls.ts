// Words followed by `(` that open no call.
const NOT_CALLS = new Set([
  'if',
  'while',
  'for',
  'switch',
  'return',
  'sizeof',
  'defined',
  '_Alignof',
  '__typeof__',
  'typeof',
]);
// How far up a call's arguments may reach.
const REACH = 60;

/** A source line without its string and character literals and `//` comments (an approximation). */
function code(line: string): string {
  return line
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\/\/.*$/, '')
    .replace(/\/\*.*?\*\//g, ' ');
}

/**
 * The lines (other than `line`) where the calls whose argument lists hold the call of `name` on line
 * `line` (1-based) begin, innermost first, within its statement. GCC's call graph places a call written in
 * another call's arguments (or a function-like macro's) at the line where the outermost one starts:
 * `f(1,\n  g(2))` has g at f's line.
 */
export function outerCallLines(lines: readonly string[], line: number, name: string): number[] {
  const own = code(lines[line - 1] ?? '');
  const at = own.search(new RegExp(`\\b${name}\\s*\\(`));
  if (at < 0) return [];
  const out: number[] = [];
  let depth = 0;
  for (let l = line; l >= 1 && l > line - REACH; l--) {
    const text = l === line ? own.slice(0, at) : code(lines[l - 1] ?? '');
    if (/^\s*#/.test(text)) break;
    for (let i = text.length - 1; i >= 0; i--) {
      const ch = text[i]!;
      if (ch === ')') depth++;
      else if (ch === '(') {
        if (depth > 0) {
          depth--;
          continue;
        }
        const word = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, i))?.[1];
        if (word && !NOT_CALLS.has(word) && l !== line) out.push(l);
      } else if (depth === 0 && (ch === ';' || ch === '{' || ch === '}')) return out;
    }
  }
  return out;
}
