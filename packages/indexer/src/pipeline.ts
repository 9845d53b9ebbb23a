import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { CgcError, isCgcError, type Logger } from '@cgc/core';
import { listSourceFiles, type SourceFile } from './files.js';
import { type LinkStats, linkRepository } from './graph/link.js';
import type { GraphSink } from './graph/sink.js';
import { writeDirectories, writeFileNodes } from './graph/write-file.js';
import { repoId } from './ids.js';
import { sortMethods, sortSymbolTable } from './incremental/table-order.js';
import { languageById } from './languages/index.js';
import { inlinePool, type ParsePool, workerPool } from './pool.js';
import { pythonModules, readRepoConfig } from './repo-config.js';
import { resolutionDecorators } from './resolve/cfg-variants.js';
import { createIntern, internIr } from './resolve/compact-ir.js';
import { internCalls, packCalls } from './resolve/packed-calls.js';
import { type RepoConfig, Scope } from './resolve/scope.js';
import { type FileEntry, SymbolTable } from './resolve/symbols.js';

/** A progress report. */
export interface IndexProgress {
  /** `snapshot`: `cgc index` saving what incremental updates need (and linking files a snapshot lacks reads of). */
  readonly phase: 'list' | 'parse' | 'resolve' | 'write' | 'snapshot';
  readonly done: number;
  readonly total: number;
  readonly file?: string;
}

/** Options shared by indexing and analysis. */
export interface PipelineOptions {
  readonly onProgress?: (p: IndexProgress) => void;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Files larger than this are skipped with a warning (default 2 MiB). */
  readonly maxFileBytes?: number;
  /** Parse worker threads; 0 parses on the calling thread (default: cores - 1, 1 to 4). */
  readonly workers?: number;
  /** How long one file may take to parse on a worker before it is skipped with a warning (ms, default 60 s). */
  readonly fileTimeoutMs?: number;
  /** Store each symbol's source text (default true). */
  readonly storeSource?: boolean;
  readonly isDependency?: boolean;
  /** Ignore files honoured in every directory (default `.gitignore` and `.cgcignore`). */
  readonly ignoreFiles?: readonly string[];
  /**
   * How far V8's heap may grow past what is live while a full index runs, in percent; 0 leaves
   * V8's own choice (about 2× for a large heap). Default 30 (see heap-growth.ts).
   */
  readonly heapGrowthPercent?: number;
  /** Called once per parsed file, after its nodes were written (incremental re-indexing keeps these). */
  readonly onParsed?: (entry: FileEntry, file: { readonly hash: string; readonly size: number }) => void;
}

/**
 * Internal hooks of a pipeline run (not part of the public options): `cgc index` fills a recording
 * symbol table and links every file once while recording what it read, for incremental updates.
 */
export interface PipelineHooks {
  /** Runs after parsing, before linking (the sink is flushed). */
  readonly beforeLink?: () => Promise<void>;
  /** The table to fill (default: a plain one). */
  readonly table?: SymbolTable;
  /** The Repository node's `indexed_at` (default: now). */
  readonly stamp?: number;
  /** Links the sorted table in place of the default linking. */
  readonly link?: (sink: GraphSink, config: RepoConfig, signal?: AbortSignal) => Promise<LinkStats>;
}

/** What the pipeline produced. */
export interface PipelineResult {
  readonly repo: { readonly id: string; readonly root: string; readonly name: string };
  readonly listed: number;
  readonly parsed: number;
  readonly bytes: number;
  readonly nodes: number;
  readonly languages: Record<string, number>;
  readonly table: SymbolTable;
  readonly link: LinkStats;
  readonly seconds: { list: number; parse: number; resolve: number };
  readonly warnings: string[];
  readonly warningCount: number;
}

const MAX_WARNINGS = 200;
// Shared by every symbol once its decorators are written (nothing adds to them later).
const NONE: string[] = [];
const PKG_LANGS = new Set(['java', 'kotlin', 'scala', 'csharp', 'php', 'swift']);

/** Throws CANCELLED when the signal fired. */
export function checkCancelled(signal: AbortSignal | undefined, root: string): void {
  if (signal?.aborted)
    throw new CgcError('CANCELLED', `indexing ${root} was cancelled; run it again to converge`);
}

