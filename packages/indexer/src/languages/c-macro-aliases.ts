import type { FileIR, FunctionIR } from '../ir.js';
import { Conditionals } from './c-conditionals.js';
import { directiveMatches } from './c-directive-lines.js';
import { bodyCalls } from './c-function-macros.js';
import { declarationLines, rivalled as hasRival, linesOf, testedNames } from './c-macro-rivals.js';

// `#define FSE_isError ERR_isError`: an object-like macro that names another function.
const ALIAS =
  /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([A-Za-z_]\w*)[ \t]*(?:\/\*.*?\*\/[ \t]*|\/\/.*)?$/gm;

// `#define make_str(subj, sc, ec, s) make_literal(subj, CMARK_NODE_TEXT, sc, ec, s)`: a function-like
// macro whose whole body is one call (checked by {@link oneCall}) — a call of it in the same file is a
// call of that function (a header's are not followed into the files that include it).
const CALL_ALIAS =
  /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)\([^()]*\)[ \t]+([A-Za-z_]\w*)[ \t]*\((.*)\)[ \t]*(?:\/\*.*?\*\/[ \t]*|\/\/.*)?$/gm;

/**
 * Calls made through a file's own alias macros go to what the macro names: after `#define
 * FSE_isError ERR_isError`, `FSE_isError(x)` calls `ERR_isError` (which may be a library's or
 * another macro, and then no function of the project), never the project function that happens to
 * be called `FSE_isError` elsewhere. A definition applies from its line on, until an `#undef`;
 * where alternatives disagree (one per `#ifdef` branch), the call keeps its name and is never linked.
 * A header's aliases still defined at its end are kept in `FileIR.macroAliases` for the files
 * that include it (see resolve/header-aliases.ts). Any other function-like macro of a called name is
 * read for the calls in its body (c-function-macros.ts): one makes it an alias in its own file, none
 * or several make its uses no call of a function — when it is defined outside `#if`, or beside a
 * function of its name in another arm of the same `#if` (c-conditionals.ts).
 */
export function applyMacroAliases(ir: FileIR, text: string): void {
  if (!text.includes('define')) return;
  const called = new Set<string>();
  for (const c of ir.calls) if (c.receiver === undefined) called.add(c.name);
  const aliases = aliasDefinitions(text, { called, functions: ir.functions, header: isHeader(ir.path) });
  if (aliases.size === 0) return;
  const exported = isHeader(ir.path) ? activeAtEnd(aliases) : undefined;
  if (exported) ir.macroAliases = exported;
  for (const c of ir.calls) {
    if (c.receiver !== undefined) continue;
    const inForce = aliases.get(c.name)?.filter((x) => c.line > x.from && c.line < x.to);
    // A macro of an `#if` arm, called where builds without it compile the call too: the build picks.
    if (inForce?.some((x) => x.within && !x.within(c.line))) {
      c.form = 'macro';
      continue;
    }
    // Alternatives under `#ifdef` (`#define f f_x` / `#else` / `#define f f_y`): the build picks.
    const targets = new Set(inForce?.map((x) => x.target));
    // `''`: an in-force definition of another kind (`#define BROTLI_DUMP() (void)(0)`), the name kept;
    // a function-like macro that is no alias in force alone: its expansion, no call of a function.
    if (targets.size === 1 && targets.has('')) {
      if (aliases.get(c.name)!.every((x) => x.shadows)) c.form = 'macro';
    } else if (targets.size === 1) {
      const alias = aliases.get(c.name)!.find((x) => x.target === [...targets][0]);
      c.name = alias!.target;
      // The macro's body passes its own arguments: the function gets as many as the body writes.
      if (alias!.argc !== undefined) c.argc = alias!.argc;
    } else if (targets.size > 1) c.form = 'macro';
  }
}

// Files other files `#include`: their aliases at the end of the file reach the includers' calls.
const HEADER = /\.(h|hh|hpp|hxx|inc)$/;

/** Whether a C/C++ file is a header (one that other files include). */
export function isHeader(path: string): boolean {
  return HEADER.test(path);
}

/** What the extraction knows of a file's names: those it calls bare, and its functions. */
interface FileNames {
  readonly called: ReadonlySet<string>;
  readonly functions: readonly FunctionIR[];
  readonly header: boolean;
}

