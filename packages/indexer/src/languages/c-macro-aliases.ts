import type { FileIR } from '../ir.js';

// `#define FSE_isError ERR_isError`: an object-like macro that names another function.
const ALIAS =
  /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([A-Za-z_]\w*)[ \t]*(?:\/\*.*?\*\/[ \t]*|\/\/.*)?$/gm;

/**
 * Calls made through a file's own alias macros go to what the macro names: after `#define
 * FSE_isError ERR_isError`, `FSE_isError(x)` calls `ERR_isError` (which may be a library's or
 * another macro, and then no function of the project), never the project function that happens to
 * be called `FSE_isError` elsewhere. A definition applies from its line on, until an `#undef`;
 * where alternatives disagree (one per `#ifdef` branch), the call keeps its name and is never linked.
 * A header's aliases still defined at its end are kept in `FileIR.macroAliases` for the files
 * that include it (see resolve/header-aliases.ts).
 */
export function applyMacroAliases(ir: FileIR, text: string): void {
  if (!text.includes('define')) return;
  const aliases = aliasDefinitions(text);
  if (aliases.size === 0) return;
  const exported = isHeader(ir.path) ? activeAtEnd(aliases) : undefined;
  if (exported) ir.macroAliases = exported;
  for (const c of ir.calls) {
    if (c.receiver !== undefined) continue;
    // Alternatives under `#ifdef` (`#define f f_x` / `#else` / `#define f f_y`): the build picks.
    const targets = new Set(
      aliases
        .get(c.name)
        ?.filter((x) => c.line > x.from && c.line < x.to)
        .map((x) => x.target),
    );
    if (targets.size === 1) c.name = [...targets][0]!;
    else if (targets.size > 1) c.form = 'macro';
  }
}

// Files other files `#include`: their aliases at the end of the file reach the includers' calls.
const HEADER = /\.(h|hh|hpp|hxx|inc)$/;

/** Whether a C/C++ file is a header (one that other files include). */
export function isHeader(path: string): boolean {
  return HEADER.test(path);
}

interface Alias {
  readonly target: string;
  readonly from: number;
  readonly to: number;
}

/** Every alias macro of a file with the lines it applies between (after its `#define`, before an `#undef`). */
function aliasDefinitions(text: string): Map<string, Alias[]> {
  const aliases = new Map<string, Alias[]>();
  let lineAt: ((offset: number) => number) | undefined;
  let undefs: Map<string, number[]> | undefined;
  for (const m of text.matchAll(ALIAS)) {
    const [, name, target] = m;
    if (name === target) continue;
    lineAt ??= lineIndex(text);
    undefs ??= undefinitions(text);
    const undef = undefs.get(name!)?.find((at) => at > m.index);
    const list = aliases.get(name!) ?? [];
    list.push({ target: target!, from: lineAt(m.index), to: undef === undefined ? Infinity : lineAt(undef) });
    aliases.set(name!, list);
  }
  return aliases;
}

/** The aliases still defined at the end of a header: [name, target], `''` where `#if` alternatives disagree. */
function activeAtEnd(aliases: Map<string, Alias[]>): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const [name, list] of aliases) {
    const targets = new Set(list.filter((a) => a.to === Infinity).map((a) => a.target));
    if (targets.size > 0) out.push([name, targets.size === 1 ? [...targets][0]! : '']);
  }
  return out.length > 0 ? out : undefined;
}

const UNDEF = /^[ \t]*#[ \t]*undef[ \t]+([A-Za-z_]\w*)/gm;

/** Where each name is `#undef`ined, by offset (in file order). */
function undefinitions(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!text.includes('undef')) return out;
  for (const m of text.matchAll(UNDEF)) {
    const list = out.get(m[1]!) ?? [];
    list.push(m.index);
    out.set(m[1]!, list);
  }
  return out;
}

/** A function from an offset in `text` to its 1-based line. */
function lineIndex(text: string): (offset: number) => number {
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