/** The repository root and id for a path (a file indexes within its directory). */
export async function repositoryOf(
  path: string,
): Promise<{ abs: string; root: string; id: string; isFile: boolean }> {
  const abs = resolve(path);
  const st = await stat(abs).catch((err: unknown) => {
    throw new CgcError('NOT_FOUND', `cannot index ${abs}: ${(err as NodeJS.ErrnoException).code ?? err}`, {
      cause: err,
    });
  });
  const root = st.isDirectory() ? abs : dirname(abs);
  return { abs, root, id: repoId(root), isFile: !st.isDirectory() };
}

/**
 * Lists, parses (on worker threads) and links a repository into a sink. Nodes are
 * written as files arrive; only names and types stay in memory for resolution.
 * Throws INDEX_EMPTY when no file could be parsed.
 */
export async function runPipeline(
  path: string,
  sink: GraphSink,
  options: PipelineOptions = {},
  hooks: PipelineHooks = {},
): Promise<PipelineResult> {
  const t0 = performance.now();
  const where = await repositoryOf(path);
  const { root } = where;
  const warnings: string[] = [];
  let warningCount = 0;
  const warn = (m: string) => {
    warningCount++;
    if (warnings.length < MAX_WARNINGS) warnings.push(m);
    options.logger?.debug(m);
  };
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;

  progress({ phase: 'list', done: 0, total: 0 });
  const excluded = { count: 0 };
  let files = await listSourceFiles(root, {
    maxFileBytes: options.maxFileBytes ?? 2 * 1024 * 1024,
    warn,
    signal,
    excluded,
    ...(options.ignoreFiles ? { ignoreFiles: options.ignoreFiles } : {}),
  });
  if (where.isFile) files = files.filter((f) => f.abs === where.abs);
  files = assignHeaders(files);
  checkCancelled(signal, root);
  const tList = performance.now();

  const repo = { id: where.id, root, isDependency: options.isDependency ?? false };
  const config = await readRepoConfig(root, warn);
  const pyMods = pythonModules(files, root);
  const table = hooks.table ?? new SymbolTable(repo.id);
  await sink.node('Repository', {
    id: repo.id,
    repo: repo.id,
    name: basename(root),
    path: root,
    is_dependency: repo.isDependency,
    indexed_at: hooks.stamp ?? Date.now(),
  });

  const workers = options.workers ?? Math.min(4, availableParallelism());
  const pool: ParsePool =
    workers > 0 && files.length > 20
      ? workerPool(workers, { fileTimeoutMs: options.fileTimeoutMs })
      : inlinePool();
  const dirs = new Set<string>();
  // Strings from workers are fresh copies; names, types and call sites repeat: keep one copy each.
  const intern = createIntern();
  const disabled = new Set<string>();
  const languages: Record<string, number> = {};
  let parsed = 0;
  let done = 0;
  let bytes = 0;
  let nodes = 1;
  try {
    const inFlight = new Set<Promise<void>>();
    const handle = async (f: SourceFile) => {
      const r = await pool.parse({
        abs: f.abs,
        rel: f.rel,
        lang: f.lang.id,
        module: moduleFor(f, pyMods),
        storeSource: options.storeSource ?? true,
      });
      done++;
      for (const m of r.warnings) warn(m);
      if (r.grammarFailure && !disabled.has(f.lang.id)) {
        disabled.add(f.lang.id);
        const msg = `language ${f.lang.id} disabled: its grammar did not load (${r.grammarFailure})`;
        warn(msg);
        options.logger?.warn(msg);
      }
      if (!r.ir) return;
      const spec = languageById(r.ir.lang)!;
      internIr(r.ir, intern);
      const entry = table.add(r.ir, spec, packageKey(r.ir.lang, r.ir.module, f.rel));
      const parent = await writeDirectories(sink, repo, f.rel, dirs);
      const written = await writeFileNodes(sink, repo, entry, {
        hash: r.hash ?? '',
        size: r.size ?? 0,
        parent,
      });
      nodes += written;
      // Source and docs are written; resolution only needs names and types. Cleared, not
      // deleted: `delete` turns an object into a dictionary several times its size.
      for (const c of r.ir.classes) {
        c.source = undefined;
        c.docstring = undefined;
        c.decorators = NONE;
      }
      for (const fn of r.ir.functions) {
        fn.source = undefined;
        fn.docstring = undefined;
        // Rust's `cfg(…)` attributes stay: they tell variants of one function apart (CallResolver).
        fn.decorators = resolutionDecorators(fn.decorators, NONE);
      }
      entry.calls = internCalls(r.calls ?? packCalls(r.ir.calls), intern.string);
      options.onParsed?.(entry, { hash: r.hash ?? '', size: r.size ?? 0 });
      parsed++;
      bytes += r.size ?? 0;
      languages[r.ir.lang] = (languages[r.ir.lang] ?? 0) + 1;
      progress({ phase: 'parse', done, total: files.length, file: f.rel });
    };
    // Enough files queued at the workers that a busy main thread (a collection, a row batch)
    // does not leave them waiting for work.
    const limit = Math.max(2, workers * 16);
    for (const f of files) {
      if (signal?.aborted) break;
      const p = handle(f).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (err) {
    throw isCgcError(err)
      ? err
      : new CgcError('PARSE_FAILED', `parsing ${root} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    await pool.close();
  }
  checkCancelled(signal, root);
  if (parsed === 0) {
    const ignoreFiles = options.ignoreFiles ?? ['.gitignore', '.cgcignore'];
    // A tree whose ignore file excludes everything (Debian's linux-source ends its `.gitignore`
    // with `/*`) would otherwise look like a tree without sources.
    const why =
      files.length > 0
        ? 'no supported source file could be parsed'
        : excluded.count > 0
          ? `no supported source file found; the rules of ${ignoreFiles.join(', ')} excluded ${excluded.count} path(s) (the index.ignoreFiles setting says which ignore files are read)`
          : 'no supported source file found';
    throw new CgcError('INDEX_EMPTY', `nothing to index in ${root}: ${why}`, {
      details: { files: files.length, warnings: warnings.slice(0, 20) },
    });
  }
  nodes += dirs.size;
  const tParse = performance.now();

  progress({ phase: 'resolve', done: 0, total: table.files.size });
  // Linking adds partial rows (unresolved calls) for nodes written above: they must not merge into
  // the same buffered batch (a sink may start writing here and keep later rows in order).
  await sink.flush?.();
  await hooks.beforeLink?.();
  // Files arrive in parse-completion order: link in a canonical one (see sortSymbolTable).
  sortSymbolTable(table);
  for (const fn of table.attachMethods()) {
    sortMethods(fn.cls!);
    await sink.rel('CONTAINS', 'Class', 'Function', { from: fn.cls!.id, to: fn.id });
  }
  const link = hooks.link
    ? await hooks.link(sink, config, signal)
    : await linkRepository(sink, repo.id, new Scope(table, config), table.files.values(), signal);
  checkCancelled(signal, root);
  const tResolve = performance.now();
  const s = (a: number, b: number) => Math.round(b - a) / 1000;
  return {
    repo: { id: repo.id, root, name: basename(root) },
    listed: files.length,
    parsed,
    bytes,
    nodes: nodes + link.nodes,
    languages,
    table,
    link,
    seconds: { list: s(t0, tList), parse: s(tList, tParse), resolve: s(tParse, tResolve) },
    warnings,
    warningCount,
  };
}

/** The module name an extractor is given for a file. */
export function moduleFor(f: SourceFile, pyMods: Map<string, string>): string | undefined {
  if (f.lang.id === 'python') return pyMods.get(f.rel);
  if (f.lang.id === 'javascript' || f.lang.id === 'typescript' || f.lang.id === 'tsx') return f.rel;
  return undefined;
}

/** The same-package lookup key of a file. */
export function packageKey(lang: string, module: string | undefined, rel: string): string | undefined {
  if (lang === 'go') return `go:${rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.'}`;
  if (PKG_LANGS.has(lang)) return `${lang}:${module ?? ''}`;
  return undefined;
}

// `.h` is C unless the repository has more C++ sources than C sources.
export function assignHeaders(files: SourceFile[]): SourceFile[] {
  const cpp = languageById('cpp');
  let c = 0;
  let cc = 0;
  for (const f of files) {
    if (f.lang.id === 'cpp') cc++;
    else if (f.lang.id === 'c' && !f.rel.endsWith('.h')) c++;
  }
  if (!cpp || cc <= c) return files;
  return files.map((f) => (f.rel.endsWith('.h') ? { ...f, lang: cpp } : f));
}
