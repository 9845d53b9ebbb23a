// A directive that makes the tree yield something (an import): files with one are parsed.
const INCLUDE = /^#[ \t]*(?:include|include_next|import)\b/;

/**
 * Whether a C file is preprocessor lines only — directives (with their `\` continuations),
 * comments and blank lines, none of them an `#include`. Such a file (a register map of
 * `#define mmREG 0x1234` lines: 13 % of the Linux kernel's bytes) gives the tree nothing to
 * extract but its line count; its macros are read from the text (c-macro-aliases.ts).
 */
export function directivesOnly(text: string): boolean {
  const n = text.length;
  let lineStart = true; // only blanks and comments so far on this line
  let directive = -1; // where the directive of this logical line starts, else -1
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false; // unterminated: leave it to the parser
      i = end + 2;
      continue;
    }
    if (ch === 47 && text.charCodeAt(i + 1) === 47) {
      // a line comment runs to the end of the line (a `\` before the newline continues it)
      while (i < n && !(text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) !== 92)) i++;
      continue;
    }
    if (ch === 10) {
      if (directive < 0 || text.charCodeAt(i - 1) !== 92 /* \ */) {
        lineStart = true;
        directive = -1;
      }
      i++;
      continue;
    }
    if (ch === 34 /* " */ || ch === 39 /* ' */) {
      if (directive < 0) return false;
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== ch && text.charCodeAt(j) !== 10)
        j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (text.charCodeAt(j) !== ch) return false; // unterminated on its line
      i = j + 1;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 13 || ch === 12 || ch === 11) {
      i++;
      continue;
    }
    if (directive < 0) {
      if (!lineStart || ch !== 35 /* # */) return false;
      if (INCLUDE.test(text.slice(i, i + 24))) return false;
      directive = i;
      lineStart = false;
    }
    i++;
  }
  return true;
}