interface Alias {
  readonly target: string;
  readonly from: number;
  readonly to: number;
  /** A function-like macro's: the arguments its body's call passes. */
  readonly argc?: number;
  /**
   * A function-like macro of a name no alias has: in force, a use of it calls no function of its
   * name (its body makes none or several calls, or it is an `#if` alternative of that function).
   */
  readonly shadows?: boolean;
  /**
   * A header's function-like macro in one arm of an `#if` whose other arm declares or defines a
   * function of its name (zlib's `#ifdef HAVE_MEMCPY` / `#define zmemzero(d, l) memset(d, 0, l)` /
   * `#else` / `void zmemzero(…);`): which one an includer's call means, the build decides.
   */
  readonly rival?: boolean;
  /**
   * A macro defined under `#if` and taken for its call: whether a line is compiled only where the macro
   * is (curl's `#ifdef DEBUGBUILD` / `#define time(x) altsvc_debugtime(x)` does not make every `time(NULL)`
   * of the file a call of `altsvc_debugtime`: a build without it calls the library's).
   */
  readonly within?: (line: number) => boolean;
}

/** Every alias macro of a file with the lines it applies between (after its `#define`, before an `#undef`). */
function aliasDefinitions(text: string, file: FileNames): Map<string, Alias[]> {
  const aliases = new Map<string, Alias[]>();
  let lineAt: ((offset: number) => number) | undefined;
  let undefs: Map<string, number[]> | undefined;
  let conditionals: Conditionals | undefined;
  let functionLines: Map<string, number[]> | undefined;
  let definitions: Map<string, number> | undefined;
  const add = (
    m: RegExpMatchArray,
    name: string,
    target: string,
    argc?: number,
    shadows?: boolean,
    rival = false,
    within?: (line: number) => boolean,
  ) => {
    lineAt ??= lineIndex(text);
    undefs ??= undefinitions(text);
    const after = undefs.get(name)?.filter((at) => at > m.index!);
    let undef: number | undefined;
    if (after?.length) {
      conditionals ??= new Conditionals(text, lineAt);
      undef = firstCertainUndef(conditionals, lineAt(m.index!), after.map(lineAt));
    }
    const list = aliases.get(name) ?? [];
    const to = undef ?? Infinity;
    list.push({
      target,
      from: lineAt(m.index!),
      to,
      ...(argc === undefined ? {} : { argc }),
      ...(shadows ? { shadows } : {}),
      ...(rival ? { rival } : {}),
      ...(within ? { within } : {}),
    });
    aliases.set(name, list);
  };
  let tested: Set<string> | undefined;
  // A macro under `#if` with a rival of its name that the build may compile instead (c-macro-rivals.ts).
  const rivalled = (m: RegExpMatchArray, name: string): boolean => {
    lineAt ??= lineIndex(text);
    conditionals ??= new Conditionals(text, lineAt);
    functionLines ??= linesOf(file.functions);
    return hasRival(text, name, lineAt(m.index!), conditionals, lineAt, functionLines, () => {
      tested ??= testedNames(text);
      return tested;
    });
  };
  // A macro under `#if`: in force on the lines compiled only under the same conditions.
  const guarded = (m: RegExpMatchArray): ((line: number) => boolean) | undefined => {
    lineAt ??= lineIndex(text);
    conditionals ??= new Conditionals(text, lineAt);
    const at = lineAt(m.index!);
    const cs = conditionals;
    return cs.at(at).length > 0 ? (line) => cs.within(line, at) : undefined;
  };
  const seen = new Set<number>();
  for (const m of directiveMatches(text, ALIAS)) {
    if (m[1] === m[2]) continue;
    // With a rival, the alias holds only on the lines of its own arm (a header's: for no includer). Not
    // curl's `#define Curl_mime_read NULL` (a disabled build's callback): no compiled call means NULL.
    const rival = m[2] !== 'NULL' && (file.header || file.called.has(m[1]!)) && rivalled(m, m[1]!);
    add(m, m[1]!, m[2]!, undefined, false, rival && file.header, rival ? guarded(m) : undefined);
    seen.add(m.index);
  }
  for (const m of directiveMatches(text, CALL_ALIAS)) {
    const argc = m[1] === m[2] ? undefined : oneCall(m[3]!);
    if (argc === undefined) continue;
    add(m, m[1]!, m[2]!, argc, false, file.header && rivalled(m, m[1]!), guarded(m));
    seen.add(m.index);
  }
  // Other definitions of an aliased name (`#else` / `#define BROTLI_DUMP() (void)(0)`): an alternative
  // that is not the alias, so the build picks between them. Function-like macros of other names shadow
  // a function of theirs where they are in force.
  const aliased = new Set(aliases.keys());
  for (const m of directiveMatches(text, DEFINE)) {
    if (seen.has(m.index)) continue;
    if (aliased.has(m[1]!)) add(m, m[1]!, '');
    else if (m[2] && !file.called.has(m[1]!)) {
      // Only a header's rivals matter beyond the file.
      if (file.header && rivalled(m, m[1]!)) add(m, m[1]!, '', undefined, true, true);
    } else if (m[2]) {
      // `#define poolAppendChar(pool, c) (… !poolGrow(pool)) ? 0 : …`: one call in the body is a call of
      // its function; none or several shadow a function of the macro's name (see c-function-macros.ts).
      const calls = bodyCalls(text, m.index, m[1]!);
      if (!calls) continue;
      lineAt ??= lineIndex(text);
      conditionals ??= new Conditionals(text, lineAt);
      functionLines ??= linesOf(file.functions);
      const arms = conditionals.at(lineAt(m.index));
      // Under `#if`, a macro defined once, of a name the file neither declares nor defines as a function,
      // is taken for what its calls mean (zlib's `#ifdef GUNZIP` / `#define CRC2(check, word) do { …
      // check = crc32(check, hbuf, 2); } while (0)`): a build without it does not compile them here.
      const alone = (name: string) => {
        definitions ??= definitionCounts(text);
        return (
          definitions.get(name) === 1 &&
          !functionLines!.has(name) &&
          declarationLines(text, name, [0, text.length], lineAt!).length === 0
        );
      };
      if (calls.length === 1 && arms.length === 0) add(m, m[1]!, calls[0]!.name, calls[0]!.argc);
      else if (calls.length === 1 && alone(m[1]!))
        add(m, m[1]!, calls[0]!.name, calls[0]!.argc, false, false, guarded(m));
      else if (arms.length === 0) add(m, m[1]!, '', undefined, true);
      else if (rivalled(m, m[1]!)) add(m, m[1]!, '', undefined, true, file.header);
    }
  }
  // `#ifdef DEBUGBUILD` / `#define sxstate(x, y) socksstate(x, y, __LINE__)` / `#else` / `#define sxstate(x, y)
  // socksstate(x, y)`: every build has one of them, and both call one function.
  for (const [name, list] of aliases) {
    const guarded = list.filter((x) => x.within);
    if (guarded.length < 2 || new Set(guarded.map((x) => x.target)).size !== 1 || guarded[0]!.target === '')
      continue;
    if (!conditionals?.everyArm(guarded.map((x) => x.from))) continue;
    aliases.set(
      name,
      list.map(({ within, ...x }) => x),
    );
  }
  return aliases;
}

