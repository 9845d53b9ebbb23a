/**
 * C++ class bodies often hold macro invocations that expand to whole member declarations and
 * take no semicolon (libsass's `ADD_PROPERTY(bool, x)`, `ATTACH_AST_OPERATIONS(Block)`, Chromium's
 * `DISALLOW_COPY_AND_ASSIGN(Foo)`). Unexpanded, two of them in a row read as one broken declaration,
 * and the grammar's error recovery can then lose every class of the file (libsass's AST headers
 * parsed as one ERROR node: their classes and members were never indexed). Such a line declares
 * nothing the indexer could read anyway, so it is blanked before parsing, positions unchanged.
 *
 * Only a line that is one invocation and nothing else is blanked: a name in capitals, arguments
 * without parentheses or literals (types and names: no call is lost), no semicolon (with one it
 * parses as a declaration or a statement already), between lines that end a declaration or a
 * statement (so not an argument of a call spread over lines), and not followed by `{` or `:`
 * (`TEST(A, B)` or a function-like macro heading a definition).
 */
const INVOCATION = /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\([\w \t:<>,*&]*\)[ \t]*(?:\/\/[^\r]*)?\r?$/;
// What the line before may end with: a declaration, a statement, a block, an access label, a
// directive or a comment.
const ENDS_DECLARATION = /(?:[;{}:]|\*\/)\s*$|^\s*(?:#|\/\/)/;
// What the line after may start with: a declaration, a statement, the end of a block, a directive, a comment.
const STARTS_DECLARATION = /^\s*(?:[A-Za-z_~}#[]|\/[/*])/;

/** Blanks the lines of `source` that are a member-declaring macro invocation (see above). */
export function blankMacroLines(source: string): string {
  if (!/^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\(/m.test(source)) return source;
  const lines = source.split('\n');
  const blank = lines.map((l) => INVOCATION.test(l));
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    if (!blank[i] || !fitsBetween(lines, blank, i)) continue;
    lines[i] = lines[i]!.replace(/[A-Z][A-Z0-9_]*[ \t]*\([^)]*\)/, (m) => ' '.repeat(m.length));
    changed = true;
  }
  return changed ? lines.join('\n') : source;
}

/** Whether line `i` stands between two declarations or statements (blank lines skipped). */
function fitsBetween(lines: readonly string[], invocation: readonly boolean[], i: number): boolean {
  let before = i - 1;
  while (before >= 0 && !lines[before]!.trim()) before--;
  let after = i + 1;
  while (after < lines.length && !lines[after]!.trim()) after++;
  const prevOk = before < 0 || invocation[before] || ENDS_DECLARATION.test(lines[before]!);
  const nextOk = after >= lines.length || invocation[after] || STARTS_DECLARATION.test(lines[after]!);
  return prevOk === true && nextOk;
}
