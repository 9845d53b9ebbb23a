import {
  type ClassSym,
  type FileEntry,
  type FnSym,
  outranks,
  type Sym,
  type SymbolTable,
} from '../resolve/symbols.js';

// A symbol's place in the canonical order: its file path, then its index in the file
// (classes first, as `SymbolTable.add` fills `top`). Fixed at add time.
const positions = new WeakMap<Sym, number>();

function position(s: Sym): number {
  let p = positions.get(s);
  if (p === undefined) {
    const f = s.file;
    p = s.type === 'class' ? f.classes.indexOf(s) : f.classes.length + f.functions.indexOf(s);
    positions.set(s, p);
  }
  return p;
}

/** Orders symbols by file path, then by position in their file. */
export function bySymbol(a: Sym, b: Sym): number {
  if (a.file.rel !== b.file.rel) return a.file.rel < b.file.rel ? -1 : 1;
  return position(a) - position(b);
}

/** Orders files by path. */
export function byFile(a: FileEntry, b: FileEntry): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
}

/** The key `SymbolTable.add` files an entry's module under. */
export function moduleKey(entry: FileEntry): string | undefined {
  return entry.ir.module
    ? `${entry.spec.id === 'python' ? 'py' : entry.spec.id}:${entry.ir.module}`
    : undefined;
}

function sortLists<K, V extends Sym>(m: ReadonlyMap<K, V[]>, keys?: Iterable<K>): void {
  for (const k of keys ?? m.keys()) {
    const list = m.get(k);
    // One symbol: a shared, frozen list (see `push`), already in order.
    if (list && list.length > 1) list.sort(bySymbol);
  }
}

/**
 * Puts a symbol table in canonical order (files by path, symbol lists by file then
 * position), so that name lookups that take the first of several candidates answer
 * the same whatever order the files were parsed in. A fresh index and an
 * incremental update thus link identically.
 */
export function sortSymbolTable(table: SymbolTable): void {
  const files = [...table.files.values()].sort(byFile);
  table.files.clear();
  for (const f of files) table.files.set(f.rel, f);
  // Of the files declaring a module, the one that outranks the others, whatever the parse order.
  for (const f of files) {
    const k = moduleKey(f);
    const cur = k ? table.modules.get(k) : undefined;
    if (k && (!cur || outranks(f, cur))) table.modules.set(k, f);
  }
  for (const list of table.packages.values()) list.sort(byFile);
  sortLists(table.classesByFqn);
  sortLists(table.fnsByFqn);
  sortLists(table.globals);
  for (const f of files) for (const c of f.classes) sortLists(c.methods);
}

/** Sorts the lists an entry's symbols sit in (after adding it to a sorted table). */
export function sortAround(table: SymbolTable, entry: FileEntry): void {
  sortLists(
    table.classesByFqn,
    entry.classes.map((c) => c.ir.fqn),
  );
  sortLists(
    table.fnsByFqn,
    entry.functions.map((f) => f.ir.fqn),
  );
  sortLists(table.globals, entry.top.keys());
  if (entry.pkg) table.packages.get(entry.pkg)?.sort(byFile);
}

/** Sorts a class's method lists (after attaching methods declared in other files). */
export function sortMethods(cls: ClassSym): void {
  sortLists(cls.methods);
}

/** True when a function is a method declared apart from its type (Go), attached or not. */
export function isDetached(fn: FnSym): boolean {
  return fn.ir.classFqn !== undefined && !fn.file.classes.some((c) => c.ir.fqn === fn.ir.classFqn);
}
