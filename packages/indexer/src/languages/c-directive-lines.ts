/**
 * Directive patterns (`^[ \t]*#…`, flags `gm`) tried only where a line's first non-blank character is `#`.
 * A C file is scanned by a dozen such patterns; each of them, run over the whole text, tests every line
 * start, while a file's `#` are few and found with `indexOf`.
 */

// The line starts of the last text asked about (the patterns of one file run one after another).
let lastText: string | undefined;
let lastStarts: readonly number[] = [];

const isBlank = (c: number) => c === 32 || c === 9;
// Where `^` matches in a multiline pattern: after these.
const isBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Offsets of the lines whose first non-blank character is `#`, in order. */
export function directiveLineStarts(text: string): readonly number[] {
  if (text === lastText) return lastStarts;
  const starts: number[] = [];
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    let j = i - 1;
    while (j >= 0 && isBlank(text.charCodeAt(j))) j--;
    if (j < 0 || isBreak(text.charCodeAt(j))) starts.push(j + 1);
  }
  lastText = text;
  lastStarts = starts;
  return starts;
}

const sticky = new WeakMap<RegExp, RegExp>();

/** `text.matchAll(pattern)` for a pattern that starts with `^[ \t]*#` (flags `gm`). */
export function* directiveMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  let re = sticky.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`);
    sticky.set(pattern, re);
  }
  // Matches do not overlap: the next one starts at or after the end of the last.
  let from = 0;
  for (const start of directiveLineStarts(text)) {
    if (start < from) continue;
    re.lastIndex = start;
    const m = re.exec(text);
    if (!m) continue;
    from = m.index + Math.max(1, m[0].length);
    yield m;
  }
}

/** The first match of a directive pattern (see {@link directiveMatches}), else undefined. */
export function firstDirectiveMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  for (const m of directiveMatches(text, pattern)) return m;
  return undefined;
}

/** The offset of the line break that ends the line at `at` (or the text's end). */
export function lineEnd(source: string, at: number): number {
  const nl = source.indexOf('\n', at);
  return nl < 0 ? source.length : nl;
}

/** Whether the line ending at `nl` (a `\n`) ends with `\` (`\r\n` endings too). */
function continued(source: string, nl: number): boolean {
  let j = nl - 1;
  if (source.charCodeAt(j) === 13) j--;
  return source.charCodeAt(j) === 92;
}

/** The end of the directive starting at `start`: the line break of its last continuation line. */
export function directiveEnd(source: string, start: number): number {
  let end = lineEnd(source, start);
  while (end < source.length && continued(source, end)) end = lineEnd(source, end + 1);
  return end;
}
