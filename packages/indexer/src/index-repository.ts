import { CORE_SCHEMA, type GraphStore } from '@cgc/core';
import { BackgroundWriter } from './graph/background-writer.js';
import { dropStaticEdges, pruneStale, readExisting } from './graph/prune.js';
import { MemorySink } from './graph/sink.js';
import { SplitSink } from './graph/split-sink.js';
import { boundHeapGrowth, collectGarbage } from './heap-growth.js';
import { type PipelineHooks, type PipelineOptions, repositoryOf, runPipeline } from './pipeline.js';
import type { SymbolTable } from './resolve/symbols.js';

// INHERITS, IMPLEMENTS and HANDLED_BY may repeat a pair (a base named twice): they are few anyway.
const FRESH_TYPES: ReadonlySet<string> = new Set(['CONTAINS', 'HAS_PARAMETER', 'CALLS', 'IMPORTS']);

/** Options of {@link indexRepository}. */
export type IndexOptions = PipelineOptions;

/** What an index run did. */
export interface IndexSummary {
  readonly repository: { readonly id: string; readonly path: string; readonly name: string };
  readonly files: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly nodes: number;
  readonly edges: number;
  readonly calls: { readonly total: number; readonly resolved: number; readonly unresolved: number };
  readonly languages: Readonly<Record<string, number>>;
  readonly seconds: {
    readonly list: number;
    readonly parse: number;
    readonly resolve: number;
    readonly write: number;
    /** `cgc index`: what preparing incremental updates adds after the writes (the snapshot is saved while they run). */
    readonly snapshot?: number;
    readonly total: number;
  };
  readonly warnings: readonly string[];
  readonly warningCount: number;
}

/**
 * Indexes a repository (or one file) into the graph through the store's bulk
 * writer, then prunes what the previous index had and this one lacks, so an
 * interrupted or repeated run converges to the same graph. Ids are stable.
 */
export function indexRepository(
  store: GraphStore,
  path: string,
  options: IndexOptions = {},
): Promise<IndexSummary> {
  return runIndex(store, path, options);
}

/** Internal hooks of {@link runIndex}: the pipeline's, and work to run while the last writes go on. */
export interface IndexHooks extends Omit<PipelineHooks, 'beforeLink'> {
  /** Started once linking is done; the index ends when it and the writes are done. */
  readonly whileWriting?: () => Promise<void>;
  /**
   * Drops the caller's in-memory state (the symbol table), once `whileWriting` is done. Given, a
   * first index into a store that holds its rows inserts them only then, when that memory is free:
   * the database's bulk insert (about 1 GB on the Linux kernel) and the symbol table (1.5 GB) no
   * longer add up, for the seconds the insert overlapped linking.
   */
  readonly release?: () => void;
}

/** {@link indexRepository} with the pipeline's internal hooks (`cgc index` links with recording). */
export async function runIndex(
  store: GraphStore,
  path: string,
  options: IndexOptions,
  hooks: IndexHooks = {},
): Promise<IndexSummary> {
  // The symbol table lives from the first parsed file to the last write.
  const release = boundHeapGrowth(options.heapGrowthPercent);
  try {
    return await indexWithin(store, path, options, hooks);
  } finally {
    release();
  }
}

async function indexWithin(
  store: GraphStore,
  path: string,
  options: IndexOptions,
  hooks: IndexHooks,
): Promise<IndexSummary> {
  const t0 = performance.now();
  const { id } = await repositoryOf(path);
  await store.ensureSchema(CORE_SCHEMA);
  const existing = await readExisting(store, id);
  // Flushes run in the background while parsing and linking go on; few, large ones, since
  // each costs a few statements per label and label pair.
  // A first index vouches that its edges are new: each is emitted once (IMPORTS deduplicated
  // per file) and nothing of the repository is stored. The adapter then skips pair look-ups.
  const fresh = [...existing.ids.values()].every((ids) => ids.length === 0);
  // When the adapter holds a first index's rows (appends them to load files), small buffers cost
  // nothing per flush and their rows die young: 100k-row buffers outlived V8's young generation,
  // and every row written became old-generation garbage (kernel: -12 CPU-s, see docs/indexer.md).
  const holds = fresh && store.adapter.capabilities.holdsDeferred === true;
  // Held rows go in once the symbol table is gone (see IndexHooks.release), not beside linking.
  const late = holds && hooks.release !== undefined;
  const bulk = new BackgroundWriter(store, {
    flushAt: holds ? 5_000 : 100_000,
    ...(fresh ? { freshTypes: FRESH_TYPES, freshNodes: true } : {}),
  });
  // Late, the functions' unresolved calls wait too: updating a held label inserts it first.
  const w = new SplitSink(store, bulk, { fresh, ...(late ? { updatesMax: Number.POSITIVE_INFINITY } : {}) });
  let waitedAtParse = 0;
  const r = await runPipeline(path, w, options, {
    ...hooks,
    beforeLink: async () => {
      waitedAtParse = bulk.waitedMs;
      // What parsing wrote goes into the database while linking runs (a first index held it back):
      // the nodes, and the parameters' edges (linking writes none).
      if (fresh && !late) bulk.insertHeld(['HAS_PARAMETER']);
      if (existing.files > 0) {
        // Static edges of the previous index go before linking writes new ones.
        await w.drain();
        await dropStaticEdges(store, id);
      }
    },
  }).catch(async (err: unknown) => {
    // No write may outlive a failed or cancelled run (the caller may close the store next).
    await w.settle();
    throw err;
  });
  const tWrite = performance.now();
  const waitedBefore = bulk.waitedMs;
  options.onProgress?.({ phase: 'write', done: 0, total: 1 });
  // Started now, awaited after the writes: main-thread work of the caller's while the database works.
  const beside = hooks.whileWriting?.().then(
    () => undefined,
    (err: unknown) => ({ err }),
  );
  if (late) {
    const failed = await beside;
    if (failed) throw failed.err;
    hooks.release?.();
    collectGarbage();
  }
  await w.drain();
  await store.flushDeferred();
  await pruneStale(store, existing, r.table, id);
  const failed = await beside;
  if (failed) throw failed.err;
  options.onProgress?.({ phase: 'write', done: 1, total: 1 });
  const tEnd = performance.now();
  const s = (a: number, b: number) => Math.round(b - a) / 1000;
  return {
    repository: { id, path: r.repo.root, name: r.repo.name },
    files: r.parsed,
    filesSkipped: r.listed - r.parsed,
    bytes: r.bytes,
    nodes: r.nodes,
    edges: w.written.relationships,
    calls: { total: r.link.calls, resolved: r.link.resolvedCalls, unresolved: r.link.unresolvedCalls },
    languages: r.languages,
    seconds: {
      list: r.seconds.list,
      parse: Math.max(0, Math.round(r.seconds.parse * 1000 - waitedAtParse) / 1000),
      resolve: Math.max(0, Math.round(r.seconds.resolve * 1000 - (waitedBefore - waitedAtParse)) / 1000),
      // Time spent waiting for the database; flushes overlapped with parsing and linking are not counted.
      write: Math.round(tEnd - tWrite + waitedBefore) / 1000,
      total: s(t0, tEnd),
    },
    warnings: r.warnings,
    warningCount: r.warningCount,
  };
}

/** The graph an index would write, kept in memory (for tests, dry runs and tools). */
export async function analyzeRepository(
  path: string,
  options: PipelineOptions = {},
): Promise<{ sink: MemorySink; table: SymbolTable; warnings: string[] }> {
  const sink = new MemorySink();
  const r = await runPipeline(path, sink, options);
  return { sink, table: r.table, warnings: r.warnings };
}
