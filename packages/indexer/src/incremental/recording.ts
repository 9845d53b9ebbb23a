import type { ClassSym, FileEntry, Sym } from '../resolve/symbols.js';
import { baseName, SymbolTable } from '../resolve/symbols.js';
import { isDetached } from './table-order.js';

/**
 * Records what resolving one file read from the repository-wide tables: every key
 * looked up (hits and misses) and every file whose symbols a lookup returned. A file
 * must be linked again exactly when an update touches one of those keys or files.
 */
export class Recorder {
  /** True between {@link begin} and {@link end}. */
  on = false;
  /** Files of methods declared apart from their class (Go), by class. */
  readonly foreign = new WeakMap<ClassSym, Set<string>>();
  // Raw keys, composed into recorded keys once per file at `end`: a lookup costs a set insert.
  readonly #files = new Set<string>();
  readonly #tables = new Map<string, Set<string>>();
  // One string per recorded key for all files (thousands of C files read the same `printk`); a
  // long `cgc watch` keeps every key it ever recorded, bounded by the names in the repository.
  readonly #interned = new Map<string, Map<string, string>>();
  readonly #fileKeys = new Map<string, string>();

  /** Forgets every key recorded and interned. */
  clear(): void {
    this.#files.clear();
    this.#tables.clear();
    this.#interned.clear();
    this.#fileKeys.clear();
  }

  begin(): void {
    this.on = true;
    this.#files.clear();
    this.#tables.clear();
  }

  end(): string[] {
    const out: string[] = [];
    for (const rel of this.#files) out.push(shared(this.#fileKeys, rel, fileKey));
    for (const [tag, keys] of this.#tables) {
      let known = this.#interned.get(tag);
      if (!known) {
        known = new Map();
        this.#interned.set(tag, known);
      }
      for (const raw of keys) out.push(shared(known, raw, (k) => tableKey(tag, k)));
    }
    this.on = false;
    return out;
  }

  /** Notes a read of a whole file. */
  file(rel: string): void {
    if (this.on) this.#files.add(rel);
  }

  /** Notes a lookup of `key` in the table `tag` (`*`: a scan of the whole table). */
  key(tag: string, key: string): void {
    if (!this.on) return;
    let set = this.#tables.get(tag);
    if (!set) {
      set = new Set();
      this.#tables.set(tag, set);
    }
    set.add(key);
  }

  /** Notes a value returned by a lookup: the files it comes from. */
  note(v: unknown): void {
    if (!this.on || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) this.#one(x);
    else this.#one(v);
  }

  #one(x: unknown): void {
    if (typeof x !== 'object' || x === null) return;
    const files = this.#files;
    if ('type' in x) {
      const s = x as Sym;
      files.add(s.file.rel);
      if (s.type === 'function' && s.cls && s.cls.file !== s.file) files.add(s.cls.file.rel);
      const cls = s.type === 'class' ? s : s.cls;
      if (cls && OUT_OF_LINE.has(cls.file.spec.id)) this.key(MEMBERS, cls.ir.fqn);
      if (s.type === 'class') for (const rel of this.foreign.get(s) ?? []) files.add(rel);
    } else if ('rel' in x) files.add((x as FileEntry).rel);
  }
}

/**
 * Languages whose methods may be defined in other files than their class (C++'s `void A::f() {}`,
 * Go's methods): a class read from them records its members key, which every file defining one of
 * its methods apart provides, so a definition added or removed elsewhere (a second `A::f` in a
 * platform file makes `f()` ambiguous) links the readers of the class again.
 */
const OUT_OF_LINE: ReadonlySet<string> = new Set(['cpp', 'go']);
/** The pseudo-table of a class's members key (see {@link OUT_OF_LINE}). */
const MEMBERS = 'members';

/** The one string `make(raw)` kept in `known`. */
function shared(known: Map<string, string>, raw: string, make: (raw: string) => string): string {
  let k = known.get(raw);
  if (k === undefined) {
    k = make(raw);
    known.set(raw, k);
  }
  return k;
}

/** The key recorded when anything of a file was read. */
export function fileKey(rel: string): string {
  return `f\u0000${rel}`;
}

/** The key recorded when a table was looked up by `key` (`*` for a scan of the whole table). */
export function tableKey(table: string, key: string): string {
  return `${table}\u0000${key}`;
}

class RecordingMap<K, V> extends Map<K, V> {
  constructor(
    readonly tag: string,
    readonly rec: Recorder,
  ) {
    super();
  }
  override get(k: K): V | undefined {
    const v = super.get(k);
    if (this.rec.on) {
      this.rec.key(this.tag, String(k));
      this.rec.note(v);
    }
    return v;
  }
  override has(k: K): boolean {
    this.rec.key(this.tag, String(k));
    return super.has(k);
  }
  #scan(): void {
    this.rec.key(this.tag, '*');
  }
  override keys(): MapIterator<K> {
    this.#scan();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.#scan();
    return super.values();
  }
  override entries(): MapIterator<[K, V]> {
    this.#scan();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.#scan();
    return super[Symbol.iterator]();
  }
  override forEach(cb: (v: V, k: K, m: Map<K, V>) => void, self?: unknown): void {
    this.#scan();
    super.forEach(cb, self);
  }
}

/** The repository-wide tables whose lookups are recorded. */
export const RECORDED_TABLES = [
  'files',
  'filesByBase',
  'classesByFqn',
  'fnsByFqn',
  'packages',
  'modules',
  'globals',
] as const;

/** An empty symbol table whose lookups go through `rec`. */
export function recordingTable(repo: string, rec: Recorder): SymbolTable {
  const table = new SymbolTable(repo);
  for (const name of RECORDED_TABLES)
    Object.defineProperty(table, name, { value: new RecordingMap(name, rec), enumerable: true });
  return table;
}

/** The keys an entry provides: a dependent file recorded one of them if it read this entry. */
export function providedKeys(entry: FileEntry, addedOrRemoved: boolean): string[] {
  const out = [fileKey(entry.rel), tableKey('files', entry.rel)];
  if (addedOrRemoved) out.push(tableKey('files', '*'), tableKey('filesByBase', baseName(entry.rel)));
  if (entry.ir.module)
    out.push(tableKey('modules', `${entry.spec.id === 'python' ? 'py' : entry.spec.id}:${entry.ir.module}`));
  if (entry.pkg) {
    out.push(tableKey('packages', entry.pkg));
    if (addedOrRemoved) out.push(tableKey('packages', '*'));
  }
  for (const c of entry.classes) out.push(tableKey('classesByFqn', c.ir.fqn));
  for (const f of entry.functions) out.push(tableKey('fnsByFqn', f.ir.fqn));
  for (const name of entry.top.keys()) out.push(tableKey('globals', name));
  for (const f of entry.functions) if (isDetached(f)) out.push(tableKey(MEMBERS, f.ir.classFqn!));
  // A C header's alias macros rename calls of their names (resolve/header-aliases.ts): every file
  // that looked the name up among the globals is linked again (a kernel file calls hundreds of
  // names: a second recorded key for each would be memory for every `cgc index` of C).
  for (const [name] of entry.ir.macroAliases ?? []) out.push(tableKey('globals', name));
  // Its argument-dropping macros, likewise: a file whose call sits in one looked its name up (the macro's call).
  for (const [name] of entry.ir.argDrops ?? []) out.push(tableKey('globals', name));
  return out;
}
