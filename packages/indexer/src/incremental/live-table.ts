import { languageById } from '../languages/index.js';
import { packageKey } from '../pipeline.js';
import { methodClass } from '../resolve/method-class.js';
import {
  baseName,
  type ClassSym,
  type FileEntry,
  type FnSym,
  methodsOf,
  outranks,
  push,
  type SymbolTable,
} from '../resolve/symbols.js';
import type { FileState } from './file-state.js';
import { type Recorder, recordingTable } from './recording.js';
import { isDetached, moduleKey, sortAround, sortMethods, sortSymbolTable } from './table-order.js';

/**
 * A symbol table kept current across updates: files are removed and added one by
 * one, and the lists they sit in are kept in the canonical order a fresh index uses.
 */
export class LiveTable {
  readonly rec: Recorder;
  readonly table: SymbolTable;
  /** Methods declared apart from their class (Go), attached or not. */
  readonly #detached = new Set<FnSym>();

  /** The live table of a full index's recording table of `rec`, filled, sorted and with methods attached. */
  static adopt(rec: Recorder, table: SymbolTable): LiveTable {
    return new LiveTable(table.repo, rec, [], table);
  }

  /** A table of `files` (from a snapshot); `adopt` is {@link LiveTable.adopt}'s. */
  constructor(repo: string, rec: Recorder, files: Iterable<FileState>, adopt?: SymbolTable) {
    this.rec = rec;
    if (adopt) {
      this.table = adopt;
      for (const entry of adopt.files.values()) this.#track(entry);
      for (const fn of this.#detached) if (fn.cls) this.#noteForeign(fn);
      return;
    }
    this.table = recordingTable(repo, rec);
    for (const f of [...files].sort((a, b) => (a.rel < b.rel ? -1 : 1))) this.#add(f);
    sortSymbolTable(this.table);
    this.reconcile();
  }

  /** Forgets every file (see {@link IncrementalIndex.release}). */
  clear(): void {
    this.table.clear();
    this.rec.clear();
    this.#detached.clear();
  }

  /** The entry of a file. */
  entry(rel: string): FileEntry | undefined {
    return this.table.files.get(rel);
  }

  /** Removes a file's symbols from every list. */
  remove(entry: FileEntry): void {
    const t = this.table;
    if (t.files.get(entry.rel) !== entry) return;
    t.files.delete(entry.rel);
    t.includes.clear();
    const mk = moduleKey(entry);
    if (mk && t.modules.get(mk) === entry) {
      t.modules.delete(mk);
      // Another file may declare the same module: the one that outranks the rest, as in a fresh index.
      let best: FileEntry | undefined;
      for (const f of t.files.values()) if (moduleKey(f) === mk && (!best || outranks(f, best))) best = f;
      if (best) t.modules.set(mk, best);
    }
    const drop = <K, V extends { file: FileEntry } | FileEntry>(m: Map<K, V[]>, k: K) => {
      const list = m.get(k);
      if (!list) return;
      const kept = list.filter((x) => ('file' in x ? x.file : x) !== entry);
      if (kept.length) m.set(k, kept);
      else m.delete(k);
    };
    drop(t.filesByBase, baseName(entry.rel));
    if (entry.pkg) drop(t.packages, entry.pkg);
    for (const c of entry.classes) drop(t.classesByFqn, c.ir.fqn);
    for (const f of entry.functions) drop(t.fnsByFqn, f.ir.fqn);
    for (const name of entry.top.keys()) drop(t.globals, name);
    for (const [name] of entry.ir.macroAliases ?? []) drop(t.macroAliases, name);
    for (const [name] of entry.ir.argDrops ?? []) drop(t.argDrops, name);
    for (const fn of entry.functions) {
      this.#detached.delete(fn);
      if (fn.cls && fn.cls.file !== entry) this.#unattach(fn);
    }
    // Methods of other files attached to this file's classes lose their class.
    for (const c of entry.classes)
      for (const list of c.methods.values()) for (const fn of list) if (fn.file !== entry) fn.cls = undefined;
  }

  /** Adds a file (its symbols get the file's stable ids); call {@link reconcile} after a batch. */
  add(f: FileState): FileEntry {
    const entry = this.#add(f);
    sortAround(this.table, entry);
    const mk = moduleKey(entry);
    if (mk) {
      let best = entry;
      for (const other of this.table.files.values())
        if (moduleKey(other) === mk && outranks(other, best)) best = other;
      this.table.modules.set(mk, best);
    }
    return entry;
  }

  #add(f: FileState): FileEntry {
    const spec = languageById(f.lang)!;
    // The package key comes from the namespace the file declares, as in the pipeline.
    return this.#track(this.table.add(f.ir, spec, packageKey(f.lang, f.ir.module, f.rel)));
  }

  #track(entry: FileEntry): FileEntry {
    for (const fn of entry.functions) if (isDetached(fn)) this.#detached.add(fn);
    return entry;
  }

  /**
   * Attaches methods declared apart from their class to the class a fresh index would
   * pick; returns the methods whose class changed (their files must be linked again).
   */
  reconcile(): FnSym[] {
    const t = this.table;
    // `add` queues detached methods privately; attach them (and drop the queue) first.
    const pending = t.attachMethods();
    const moved: FnSym[] = [];
    const touched = new Set<ClassSym>();
    for (const fn of pending) {
      this.#noteForeign(fn);
      touched.add(fn.cls!);
    }
    for (const fn of this.#detached) {
      const target = methodClass(t, fn);
      if (target === fn.cls && (!target || target.methods.get(fn.ir.name)?.includes(fn))) continue;
      if (fn.cls) this.#unattach(fn);
      if (target) {
        fn.cls = target;
        push(methodsOf(target), fn.ir.name, fn);
        this.#noteForeign(fn);
        touched.add(target);
      }
      moved.push(fn);
    }
    for (const c of touched) sortMethods(c);
    return moved.filter((fn) => !pending.includes(fn));
  }

  /** Every detached method currently attached to a class of another file. */
  attached(): FnSym[] {
    return [...this.#detached].filter((fn) => fn.cls !== undefined);
  }

  #unattach(fn: FnSym): void {
    const cls = fn.cls!;
    const list = cls.methods.get(fn.ir.name)?.filter((x) => x !== fn);
    if (list?.length) methodsOf(cls).set(fn.ir.name, list);
    else methodsOf(cls).delete(fn.ir.name);
    this.rec.foreign.get(cls)?.delete(fn.file.rel);
    fn.cls = undefined;
  }

  #noteForeign(fn: FnSym): void {
    const cls = fn.cls!;
    const set = this.rec.foreign.get(cls) ?? new Set<string>();
    set.add(fn.file.rel);
    this.rec.foreign.set(cls, set);
  }
}
