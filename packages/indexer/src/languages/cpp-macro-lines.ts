import { directiveMatches } from './c-directive-lines.js';

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
 *
 * An object-like macro alone on its line that the file defines empty (imgui's
 * `IM_MSVC_RUNTIME_CHECKS_OFF` before `struct ImVec2 {…}`, `#define IM_MSVC_RUNTIME_CHECKS_OFF` in
 * one `#if` arm) expands to nothing: blanked too, unless it continues a macro's body (`\`).
 */
const INVOCATION = /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\([\w \t:<>,*&]*\)[ \t]*(?:\/\/[^\r]*)?\r?$/;
const OBJECT_LIKE = /^[ \t]*([A-Z][A-Z0-9_]*)[ \t]*(?:\/\/[^\r]*)?\r?$/;
const EMPTY_DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Z][A-Z0-9_]*)[ \t]*(?:\/\/[^\r\n]*)?\r?$/gm;
// What the line before may end with: a declaration, a statement, a block, an access label, a
// directive or a comment.
const ENDS_DECLARATION = /(?:[;{}:]|\*\/)\s*$|^\s*(?:#|\/\/)/;
// What the line after may start with: a declaration, a statement, the end of a block, a directive, a comment.
const STARTS_DECLARATION = /^\s*(?:[A-Za-z_~}#[]|\/[/*])/;

/** Blanks the lines of `source` that are a member-declaring macro invocation (see above). */
export function blankMacroLines(source: string): string {
  const empty = emptyMacros(source);
  if (!empty && !/^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\(/m.test(source)) return source;
  const lines = source.split('\n');
  const blank = lines.map((l, i) => INVOCATION.test(l) || (!!empty && expandsToNothing(lines, i, empty)));
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    if (!blank[i] || !fitsBetween(lines, blank, i)) continue;
    lines[i] = lines[i]!.replace(/[A-Z][A-Z0-9_]*(?:[ \t]*\([^)]*\))?/, (m) => ' '.repeat(m.length));
    changed = true;
  }
  return changed ? lines.join('\n') : source;
}

/** Whether line `i` stands between two declarations or statements (blank lines skipped). */
function fitsBetween(lines: readonly string[], invocation: readonly boolean[], i: number): boolean {
  let before = i - 1;
  while (before >= 0 && !lines[before]!.trim()) before--;
  const after = nextLine(lines, i);
  const prevOk = before < 0 || invocation[before] || ENDS_DECLARATION.test(lines[before]!);
  const nextOk = after >= lines.length || invocation[after] || STARTS_DECLARATION.test(lines[after]!);
  return prevOk === true && nextOk;
}

/** The object-like macros `source` defines empty (`#define IM_MSVC_RUNTIME_CHECKS_OFF`), if any. */
function emptyMacros(source: string): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const m of directiveMatches(source, EMPTY_DEFINE)) (out ??= new Set()).add(m[1]!);
  return out;
}

/** Whether line `i` is only a macro the file defines empty, not within a macro's continued body. */
function expandsToNothing(lines: readonly string[], i: number, empty: ReadonlySet<string>): boolean {
  const name = OBJECT_LIKE.exec(lines[i]!)?.[1];
  if (!name || !empty.has(name)) return false;
  let before = i - 1;
  while (before >= 0 && !lines[before]!.trim()) before--;
  return before < 0 || !/\\\s*$/.test(lines[before]!);
}

/** The index of the first non-blank line after line `i` (`lines.length` when none). */
function nextLine(lines: readonly string[], i: number): number {
  let after = i + 1;
  while (after < lines.length && !lines[after]!.trim()) after++;
  return after;
}
