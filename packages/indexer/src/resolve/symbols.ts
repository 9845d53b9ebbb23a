import { fileId, symbolId } from '../ids.js';
import type { ClassIR, FileIR, FunctionIR } from '../ir.js';
import { isHeader } from '../languages/c-macro-aliases.js';
import type { LanguageSpec } from '../languages/types.js';
import { methodClass } from './method-class.js';
import type { PackedCalls } from './packed-calls.js';

/** A file known to the resolver. */
export interface FileEntry {
  readonly id: string;
  readonly rel: string;
  readonly ir: FileIR;
  readonly spec: LanguageSpec;
  /** Top-level classes and functions by name. */
  readonly top: Map<string, Sym[]>;
  /** Every class and function of the file, in source order. */
  readonly classes: ClassSym[];
  readonly functions: FnSym[];
  /** Call sites, packed once the file is written (the IR's `calls` is then emptied). */
  calls?: PackedCalls;
  /** Package key (Java package, Go directory, PHP/C# namespace) for same-package lookups. */
  readonly pkg?: string;
}

/** A class known to the resolver. */
export interface ClassSym {
  readonly type: 'class';
  readonly id: string;
  readonly ir: ClassIR;
  readonly file: FileEntry;
  /** Methods by name; add through {@link methodsOf} (most classes have none: they share one empty map). */
  methods: ReadonlyMap<string, FnSym[]>;
}

// The methods of every class without any (C structs: tens of thousands on the Linux kernel).
const NO_METHODS: ReadonlyMap<string, FnSym[]> = new Map();

/** A class's own method map, to add to or remove from. */
export function methodsOf(cls: ClassSym): Map<string, FnSym[]> {
  if (cls.methods === NO_METHODS) cls.methods = new Map();
  return cls.methods as Map<string, FnSym[]>;
}

/** A function known to the resolver. */
export interface FnSym {
  readonly type: 'function';
  readonly id: string;
  readonly ir: FunctionIR;
  readonly file: FileEntry;
  cls?: ClassSym;
}

/** A class or function. */
export type Sym = ClassSym | FnSym;

/** The last segment of a repository-relative path. */
export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/**
 * Adds `v` to the list of `k`. A symbol alone under a key (most FQNs and names) gets `alone`, one
 * frozen list shared by every table that holds it (by FQN, the file's top-level names, C globals,
 * its class's methods): an array per table entry was ~10 % of the symbol table's heap on the Linux
 * kernel. A shared list is copied before it grows; never push to a list got from a table.
 */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V, alone?: V[]): void {
  const list = m.get(k);
  if (!list) m.set(k, alone ?? [v]);
  else if (Object.isFrozen(list)) m.set(k, [...list, v]);
  else list.push(v);
}

const aloneList = <V>(v: V): V[] => Object.freeze([v]) as V[];

/**
 * Of two files declaring one module, the one its name stands for: a module over its type stub
 * (`exceptions.py` over `exceptions.pyi`: the stub is read by type checkers, the module runs),
 * else the greater path, whatever order the files came in.
 */
export function outranks(a: FileEntry, b: FileEntry): boolean {
  const stubA = a.rel.endsWith('.pyi');
  if (stubA !== b.rel.endsWith('.pyi')) return !stubA;
  return a.rel > b.rel;
}

/** Repository-wide symbol tables built from every file's IR. */
export class SymbolTable {
  readonly repo: string;
  readonly files = new Map<string, FileEntry>();
  readonly classesByFqn = new Map<string, ClassSym[]>();
  readonly fnsByFqn = new Map<string, FnSym[]>();
  /** Files by package key. */
  readonly packages = new Map<string, FileEntry[]>();
  /** Python modules and JS/TS paths by module name. */
  readonly modules = new Map<string, FileEntry>();
  /** Files by base name (`x.h` for `a/b/x.h`): C/C++ and Ruby includes matched by path suffix. */
  readonly filesByBase = new Map<string, FileEntry[]>();
  /** Top-level functions and classes by bare name, for languages without modules (C). */
  readonly globals = new Map<string, Sym[]>();
  /**
   * What `#include "spec"` from a directory names (Scope.includeFile), by `dir\0spec`: kept while
   * the files do not change (cleared whenever one is added or removed).
   */
  readonly includes = new Map<
    string,
    { rel: string; base?: string; to: FileEntry | undefined; many?: true }
  >();
  /** C/C++ headers by the alias macros they define (`FileIR.macroAliases`). */
  readonly macroAliases = new Map<string, FileEntry[]>();
  /** C/C++ headers by the argument-dropping macros they define (`FileIR.argDrops`). */
  readonly argDrops = new Map<string, FileEntry[]>();
  /** Methods declared apart from their type (Go, C++), attached by {@link attachMethods}. */
  readonly #detached: FnSym[] = [];

