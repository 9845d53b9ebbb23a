import type { CallIR } from '../ir.js';
import { MIXED_DROPS } from '../languages/c-arg-drops.js';
import type { Scope } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

// Headers reached per file before giving up: a kernel file reaches hundreds through its includes.
const BUDGET = 32;

/**
 * The name a C/C++ call has once the headers its file includes are expanded: after
 * `#include "zstd_internal.h"`, which says `#define FSE_isError ERR_isError`, the call
 * `FSE_isError(x)` is a call of `ERR_isError`, not of the project's function `FSE_isError`.
 * A file's own aliases are applied at extraction (languages/c-macro-aliases.ts); this follows
 * its `#include`s, breadth first, only for names some header defines as an alias. The includes
 * are read through the scope, so an incremental update relinks a file when a header it reached changes;
 * the table of aliases is not recorded by name: a header provides its aliases' names as `globals`
 * keys, which every file whose call of that name was not its own function read (see recording.ts).
 */
export class HeaderAliases {
  readonly #scope: Scope;
  // The includes walked so far for one file (linking goes file by file).
  #file: FileEntry | undefined;
  #reached = new Set<FileEntry>();
  #queue: FileEntry[] = [];

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /**
   * undefined when no included header defines `name` as an alias (or none among the first
   * {@link BUDGET} headers reached), the alias's target when the headers that do agree on one,
   * null when they disagree.
   * `finds(n)`: whether a call named `n` would be linked; the includes are walked only when the
   * name or one of its targets would be (on the kernel most aliases name macros or constants).
   */
  /** Whether some header defines `name` as an alias (a cheap test before {@link target}). */
  aliased(name: string): boolean {
    return this.#scope.table.macroAliases.has(name);
  }

  target(file: FileEntry, name: string, finds: (name: string) => boolean): string | null | undefined {
    const headers = this.#scope.table.macroAliases.get(name);
    // A function of the file's own is renamed by the same alias as its calls: they still meet.
    if (!headers || file.top.has(name)) return undefined;
    if (!finds(name) && !headers.some((h) => finds(aliasIn(h, name) || name))) return undefined;
    // Past the budget the header is taken as not included: in a tree like the kernel's, an alias
    // header is a niche one (`raid/pq.h`'s `#define printk printf` for its user-space build).
    const met = this.#reach(file, headers);
    return met.length > 0 ? agreed(met, name) : undefined;
  }

  /**
   * Whether a call of `name` renamed to `alias`, a name no function has, still means its own name's
   * function `own()`: where that one is defined, the same alias renames it alike (a prefixing macro).
   * A function of that name anywhere (one the caller cannot see, or one of several) is what it means.
   */
  metUnrenamed(
    name: string,
    alias: string,
    finds: (name: string) => boolean,
    own: () => Sym | undefined,
  ): boolean {
    if (this.#scope.table.fnsByFqn.has(alias) || finds(alias)) return false;
    const fn = own();
    return fn?.type === 'function' && this.renames(fn.file, name, alias);
  }

  /**
   * Whether the headers `definer` includes rename `name` to `target` as well: then the function it
   * defines as `name` is compiled as `target` too, and a call renamed to `target` still meets it
   * (zlib's `#ifdef Z_PREFIX` / `#define deflate z_deflate` in `zconf.h`, whichever way the build
   * goes). A walk of its own, within the same budget; asked only when `target` names no function.
   */
  renames(definer: FileEntry, name: string, target: string): boolean {
    const headers = this.#scope.table.macroAliases.get(name);
    if (!headers) return false;
    const reached = new Set<FileEntry>([definer]);
    const queue = [definer];
    let seen = 0;
    for (let from = queue.shift(); from && seen < BUDGET; from = queue.shift()) {
      for (const imp of from.ir.imports) {
        const h = this.#scope.includeFile(from, imp.source);
        if (!h || reached.has(h)) continue;
        reached.add(h);
        queue.push(h);
        seen++;
      }
    }
    reached.delete(definer);
    const mine = headers.filter((h) => reached.has(h));
    return mine.length > 0 && agreed(mine, name) === target;
  }

  /**
   * Whether a call sits in the arguments of a macro that an included header defines to discard them
   * (`DEBUGLOG(5, "%u", sizeOf(p))`, see languages/c-arg-drops.ts): then no build of this kind calls it.
   * The file's own such macros were applied at extraction; the includes are walked as for {@link target}.
   */
  compiledOut(file: FileEntry, call: CallIR): boolean {
    if (call.within === undefined || this.#scope.table.argDrops.size === 0) return false;
    for (const name of call.within.split(' ')) {
      const headers = this.#scope.table.argDrops.get(name);
      if (!headers || file.top.has(name)) continue;
      const reached = this.#reach(file, headers);
      if (reached.some((h) => h.ir.argDrops?.some(([n, every]) => n === name && (every || MIXED_DROPS))))
        return true;
    }
    return false;
  }

  /** Those of `headers` that `file` includes (the first met in a breadth-first walk), within the budget. */
  #reach(file: FileEntry, headers: readonly FileEntry[]): FileEntry[] {
    if (this.#file !== file) this.#start(file);
    for (;;) {
      if (headers.some((h) => this.#reached.has(h))) return headers.filter((h) => this.#reached.has(h));
      const next = this.#queue.shift();
      if (!next || this.#reached.size >= BUDGET) return [];
      this.#visit(next);
    }
  }

  #start(file: FileEntry): void {
    this.#file = file;
    this.#reached = new Set();
    this.#queue = [];
    this.#visit(file);
    // The file's own aliases were applied where they are defined: only its includes count here.
    this.#reached.delete(file);
  }

  #visit(from: FileEntry): void {
    for (const imp of from.ir.imports) {
      const h = this.#scope.includeFile(from, imp.source);
      if (!h || h === this.#file || this.#reached.has(h)) continue;
      this.#reached.add(h);
      this.#queue.push(h);
    }
  }
}

/** What a header defines `name` as (`''`: alternatives that disagree). */
function aliasIn(header: FileEntry, name: string): string | undefined {
  return header.ir.macroAliases?.find(([n]) => n === name)?.[1];
}

/** The one target the headers give `name`, or null. */
function agreed(headers: readonly FileEntry[], name: string): string | null {
  let target: string | undefined;
  for (const h of headers) {
    const t = aliasIn(h, name);
    if (!t || (target !== undefined && t !== target)) return null;
    target = t;
  }
  return target ?? null;
}
