import type { FileIR } from '../ir.js';
import { Conditionals } from './c-conditionals.js';
import { directiveMatches } from './c-directive-lines.js';
import { definitionAt } from './c-function-macros.js';
import { armTaken, fileLookup } from './c-if-eval.js';
import { isHeader, lineIndex } from './c-macro-aliases.js';
import { ndebugEvents } from './c-ndebug.js';

// Extraction records the calls a call sits in (c-enclosing-calls.ts); this module reads them.
export { withEnclosing } from './c-enclosing-calls.js';

// `#define DEBUGLOG(l, ...)`: a function-like macro with its parameters.
const FUNCTION_MACRO = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)\(([^()]*)\)/gm;
const UNDEF = /^[ \t]*#[ \t]*undef[ \t]+([A-Za-z_]\w*)/gm;

/**
 * Whether a call in the arguments of a macro that one `#if` arm defines to discard them and another to
 * expand them is left unresolved when the file cannot tell which arm the default build takes (c-if-eval.ts).
 * Measured without that evaluation on zstd and curl: 82 false edges removed, 10 true ones lost (curl's
 * `VERBOSE(x)`, expanded by default).
 */
export const MIXED_DROPS = true;

/** One `#define` or `#undef` of a function-like macro: its line, and whether it discards its arguments. */
interface Event {
  readonly line: number;
  /** undefined: an `#undef`. */
  readonly drops?: boolean;
}

/** Whether a macro body uses none of its parameters (`#x`, a string of it, does not evaluate `x`). */
function dropsArguments(definition: string, params: string): boolean {
  const names = params
    .split(',')
    .map((p) => p.trim())
    .map((p) => (p === '...' ? '__VA_ARGS__' : p.replace(/\.\.\.$/, '')))
    .filter((p) => p !== '');
  if (names.length === 0) return false;
  const body = definition
    .slice(definition.indexOf(')') + 1)
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\/\*.*?\*\/|\/\/.*$/g, ' ')
    .replace(/##/g, ' ')
    .replace(/#\s*\w+/g, ' ');
  const words = new Set(body.match(/\w+/g));
  return !names.some((p) => words.has(p));
}

/** The file's function-like macros that discard their arguments somewhere, with every (un)definition of them. */
function dropEvents(text: string): Map<string, Event[]> | undefined {
  const out = new Map<string, Event[]>();
  let lineAt: ((offset: number) => number) | undefined;
  const all = new Map<string, Event[]>();
  for (const m of directiveMatches(text, FUNCTION_MACRO)) {
    lineAt ??= lineIndex(text);
    const drops = dropsArguments(definitionAt(text, m.index), m[2]!);
    const list = all.get(m[1]!) ?? [];
    list.push({ line: lineAt(m.index), drops });
    all.set(m[1]!, list);
    if (drops) out.set(m[1]!, list);
  }
  if (text.includes('NDEBUG')) lineAt ??= lineIndex(text);
  const ndebug = lineAt && text.includes('NDEBUG') ? ndebugEvents(text, lineAt) : [];
  if (ndebug.some((e) => e.drops)) {
    const list = all.get('assert') ?? [];
    list.push(...ndebug);
    list.sort((a, b) => a.line - b.line);
    out.set('assert', list);
  }
  if (out.size === 0) return undefined;
  let taken: ((e: Event) => boolean) | undefined;
  for (const [name, list] of out)
    if (list.some((e) => !e.drops)) {
      taken ??= armsTaken(text, lineAt!);
      out.set(name, list.filter(taken));
    }
  if (!text.includes('undef')) return out;
  for (const m of directiveMatches(text, UNDEF)) out.get(m[1]!)?.push({ line: lineAt!(m.index) });
  for (const list of out.values()) list.sort((a, b) => a.line - b.line);
  return out;
}

/**
 * For a macro that some `#if` arms define to expand its arguments and others to drop them: whether a
 * definition is in an arm the default build may take, as far as the file tells (c-if-eval.ts): curl's
 * `#if defined(DEBUGBUILD)` / `#define DEBUGASSERT(x) assert(x)` / `#else` / `… do {} while(0)`.
 */
function armsTaken(text: string, lineAt: (offset: number) => number): (e: Event) => boolean {
  const conditionals = new Conditionals(text, lineAt);
  const lookup = fileLookup(text);
  return (e) => !conditionals.conditionsAt(e.line).some((key) => armTaken(key, lookup) === false);
}

/**
 * Whether the definitions of a macro in force at `line` (those after its last `#undef` before it) discard
 * the arguments: 1 each of them, 0 one of them (another `#if` arm expands them), undefined none.
 */
function droppedAt(events: readonly Event[], line: number): 0 | 1 | undefined {
  let drop = 0;
  let keep = 0;
  for (const e of events) {
    if (e.line >= line) break;
    if (e.drops === undefined) drop = keep = 0;
    else if (e.drops) drop++;
    else keep++;
  }
  return drop === 0 ? undefined : keep === 0 ? 1 : 0;
}

/**
 * `DEBUGLOG(5, "size %u", (unsigned)sizeOf(p));` with `#define DEBUGLOG(l, ...) do { } while (0)`: the
 * preprocessor discards the arguments, so `sizeOf` is not called. The file's own calls inside such a
 * macro are left unresolved (form `macro`); a header records its macros in force at its end for the files
 * that include it (`FileIR.argDrops`, see resolve/header-aliases.ts).
 */
export function argumentDrops(ir: FileIR, text: string): void {
  if (!text.includes('define')) return;
  const drops = dropEvents(text);
  if (!drops) return;
  for (const c of ir.calls) {
    if (c.within === undefined || c.form === 'macro') continue;
    for (const name of c.within.split(' ')) {
      const events = drops.get(name);
      const dropped = events && droppedAt(events, c.line);
      if (dropped === 1 || (dropped === 0 && MIXED_DROPS)) c.form = 'macro';
    }
  }
  if (!isHeader(ir.path)) return;
  const atEnd: [string, 0 | 1][] = [];
  for (const [name, events] of drops) {
    const dropped = droppedAt(events, Infinity);
    if (dropped !== undefined) atEnd.push([name, dropped]);
  }
  if (atEnd.length > 0) ir.argDrops = atEnd;
}
