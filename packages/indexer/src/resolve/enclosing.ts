import { offRank } from './cfg-variants.js';
import { bindsThis, callbackThis, own } from './hierarchy.js';
import type { Scope } from './scope.js';
import type { ClassSym, FileEntry, FnSym } from './symbols.js';

/**
 * The functions of one file by FQN, and what a caller's enclosing functions declare. Nested
 * functions and their parents are the file's own: found without reading the repository-wide
 * table, so incremental updates do not record these lookups (they were most of a C file's
 * recorded keys). Linking goes file by file: the index is rebuilt when the file changes.
 */
export class EnclosingFunctions {
  #file: FileEntry | undefined;
  #byFqn = new Map<string, FnSym>();
  #overloads = new Map<string, FnSym[]>();

  /** A function of `file` by FQN (the first in file order, a configuration variant last). */
  local(file: FileEntry, fqn: string): FnSym | undefined {
    if (this.#file !== file) {
      this.#file = file;
      this.#byFqn = new Map();
      this.#overloads = new Map();
      for (const f of file.functions) {
        const seen = this.#byFqn.get(f.ir.fqn);
        if (!seen || offRank(f) < offRank(seen)) this.#byFqn.set(f.ir.fqn, f);
        if (seen) this.#overloads.set(f.ir.fqn, [...(this.#overloads.get(f.ir.fqn) ?? [seen]), f]);
      }
    }
    return this.#byFqn.get(fqn);
  }

  /** Every function of `file` named `fqn`, when there are several (a Java anonymous class's overloads). */
  all(file: FileEntry, fqn: string): readonly FnSym[] {
    const one = this.local(file, fqn);
    return this.#overloads.get(fqn) ?? (one ? [one] : []);
  }

  /**
   * The function a nested function is declared in: of overloads sharing its FQN (a Java anonymous
   * class in one of two `create(…)` methods), the one whose lines hold it.
   */
  parent(file: FileEntry, f: FnSym): FnSym | undefined {
    const parent = f.ir.parentFqn;
    const first = parent ? this.local(file, parent) : undefined;
    const all = parent && this.#overloads.get(parent);
    if (!all) return first;
    return all.find((g) => g.ir.line <= f.ir.line && f.ir.endLine <= g.ir.endLine) ?? first;
  }

  /** Whether `name` is a parameter of the caller or of a function around it. */
  parameter(file: FileEntry, caller: FnSym | undefined, name: string): boolean {
    for (let f: FnSym | undefined = caller; f; f = this.parent(file, f)) {
      if (f.ir.params.some((p) => p.name === name)) return true;
    }
    return false;
  }

  /** Whether `name` is a local variable of the caller or of a function around it. */
  localVariable(file: FileEntry, caller: FnSym | undefined, name: string): boolean {
    for (let f: FnSym | undefined = caller; f; f = this.parent(file, f)) {
      if (own(f.ir.locals, name) !== undefined) return true;
    }
    return false;
  }
}

/** The class whose object `this` is at `line` of `fn` (a JS callback's lines may bind their own). */
export function enclosingClass(
  enc: EnclosingFunctions,
  scope: Scope,
  fn: FnSym,
  line: number,
): ClassSym | undefined {
  let f: FnSym | undefined = fn;
  for (let i = 0; f && i < 20; i++) {
    if (f.cls) {
      if (callbackThis(f, line)) return undefined;
      // Read through the table, so that an incremental update relinks the caller's file when
      // another file adds or removes a method of the class (a second `void A::f() {}`).
      if (f.file.spec.id === 'cpp' || f.file.spec.id === 'go') scope.table.classesByFqn.get(f.cls.ir.fqn);
      return f.cls;
    }
    // A member of what is no class here (a JS object literal), or a nested JS `function`: its own `this`.
    if ((f.ir.classFqn && f.ir.kind !== 'closure') || bindsThis(f, line)) return undefined;
    const parent: string | undefined = f.ir.parentFqn;
    f = parent ? enc.local(fn.file, parent) : undefined;
  }
  return undefined;
}
