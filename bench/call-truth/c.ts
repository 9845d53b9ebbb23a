import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { addTruth, type Truth, type TruthMap } from './truth.js';

const NODE = /^node: \{ title: "([^"]+)" label: "([^\\"]+)\\n([^"]+):(\d+):(\d+)"( shape : ellipse)? \}/;
const EDGE = /^edge: \{ sourcename: "[^"]+" targetname: "([^"]+)" label: "([^"]+):(\d+):\d+" \}/;
const CPP_SOURCE = /\.(cc|cpp|cxx)$/;

/**
 * GCC's call graph (`-fcallgraph-info`, at -O0 and always_inline read as noinline, so nothing is
 * inlined) of every .c file under
 * `root` (with `cpp`, every .cc/.cpp/.cxx file, by g++), compiled one by one with `cflags`.
 * A call to a function of the unit's own (static, or C++ inline) goes to that definition, any
 * other to the one definition of that symbol elsewhere (C: the unit's own where it has one and
 * others do too), as the linker binds it. Targets are
 * "path#name" (GCC places a definition at its name, the indexer at its first line). A virtual
 * call is an indirect call to GCC at -O0: unresolved, like a call through a pointer. Files that
 * do not compile are counted and left out.
 */
export function cTruth(
  root: string,
  cflags: readonly string[],
  cpp = false,
): {
  truth: TruthMap;
  failed: number;
  emitted: Map<string, Set<number>>;
  compiled: Map<string, Set<number>>;
} {
  const out = mkdtempSync(join(tmpdir(), 'cgc-call-truth-c-'));
  const source = cpp ? CPP_SOURCE : /\.c$/;
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => source.test(f));
  let failed = 0;
  // The lines the preprocessor kept, per file: code in a branch the build leaves out (another
  // platform's, `#if 0`) is read by the indexer but unknown to the compiler, so it is not scored.
  const compiled = new Map<string, Set<number>>();
  const rel = (p: string) => relative(root, resolve(root, p));
  try {
    files.forEach((f, i) => {
      const src = resolve(root, f);
      const flags = [...(cpp ? ['-std=c++17'] : []), `-I${dirname(src)}`, `-I${root}`, ...cflags];
      // A unit that does not compile has no calls in the truth: its lines are not scored (expat's
      // `xmlwf/ct.c`, a test that no longer builds).
      const kept = new Map<string, Set<number>>();
      try {
        keptLines(
          execFileSync(cpp ? 'g++' : 'gcc', ['-E', '-w', src, ...flags], {
            encoding: 'utf8',
            maxBuffer: 1 << 30,
            stdio: ['ignore', 'pipe', 'ignore'],
          }),
          rel,
          kept,
        );
        execFileSync(
          cpp ? 'g++' : 'gcc',
          [
            ...(cpp ? ['-std=c++17'] : []),
            '-O0',
            '-w',
            // GCC inlines an always_inline function even at -O0, and the call then vanishes from
            // the call graph (lz4's and zstd's FORCE_INLINE helpers): make them plain functions.
            '-Dalways_inline=noinline',
            '-D__always_inline__=__noinline__',
            '-fcallgraph-info',
            '-c',
            src,
            '-o',
            join(out, `${i}.o`),
            '-dumpbase',
            `${i}${cpp ? '.cc' : '.c'}`,
            '-dumpdir',
            `${out}/`,
            `-I${dirname(src)}`,
            `-I${root}`,
            ...cflags,
          ],
          { stdio: 'ignore' },
        );
        for (const [file, lines] of kept) {
          const all = compiled.get(file);
          if (all) for (const l of lines) all.add(l);
          else compiled.set(file, lines);
        }
      } catch {
        failed++;
      }
    });
    const where = (m: RegExpExecArray) => `${rel(m[3]!)}#${cpp ? cppName(m[1]!, m[2]!) : written(m)}`;
    // A unit-local title is "file:symbol"; C++ symbols (mangled) never hold a colon. A
    // constructor is defined as its base-object variant (C2) and called as the complete-object
    // one (C1), a destructor likewise (D2, D1/D0): one symbol each.
    const symbol = (title: string) =>
      cpp ? title.slice(title.lastIndexOf(':') + 1).replace(/([CD])[0-3](?=E)/g, '$12') : title;
    const globals = new Map<string, Set<string>>();
    // "path#name" -> the lines GCC placed the emitted functions of that name at (overloads apart)
    const emitted = new Map<string, Set<number>>();
    const units: string[][] = [];
    for (const ci of readdirSync(out).filter((n) => n.endsWith('.ci'))) {
      const lines = readFileSync(join(out, ci), 'utf8').split('\n');
      units.push(lines);
      for (const line of lines) {
        const m = NODE.exec(line);
        if (m && !m[6]) emitted.set(where(m), (emitted.get(where(m)) ?? new Set()).add(Number(m[4])));
        // C: only external definitions are global; C++: inline ones too (one definition everywhere)
        if (!m || m[6] || (!cpp && m[1]!.includes(':'))) continue;
        const list = globals.get(symbol(m[1]!)) ?? new Set();
        list.add(where(m));
        globals.set(symbol(m[1]!), list);
      }
    }
    const truth: TruthMap = new Map();
    // A header's calls are seen once per unit that includes it: kept once.
    const seen = new Set<string>();
    const add = (site: string, t: Truth) => {
      const key = `${site}>${t.target ?? t.kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      addTruth(truth, site, t);
    };
    for (const lines of units) {
      const local = new Map<string, string>();
      // C: a unit's own external definition is what its calls bind to where the name has several
      // (openjpeg's `bench_dwt.c` and `opj_clock.c` each define `opj_clock`, in different programs).
      const own = new Map<string, string>();
      for (const line of lines) {
        const m = NODE.exec(line);
        if (m && !m[6] && m[1]!.includes(':')) local.set(m[1]!, where(m));
        else if (m && !m[6] && !cpp) own.set(m[1]!, where(m));
      }
      for (const line of lines) {
        const e = EDGE.exec(line);
        if (!e) continue;
        const site = `${rel(e[2]!)}:${e[3]}`;
        const name = e[1]!;
        let defs = local.has(name) ? [local.get(name)!] : [...(globals.get(symbol(name)) ?? [])];
        if (defs.length > 1 && own.has(name)) defs = [own.get(name)!];
        if (site.startsWith('..')) continue;
        if (name === '__indirect_call') add(site, { kind: 'unresolved' });
        // a definition outside the project (a system header's inline function) is the library's
        else if (defs.length === 1)
          add(site, defs[0]!.startsWith('..') ? { kind: 'library' } : { kind: 'project', target: defs[0]! });
        else add(site, { kind: defs.length ? 'unresolved' : 'library' });
      }
    }
    return { truth, failed, emitted, compiled };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const sources = new Map<string, string[]>();

/**
 * The name a C function's definition writes where GCC places it (label file:line:column): its symbol when a
 * renaming macro made another of it (pcre2's `#define pcre2_match PCRE2_SUFFIX(pcre2_match_)`, compiled as
 * `pcre2_match_8`; zstd's `XXH64_reset`, `ZSTD_XXH64_reset`) is the name written, which the indexer uses.
 * Only a name the symbol contains counts (a macro generating the whole function keeps its symbol).
 */
function written(m: RegExpExecArray): string {
  const symbol = m[2]!;
  let lines = sources.get(m[3]!);
  if (!lines) {
    try {
      lines = readFileSync(m[3]!, 'utf8').split('\n');
    } catch {
      lines = [];
    }
    sources.set(m[3]!, lines);
  }
  const name = /^[A-Za-z_]\w*/.exec(lines[Number(m[4]) - 1]?.slice(Number(m[5]) - 1) ?? '')?.[0];
  return name && name !== symbol && symbol.includes(name) ? name : symbol;
}

// GCC's label is sometimes not the signature (a function with a format attribute: ")"): the
// symbol is demangled instead.
function cppName(title: string, label: string): string {
  const name = simpleName(label);
  if (/^~?[A-Za-z_]\w*$/.test(name) || name === 'operator') return name;
  const symbol = title.slice(title.lastIndexOf(':') + 1);
  return simpleName(execFileSync('c++filt', [symbol], { encoding: 'utf8' }).trim());
}

// GCC's ABI tags (`StrFormat[abi:cxx11]`, functions returning std::string): not part of the name.
const ABI_TAG = /\[abi:\w+\]/g;

/** The name a demangled C++ signature declares: `int ns::A<T>::f(int) const` → `f`, `ns::A::A()` → `A`. */
export function simpleName(signature: string): string {
  const s = signature
    .replace(ABI_TAG, '')
    .replace(/\(anonymous namespace\)/g, 'anon')
    .replace(/ \[with .*\]$/, '');
  let depth = 0;
  let start = 0;
  let end = s.length;
  const word = (at: number) => /\w/.test(s[at] ?? '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    // `operator==`, `operator bool`, not `parse_operators` or `operator_name`
    if (depth === 0 && s.startsWith('operator', i) && !word(i - 1) && !word(i + 8)) return 'operator';
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (depth > 0) continue;
    else if (c === '(') {
      // `f(int)::Local::m(int)`: a member of a class local to f, named after the last scope
      const close = closing(s, i);
      const local = /^(?:\s*(?:const|volatile|&&|&))*::/.exec(s.slice(close + 1));
      // `decltype (std::sqrt(p)) ns::length(T)`: a return type's expression, not the parameters
      if (close > 0 && /decltype\s*$/.test(s.slice(0, i))) {
        i = close;
        continue;
      }
      if (close < 0 || !local) {
        end = i;
        break;
      }
      i = close + local[0].length;
      start = i + 1;
    } else if (c === ' ') start = i + 1;
    else if (c === ':' && s[i + 1] === ':') start = i + 2;
  }
  const name = s.slice(start, end);
  const lt = name.indexOf('<');
  return lt > 0 ? name.slice(0, lt) : name;
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

// `# 12 "src/a.h" 2`: what follows is line 12 of src/a.h.
const MARKER = /^# (\d+) "([^"]+)"/;

/** Adds the (file, line) pairs a preprocessor output holds, from its line markers, to `into`. */
function keptLines(output: string, rel: (p: string) => string, into: Map<string, Set<number>>): void {
  let lines: Set<number> | undefined;
  let line = 0;
  for (const text of output.split('\n')) {
    const m = MARKER.exec(text);
    if (m) {
      line = Number(m[1]);
      const file = rel(m[2]!);
      lines = into.get(file) ?? new Set();
      into.set(file, lines);
      continue;
    }
    if (text.trim()) lines?.add(line);
    line++;
  }
}
