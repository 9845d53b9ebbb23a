import { directiveEnd, directiveLineStarts, lineEnd } from './c-directive-lines.js';

/**
 * Blanks the comments of directives that go on over continuation lines (`#define bytein(m) \` / `{ /*
 * a note *\/ \` / …): the grammar ends the directive at a comment followed by `\`, and reads the rest
 * of the body as code (a `do { … } while (0)` then swallows the next function). A `\` that ends a line
 * inside a comment and the line breaks stay; positions are unchanged.
 */
export function blankDirectiveComments(source: string): string {
  let out: string[] | undefined;
  let copied = 0;
  let from = 0;
  for (const start of directiveLineStarts(source)) {
    if (start < from) continue;
    const end = directiveEnd(source, start);
    from = end;
    if (end === lineEnd(source, start)) continue;
    for (const [a, b] of comments(source, start, end)) {
      out ??= [];
      out.push(source.slice(copied, a), blank(source.slice(a, b)));
      copied = b;
      from = Math.max(from, b);
    }
  }
  if (!out) return source;
  out.push(source.slice(copied));
  return out.join('');
}

/** The `/* … *\/` and `// …` comments that start between `start` and `end`, strings and characters skipped. */
function comments(source: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = start; i < end; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 34 || ch === 39) {
      // A literal ends at its quote or the line's end (an unterminated `'` in `#error don't`).
      for (i++; i < end && source.charCodeAt(i) !== ch && source.charCodeAt(i) !== 10; i++)
        if (source.charCodeAt(i) === 92) i++;
    } else if (ch === 47 && source.charCodeAt(i + 1) === 42) {
      // A comment opened on the last line may close past it: blanked whole.
      const close = source.indexOf('*/', i + 2);
      const to = close < 0 ? source.length : close + 2;
      out.push([i, to]);
      if (to >= end) break;
      i = to - 1;
    } else if (ch === 47 && source.charCodeAt(i + 1) === 47) {
      out.push([i, end]);
      break;
    }
  }
  return out;
}

/** Spaces for a comment's text, its line breaks and the `\` before them kept. */
function blank(text: string): string {
  return text.replace(/\\(?=\r?\n)|[^\r\n]/g, (c) => (c === '\\' ? c : ' '));
}
