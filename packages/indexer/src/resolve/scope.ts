import { posix } from 'node:path';
import type { ImportIR } from '../ir.js';
import { GuardedDefinitions } from './c-guards.js';
import { IncludedDefinitions } from './c-included.js';
import { shadowsCLibrary } from './c-library-names.js';
import { cjsExport, moduleOf, wholeExport } from './cjs-exports.js';
import { isOverloadSet } from './cpp-overloads.js';
import { unseenHeaderStatic } from './header-statics.js';
import { importRebinds, RIVAL_IMPORT, rivalImports } from './python-bindings.js';
import { starImported } from './python-star.js';
import { rustGlobbed } from './rust-globs.js';
import { rustImport } from './rust-imports.js';
import { rustInScope } from './rust-module-function.js';
import { baseName, type ClassSym, type FileEntry, type Sym, type SymbolTable } from './symbols.js';

/** What a name or an import resolves to. */
export type Target =
  | { readonly kind: 'syms'; readonly syms: readonly Sym[]; readonly via: Via }
  | { readonly kind: 'module'; readonly files: readonly FileEntry[]; readonly via: Via };

/** How a name was found. */
export type Via = 'same-file' | 'import' | 'same-package' | 'global-unique';

/** Repository-level settings that module resolution needs. */
export interface RepoConfig {
  /** tsconfig `paths` (pattern → replacements), relative to `baseUrl`. */
  readonly tsPaths?: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly tsBaseUrl?: string;
  /** Go module path from go.mod. */
  readonly goModule?: string;
}