/**
 * The first of `undefs` (lines) compiled in every build that compiles the `#define` at `line`: one under
 * no condition the definition is not under. `#if defined(__linux__) && O_NDELAY != O_NONBLOCK` / `#undef
 * uv__nonblock` does not end libuv's earlier definition in builds without that condition.
 */
function firstCertainUndef(
  conditionals: Conditionals,
  line: number,
  undefs: readonly number[],
): number | undefined {
  const mine = new Set(conditionals.conditionsAt(line));
  return undefs.find((u) => conditionals.conditionsAt(u).every((key) => mine.has(key)));
}

/**
 * The number of arguments when `args` (what follows `f(` up to the line's last `)`) closes that call
 * there: `a, g(b)` → 2; undefined for `a) + g(b` (two calls) or an unbalanced text.
 */
function oneCall(args: string): number | undefined {
  let depth = 0;
  let commas = 0;
  for (const ch of args) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (--depth < 0) return undefined;
    } else if (ch === ',' && depth === 0) commas++;
  }
  if (depth !== 0) return undefined;
  return args.trim() === '' ? 0 : commas + 1;
}

/** The aliases still defined at the end of a header: [name, target], `''` where `#if` alternatives disagree. */
function activeAtEnd(aliases: Map<string, Alias[]>): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const [name, list] of aliases) {
    if (list.some((a) => a.to === Infinity && a.rival)) {
      out.push([name, '']);
      continue;
    }
    const atEnd = list.filter((a) => a.to === Infinity && !a.shadows);
    // Function-like ones apply in their own file only: followed through every includer's headers they
    // cost the kernel's linking ~8 s and ~100 MB of heap for 1.4 % more calls resolved.
    if (atEnd.some((a) => a.argc !== undefined)) continue;
    const targets = new Set(atEnd.map((a) => a.target));
    if (targets.size > 0) out.push([name, targets.size === 1 ? [...targets][0]! : '']);
  }
  return out.length > 0 ? out : undefined;
}

/** How many times each name is `#define`d in a file. */
function definitionCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of directiveMatches(text, DEFINE)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + 1);
  return out;
}

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\()?/gm;
const UNDEF = /^[ \t]*#[ \t]*undef[ \t]+([A-Za-z_]\w*)/gm;

/** Where each name is `#undef`ined, by offset (in file order). */
function undefinitions(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!text.includes('undef')) return out;
  for (const m of directiveMatches(text, UNDEF)) {
    const list = out.get(m[1]!) ?? [];
    list.push(m.index);
    out.set(m[1]!, list);
  }
  return out;
}

/** A function from an offset in `text` to its 1-based line. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