  constructor(repo: string) {
    this.repo = repo;
  }

  /** Forgets every file and symbol (the table's memory goes back at the next collection). */
  clear(): void {
    for (const m of [this.files, this.classesByFqn, this.fnsByFqn, this.packages, this.modules]) m.clear();
    this.filesByBase.clear();
    this.globals.clear();
    this.macroAliases.clear();
    this.argDrops.clear();
    this.includes.clear();
    this.#detached.length = 0;
  }

  /** Adds one file's IR, assigning stable ids to its symbols; returns the entry. */
  add(ir: FileIR, spec: LanguageSpec, pkg?: string): FileEntry {
    const entry: FileEntry = {
      id: fileId(this.repo, ir.path),
      rel: ir.path,
      ir,
      spec,
      top: new Map(),
      classes: [],
      functions: [],
      pkg,
    };
    this.files.set(ir.path, entry);
    if (this.includes.size > 0) this.includes.clear();
    push(this.filesByBase, baseName(ir.path), entry);
    if (ir.module) {
      const key = `${spec.id === 'python' ? 'py' : spec.id}:${ir.module}`;
      const prev = this.modules.get(key);
      if (!prev || outranks(entry, prev)) this.modules.set(key, entry);
    }
    if (pkg) push(this.packages, pkg, entry);
    const seen = new Map<string, number>();
    const disamb = (key: string, sig?: string) => {
      const k = `${key}\u0000${sig ?? ''}`;
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      return `${sig ?? ''}${n > 1 ? `#${n}` : ''}`;
    };
    const classes = new Map<string, ClassSym>();
    const inFunction = functionLocalClasses(ir, spec);
    for (const c of ir.classes) {
      const sym: ClassSym = {
        type: 'class',
        id: symbolId('Class', this.repo, ir.path, c.fqn, disamb(`c:${c.fqn}`)),
        ir: c,
        file: entry,
        methods: NO_METHODS,
      };
      if (!classes.has(c.fqn)) classes.set(c.fqn, sym);
      entry.classes.push(sym);
      const alone = aloneList<Sym>(sym) as ClassSym[];
      push(this.classesByFqn, c.fqn, sym, alone);
      if (!c.parent && !inFunction.has(c)) push(entry.top, c.name, sym, alone);
    }
    for (const f of ir.functions) {
      const cls = f.classFqn ? classes.get(f.classFqn) : undefined;
      const sym: FnSym = {
        type: 'function',
        id: symbolId('Function', this.repo, ir.path, f.fqn, disamb(`f:${f.fqn}`, f.signature)),
        ir: f,
        file: entry,
        ...(cls ? { cls } : {}),
      };
      entry.functions.push(sym);
      const alone = aloneList<Sym>(sym) as FnSym[];
      if (cls) push(methodsOf(cls), f.name, sym, alone);
      else if (f.classFqn) this.#detached.push(sym);
      push(this.fnsByFqn, f.fqn, sym, alone);
      if (!cls && !f.parentFqn && !f.classFqn) push(entry.top, f.name, sym, alone);
    }
    if (spec.id === 'c' || spec.id === 'cpp' || spec.id === 'ruby') {
      // File-local (static) C functions are not visible from other files, but a header's are
      // visible to every file that includes it (`static inline` helpers).
      const header = isHeader(ir.path);
      for (const [name, syms] of entry.top)
        for (const s of syms)
          if (s.type === 'class' || !s.ir.isStatic || header)
            push(this.globals, name, s, syms.length === 1 ? syms : undefined);
      for (const [name] of ir.macroAliases ?? []) push(this.macroAliases, name, entry);
      for (const [name] of ir.argDrops ?? []) push(this.argDrops, name, entry);
    }
    return entry;
  }

  /** Attaches methods declared in another file than their type (same package); returns them. */
  attachMethods(): FnSym[] {
    const out: FnSym[] = [];
    for (const fn of this.#detached) {
      const cls = methodClass(this, fn);
      if (!cls) continue;
      fn.cls = cls;
      push(methodsOf(cls), fn.ir.name, fn);
      out.push(fn);
    }
    this.#detached.length = 0;
    return out;
  }
}

/**
 * Python classes declared in a function's body: the name is bound in that function only, not
 * at the module's top (two tests may each declare their own `class A`). Calls reach them through
 * the caller's nesting (CallResolver).
 */
function functionLocalClasses(ir: FileIR, spec: LanguageSpec): Set<ClassIR> {
  const out = new Set<ClassIR>();
  if (spec.id !== 'python' && spec.id !== 'go') return out;
  const fns = new Set(ir.functions.map((f) => f.fqn));
  for (const c of ir.classes)
    if (!c.parent && fns.has(c.fqn.slice(0, c.fqn.length - c.name.length - 1))) out.add(c);
  return out;
}
