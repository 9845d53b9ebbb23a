import type { Scope } from './scope.js';
import type { FileEntry, Sym } from './symbols.js';

// Headers read per file before giving up (as resolve/c-included.ts): past it nothing is dropped.
const BUDGET = 64;

/**
 * C/C++: definitions the preprocessor skips because an included header already defined the guard
 * around them. `#include "../common/error_private.h"` then `#ifndef ERROR_H_MODULE` / `#define
 * ERROR_H_MODULE` / `ERR_STATIC unsigned ERR_isError(…)` / `#endif` (a copy of the header kept in the
 * file): the copy is never compiled, and `ERR_isError(…)` calls the header's function. A guard counts
 * when a header reached through an `#include` written above the block (directly or through other
 * headers) has a guard of that name. Headers are read through the scope, once per file.
 */
export class GuardedDefinitions {
  readonly #scope: Scope;
  #file: FileEntry | undefined;
  // Guard name → the earliest line of the file's `#include` through which a header defines it.
  #defined = new Map<string, number>();

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /** Those of `own` (the file's own definitions of a name) that the preprocessor keeps. */
  compiled(file: FileEntry, own: readonly Sym[]): readonly Sym[] {
    const guards = file.ir.guards;
    if (!guards) return own;
    const skipped = (s: Sym) =>
      guards.some(
        ([name, from, to]) =>
          s.ir.line > from && s.ir.line < to && (this.#definedAt(file).get(name) ?? Infinity) < from,
      );
    return own.some(skipped) ? own.filter((s) => !skipped(s)) : own;
  }

  #definedAt(file: FileEntry): Map<string, number> {
    if (this.#file === file) return this.#defined;
    this.#file = file;
    this.#defined = new Map();
    const seen = new Set<FileEntry>([file]);
    const queue: [FileEntry, number][] = [];
    for (const imp of file.ir.imports) {
      const h = this.#scope.includeFile(file, imp.source);
      if (h && !seen.has(h)) {
        seen.add(h);
        queue.push([h, imp.line]);
      }
    }
    for (let next = queue.shift(); next && seen.size <= BUDGET; next = queue.shift()) {
      const [h, line] = next;
      for (const [name] of h.ir.guards ?? [])
        if ((this.#defined.get(name) ?? Infinity) > line) this.#defined.set(name, line);
      for (const imp of h.ir.imports) {
        const inner = this.#scope.includeFile(h, imp.source);
        if (inner && !seen.has(inner)) {
          seen.add(inner);
          queue.push([inner, line]);
        }
      }
    }
    return this.#defined;
  }
}