const JS_EXT = ['', '.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);
const NAMESPACED = new Set(['java', 'kotlin', 'scala', 'csharp', 'go', 'php', 'swift']);

/**
 * The class a name means among the classes it finds. In JS/TS two classes of one name in a module
 * are in different blocks (`test('a', () => { class H {} })` twice): which one is not known. A
 * class and an interface or namespace of one name are one TypeScript value (declaration merging).
 */
function onlyClass(file: FileEntry, classes: readonly ClassSym[]): ClassSym | undefined {
  if (classes.length < 2 || !JS_LANGS.has(file.spec.id)) return classes[0];
  const real = classes.filter((c) => c.ir.kind === 'class');
  return real.length > 1 ? undefined : (real[0] ?? classes[0]);
}

/** Name lookups in a file's scope: own declarations, imports, package, globals. */
export class Scope {
  readonly #bindings = new Map<FileEntry, Map<string, ImportIR>>();
  /** C/C++: which of several definitions of a name a file includes. */
  readonly included = new IncludedDefinitions(this);
  /** C/C++: which of a file's own definitions an included header's guard hides. */
  readonly guarded = new GuardedDefinitions(this);
  constructor(
    readonly table: SymbolTable,
    readonly config: RepoConfig,
  ) {}

  /** Local names bound by a file's imports. */
  bindings(file: FileEntry): Map<string, ImportIR> {
    let m = this.#bindings.get(file);
    if (m) return m;
    m = new Map();
    for (const imp of file.ir.imports) {
      if (imp.kind !== 'import') continue;
      // An import inside a function binds there only (CallResolver reads it from the caller).
      if (imp.fn !== undefined && (file.spec.id === 'rust' || file.spec.id === 'python')) continue;
      const name = imp.alias ?? this.#defaultBinding(file, imp);
      if (!name) continue;
      const prev = m.get(name);
      // `if sys.version_info >= (3, 11): import tomllib` / `else: from ._vendored import tomli as
      // tomllib`: which import binds the name is decided when the module runs.
      m.set(name, prev && file.spec.id === 'python' && rivalImports(prev, imp) ? RIVAL_IMPORT : imp);
    }
    this.#bindings.set(file, m);
    return m;
  }

  #defaultBinding(file: FileEntry, imp: ImportIR): string | undefined {
    if (imp.name && imp.name !== '*' && imp.name !== 'default') return imp.name.split(/[.\\]/).pop();
    if (imp.name) return undefined;
    const lang = file.spec.id;
    if (lang === 'python') return imp.source.split('.')[0];
    if (lang === 'go') {
      const files = this.#goPackage(imp.source);
      return files?.[0]?.ir.module ?? imp.source.split('/').pop();
    }
    if (lang === 'php' || lang === 'java' || lang === 'kotlin' || lang === 'scala' || lang === 'csharp')
      return imp.source.split(/[.\\]/).pop();
    return undefined;
  }

  /** Resolves a name visible in a file; for Rust, `module` is the inline module the name is spelled in. */
  lookup(file: FileEntry, name: string, depth = 0, module?: string): Target | undefined {
    const top = file.top.get(name);
    const own =
      top && module !== undefined ? rustInScope(top, module) : top && this.guarded.compiled(file, top);
    if (own?.length) {
      if (file.spec.id === 'python' && importRebinds(this, file, name, own, depth)) return undefined;
      return { kind: 'syms', syms: own, via: 'same-file' };
    }
    const imp = this.bindings(file).get(name);
    if (imp) {
      const t = this.resolveImport(file, imp, depth);
      return t ? { ...t, via: 'import' } : undefined;
    }
    const lang = file.spec.id;
    if (lang === 'rust' && depth === 0) return rustGlobbed(this, file, name, module ?? file.ir.module ?? '');
    if (lang === 'python') {
      const syms = starImported(this, file, name, depth);
      return syms ? { kind: 'syms', syms, via: 'import' } : undefined;
    }
    if (file.pkg && NAMESPACED.has(lang)) {
      const syms = (this.table.packages.get(file.pkg) ?? []).flatMap((f) => f.top.get(name) ?? []);
      if (syms.length) return { kind: 'syms', syms, via: 'same-package' };
    }
    if (lang === 'java' || lang === 'kotlin' || lang === 'scala' || lang === 'csharp') {
      for (const w of file.ir.imports) {
        if (w.name !== '*') continue;
        const syms = this.table.classesByFqn.get(`${w.source}.${name}`);
        if (syms) return { kind: 'syms', syms, via: 'import' };
      }
    }
    if (lang === 'php') {
      const global = this.table.fnsByFqn.get(name) ?? this.table.classesByFqn.get(name);
      if (global) return { kind: 'syms', syms: global, via: 'import' };
    }
    if (lang === 'c' || lang === 'cpp' || lang === 'ruby') {
      const g = this.table.globals.get(name);
      if (g && lang !== 'ruby' && unseenHeaderStatic(this.included, file, g)) return undefined;
      const libc = g !== undefined && lang !== 'ruby' && shadowsCLibrary(name, g);
      if (!libc && (g?.length === 1 || (lang === 'cpp' && g && isOverloadSet(g))))
        return { kind: 'syms', syms: g, via: 'global-unique' };
      const seen = g && lang !== 'ruby' ? this.included.visible(file, g, libc) : undefined;
      if (seen && (seen.length === 1 || (lang === 'cpp' && isOverloadSet(seen))))
        return { kind: 'syms', syms: seen, via: 'import' };
    }
    return undefined;
  }

  /**
   * A name a module file defines, or re-exports: JS/TS `export … from` and `export * from` chains
   * (a barrel, `z.string()` through `import * as z`), Python `from .query import Query` or
   * `from .subqueries import *` in a package's `__init__.py` (see python-star.ts).
   */
  member(file: FileEntry, name: string, depth = 0): readonly Sym[] | undefined {
    const cjs = cjsExport(this, file, name, depth);
    if (cjs !== undefined) return cjs ?? undefined;
    const own = file.top.get(name);
    if (own)
      return file.spec.id === 'python' && importRebinds(this, file, name, own, depth) ? undefined : own;
    if (JS_LANGS.has(file.spec.id)) {
      const t = this.exported(file, name, depth + 1);
      return t?.kind === 'syms' ? t.syms : undefined;
    }
    if (file.spec.id !== 'python' || depth > 4) return undefined;
    const imp = this.bindings(file).get(name);
    if (imp) {
      const t = this.resolveImport(file, imp, depth + 1);
      return t?.kind === 'syms' ? t.syms : undefined;
    }
    return starImported(this, file, name, depth);
  }

  /** Finds a class named in a file (a type annotation, a base class, a receiver). */
  classNamed(file: FileEntry, name: string, context?: string, module?: string): ClassSym | undefined {
    if (file.spec.id === 'php') return this.#phpClass(file, name);
    // Names resolve from the innermost enclosing class or namespace outwards (Ruby modules, nested classes).
    for (let ctx = context; ctx; ) {
      const hit = this.table.classesByFqn.get(file.spec.style.join(ctx, name, 'class'))?.[0];
      if (hit) return hit;
      ctx = this.table.classesByFqn.get(ctx)?.[0]?.ir.parent;
    }
    const parts = name.split(/::|\.|\\/);
    const isClass = (s: Sym): s is ClassSym => s.type === 'class';
    const t = this.lookup(file, parts[0]!, 0, parts.length === 1 ? module : undefined);
    let cls: ClassSym | undefined;
    let rest = parts.slice(1);
    if (t?.kind === 'syms') cls = onlyClass(file, t.syms.filter(isClass));
    else if (t?.kind === 'module' && parts.length === 1) cls = wholeExport(this, t)?.find(isClass);
    else if (t?.kind === 'module' && parts.length > 1) {
      cls = t.files.flatMap((f) => this.member(f, parts[1]!) ?? []).find(isClass);
      rest = parts.slice(2);
    }
    if (!cls && parts.length > 1) {
      // A fully qualified name (`shop::Store`, `com.x.Foo`), or one relative to the current namespace.
      const direct = this.table.classesByFqn.get(name)?.[0];
      if (direct) return direct;
      const ns = file.ir.module;
      return ns ? this.table.classesByFqn.get(file.spec.style.join(ns, name, 'module'))?.[0] : undefined;
    }
    for (const p of rest) {
      if (!cls) break;
      const outer: string = cls.ir.fqn;
      cls = ['.', '::', '\\']
        .map((sep) => this.table.classesByFqn.get(`${outer}${sep}${p}`)?.[0])
        .find(Boolean);
    }
    return cls;
  }

  /** The repository file a C/C++ `#include "x.h"` names: relative to the includer, else a unique path suffix. */
  includeFile(from: FileEntry, spec: string): FileEntry | undefined {
    const dir = posix.dirname(from.rel);
    const key = `${dir}\u0000${spec}`;
    const known = this.table.includes.get(key);
    if (known) {
      // The answer is the table's until it changes; the reads behind it are made again, so that
      // the file being linked records them (an incremental update relinks it when they change).
      this.table.files.get(known.rel);
      if (known.base !== undefined) this.table.filesByBase.get(known.base);
      return known.to;
    }
    const rel = posix.normalize(posix.join(dir, spec));
    const direct = this.table.files.get(rel);
    if (direct) {
      this.table.includes.set(key, { rel, to: direct });
      return direct;
    }
    const base = baseName(spec);
    const hits = (this.table.filesByBase.get(base) ?? []).filter((f) => `/${f.rel}`.endsWith(`/${spec}`));
    const to = hits.length === 1 ? hits[0] : undefined;
    this.table.includes.set(key, { rel, base, to, ...(hits.length > 1 ? { many: true } : {}) });
    return to;
  }

  /** Whether `#include spec` from `from` names several repository files (`<asm/io.h>`: the build picks one). */
  includeAmbiguous(from: FileEntry, spec: string): boolean {
    if (!this.includeFile(from, spec))
      return this.table.includes.get(`${posix.dirname(from.rel)}\u0000${spec}`)?.many === true;
    return false;
  }

  #phpClass(file: FileEntry, name: string): ClassSym | undefined {
    if (name.startsWith('\\')) return this.table.classesByFqn.get(name.slice(1))?.[0];
    const [head, ...rest] = name.split('\\');
    const imp = this.bindings(file).get(head!);
    const fqn = imp ? [imp.source, ...rest].join('\\') : file.ir.module ? `${file.ir.module}\\${name}` : name;
    return (
      this.table.classesByFqn.get(fqn)?.[0] ?? (imp ? undefined : this.table.classesByFqn.get(name)?.[0])
    );
  }

  /** Resolves an import to symbols or to a module inside the repository. */
  resolveImport(file: FileEntry, imp: ImportIR, depth = 0): Target | undefined {
    if (depth > 8) return undefined;
    const lang = file.spec.id;
    if (lang === 'python') return this.#python(file, imp, depth);
    if (JS_LANGS.has(lang)) {
      const target = this.jsFile(file, imp.source);
      if (!target) return undefined;
      if (!imp.name || imp.name === '*') return { kind: 'module', files: [target], via: 'import' };
      const name = imp.name === 'default' ? target.ir.defaultExport : imp.name;
      if (name) return this.exported(target, name, depth + 1, true);
      // `import Plugin from './plugin.js'` of a CommonJS `module.exports = Plugin`.
      const whole = imp.name === 'default' ? wholeExport(this, moduleOf(target), depth + 1) : undefined;
      return whole ? { kind: 'syms', syms: whole, via: 'import' } : undefined;
    }
    if (lang === 'go') {
      const files = this.#goPackage(imp.source);
      return files ? { kind: 'module', files, via: 'import' } : undefined;
    }
    if (lang === 'rust') return rustImport(this, file, imp, depth);
    const fqn =
      imp.name && imp.name !== '*' ? `${imp.source}${lang === 'php' ? '\\' : '.'}${imp.name}` : imp.source;
    if (imp.name === '*') {
      const files = this.table.packages.get(`${lang}:${imp.source}`);
      return files ? { kind: 'module', files, via: 'import' } : undefined;
    }
    const syms: Sym[] = [
      ...(this.table.classesByFqn.get(fqn) ?? []),
      ...(this.table.fnsByFqn.get(fqn) ?? []),
    ];
    if (syms.length) return { kind: 'syms', syms, via: 'import' };
    const pkg = this.table.packages.get(`${lang}:${fqn}`);
    return pkg ? { kind: 'module', files: pkg, via: 'import' } : undefined;
  }

  /**
   * A name exported by a JS/TS module, following re-exports. A name the module imports is exported
   * only where an `export { … }` list names it (`bound`: `name` is the module's own binding, as its
   * `export default x` names it).
   */
  exported(file: FileEntry, name: string, depth: number, bound = false): Target | undefined {
    if (depth > 8) return undefined;
    const cjs = cjsExport(this, file, name, depth);
    if (cjs !== undefined) return cjs ? { kind: 'syms', syms: cjs, via: 'import' } : undefined;
    const listed = bound ? name : file.ir.localExports?.find(([as]) => as === name)?.[1];
    const own = file.top.get(listed ?? name);
    if (own) return { kind: 'syms', syms: own, via: 'import' };
    for (const imp of file.ir.imports) {
      const local = imp.alias ?? imp.name;
      if (imp.kind === 'import' && local === listed) return this.resolveImport(file, imp, depth + 1);
      if (imp.kind !== 'reexport') continue;
      if (local === name && imp.name !== '*')
        return this.resolveImport(file, { ...imp, kind: 'import' }, depth + 1);
      if (imp.name === '*' && imp.alias === name) {
        const t = this.jsFile(file, imp.source);
        return t ? { kind: 'module', files: [t], via: 'import' } : undefined;
      }
      if (imp.name === '*' && !imp.alias) {
        const t = this.jsFile(file, imp.source);
        const found = t && this.exported(t, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  #python(file: FileEntry, imp: ImportIR, depth: number): Target | undefined {
    let base = imp.source;
    if (imp.level) {
      const parts = (file.ir.module ?? '').split('.');
      const isInit = /(^|\/)__init__\.pyi?$/.test(file.rel);
      const pkg = isInit ? parts : parts.slice(0, -1);
      const up = pkg.slice(0, pkg.length - (imp.level - 1));
      base = [...up, ...(imp.source ? [imp.source] : [])].join('.');
    }
    const mod = (m: string) => this.table.modules.get(`py:${m}`);
    if (!imp.name) {
      const m = mod(imp.alias ? base : base.split('.')[0]!);
      return m ? { kind: 'module', files: [m], via: 'import' } : undefined;
    }
    if (imp.name === '*') {
      const m = mod(base);
      return m ? { kind: 'module', files: [m], via: 'import' } : undefined;
    }
    const sub = mod(base ? `${base}.${imp.name}` : imp.name);
    if (sub) return { kind: 'module', files: [sub], via: 'import' };
    const m = mod(base);
    if (!m) return undefined;
    const syms = this.member(m, imp.name, depth + 1);
    if (syms) return { kind: 'syms', syms, via: 'import' };
    // `from pkg import sub` where pkg's `__init__.py` binds sub to a module
    const again = this.bindings(m).get(imp.name);
    const t = again ? this.resolveImport(m, again, depth + 1) : undefined;
    return t?.kind === 'module' ? t : undefined;
  }

  /** The repository file a JS/TS specifier points to (relative or tsconfig path alias). */
  jsFile(from: FileEntry, spec: string): FileEntry | undefined {
    const bases: string[] = [];
    if (spec.startsWith('.')) bases.push(posix.normalize(posix.join(posix.dirname(from.rel), spec)));
    else {
      for (const [pattern, repls] of this.config.tsPaths ?? []) {
        const star = pattern.indexOf('*');
        const prefix = star < 0 ? pattern : pattern.slice(0, star);
        const suffix = star < 0 ? '' : pattern.slice(star + 1);
        if (star < 0 ? spec !== pattern : !(spec.startsWith(prefix) && spec.endsWith(suffix))) continue;
        const mid = star < 0 ? '' : spec.slice(prefix.length, spec.length - suffix.length);
        for (const r of repls)
          bases.push(posix.normalize(posix.join(this.config.tsBaseUrl ?? '.', r.replace('*', mid))));
      }
    }
    for (const b of bases) {
      const stem = b.replace(/\.(m|c)?js$/, '');
      for (const cand of [
        b,
        ...JS_EXT.map((e) => stem + e),
        // `from '..'` of a folder's index: the root folder's is `index.ts`
        ...JS_EXT.slice(1).map((e) => (stem === '.' ? `index${e}` : `${stem}/index${e}`)),
      ]) {
        const f = this.table.files.get(cand);
        if (f && JS_LANGS.has(f.spec.id)) return f;
      }
    }
    return undefined;
  }

  #goPackage(path: string): FileEntry[] | undefined {
    const mod = this.config.goModule;
    if (mod && (path === mod || path.startsWith(`${mod}/`))) {
      return this.table.packages.get(`go:${path === mod ? '.' : path.slice(mod.length + 1)}`);
    }
    const hits = [...this.table.packages.keys()].filter(
      (k) => k.startsWith('go:') && `/${path}`.endsWith(`/${k.slice(3)}`),
    );
    return hits.length === 1 ? this.table.packages.get(hits[0]!) : undefined;
  }
}
