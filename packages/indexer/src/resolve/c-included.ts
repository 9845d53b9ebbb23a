import { typeKey } from '../extract/helpers.js';
import type { CallIR } from '../ir.js';
import { isHeader } from '../languages/c-macro-aliases.js';
import { fits } from './cpp-overloads.js';
import type { Scope, Target } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

// Files reached per caller's file before giving up: past it nothing is chosen (an unwalked
// include may define the name too). A kernel file reaches hundreds; a C++ test a dozen.
const BUDGET = 64;

/**
 * C/C++: of the definitions of one name in several files, those a translation unit can call.
 * A definition in a header (`static inline void CheckHelper(…)`, a C++ inline function, a class)
 * is seen only where the header is included; a function with external linkage in a source file
 * may be declared by any header, so it stays a candidate. When one candidate is left (C), or the
 * arguments choose among them (C++ overloads: the inline `b2Distance(a, b)` of `b2Math.h` beside
 * `b2Distance.cpp`'s `b2Distance(out, cache, in)`), the call means it.
 * The file's `#include`s are walked breadth first, once per file (linking goes file by file), and
 * read through the scope, so an incremental update relinks the file when a header it reached changes.
 */
export class IncludedDefinitions {
  readonly #scope: Scope;
  #file: FileEntry | undefined;
  #reached = new Set<FileEntry>();
  #complete = false;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /**
   * Those of `syms` (definitions of one name in other files than `file`) that a call in `file`
   * may mean; undefined when the walk stopped at its budget before reaching every include.
   * `includedOnly`: only those in the files `file` includes, not other sources' linker-visible ones.
   */
  visible(file: FileEntry, syms: readonly Sym[], includedOnly = false): Sym[] | undefined {
    if (this.#file !== file) this.#walk(file);
    if (!this.#complete) return undefined;
    return syms.filter(
      (s) =>
        s.file !== file &&
        (this.#reached.has(s.file) ||
          (!includedOnly && s.type === 'function' && !s.ir.isStatic && !isHeader(s.file.rel))),
    );
  }

  /**
   * C++: the definitions a call may mean when the lookup found several of its name elsewhere
   * (`found` is undefined), or when none of the caller's own file takes that many arguments: the
   * visible ones that do (the overload set the arguments choose from). An own one whose parameters
   * do not match the known argument types gives way to one elsewhere that matches them all exactly
   * (zxing's `SampleGrid(img, w, h, …)`: overload resolution prefers the exact match).
   */
  overload(file: FileEntry, c: CallIR, found: Target | undefined): Sym[] | undefined {
    const argc = c.argc;
    if (file.spec.id !== 'cpp' || argc === undefined || (found && found.via !== 'same-file'))
      return undefined;
    const own = found?.kind === 'syms' ? found.syms : [];
    const g = this.#scope.table.globals.get(c.name);
    if (!g || g.length <= own.length + (found ? 0 : 1)) return undefined;
    const takes = (s: Sym) =>
      s.type === 'function' && (fits(s, argc) || s.ir.params.at(-1)?.variadic === true);
    const types = c.argTypes?.split(',');
    const exact = (s: Sym) =>
      s.type === 'function' && !!types?.every((t, i) => t === '?' || t === typeKey(s.ir.params[i]?.type));
    if (own.some((s) => s.type !== 'function' || (takes(s) && exact(s)))) return undefined;
    const fitting = this.visible(file, g)?.filter(takes);
    if (own.some(takes) && !fitting?.some(exact)) return undefined;
    return fitting?.length ? fitting : undefined;
  }

  #walk(file: FileEntry): void {
    this.#file = file;
    this.#reached = new Set();
    this.#complete = false;
    const queue = [file];
    for (let from = queue.shift(); from; from = queue.shift()) {
      for (const imp of from.ir.imports) {
        const h = this.#scope.includeFile(from, imp.source);
        // `<asm/io.h>` with one per architecture: which one the build reads is not in the source
        if (!h && this.#scope.includeAmbiguous(from, imp.source)) return;
        if (!h || h === file || this.#reached.has(h)) continue;
        if (this.#reached.size >= BUDGET) return;
        this.#reached.add(h);
        queue.push(h);
      }
    }
    this.#complete = true;
  }
}
