import { CORE_SCHEMA, type GraphStore, type NodeRow, type RelRow } from '@cgc/core';
import { dropStaticEdges, pruneStale, readExisting } from './graph/prune.js';
import { MemorySink } from './graph/sink.js';
import { type PipelineOptions, repositoryOf, runPipeline } from './pipeline.js';
import type { SymbolTable } from './resolve/symbols.js';

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
export async function indexRepository(
  store: GraphStore,
  path: string,
  options: IndexOptions = {},
): Promise<IndexSummary> {
  const t0 = performance.now();
  const { id } = await repositoryOf(path);
  await store.ensureSchema(CORE_SCHEMA);
  const existing = await readExisting(store, id);
  // Fewer, larger flushes: each flush costs a few statements per label and label pair.
  const w = store.writer({ flushAt: 100_000 });
  // Writes flush inside node()/rel() calls; time them apart from parsing and resolving.
  let writeMs = 0;
  let writeMsAtParse = 0;
  // Concurrent parse handlers wait on the same flush: count the union of waiting intervals.
  let waiting = 0;
  let since = 0;
  const timed = async (p: Promise<void>) => {
    if (waiting++ === 0) since = performance.now();
    try {
      await p;
    } finally {
      if (--waiting === 0) writeMs += performance.now() - since;
    }
  };
  const sink = {
    node: (label: string, row: NodeRow) => timed(w.node(label, row)),
    rel: (type: string, from: string, to: string, row: RelRow) => timed(w.rel(type, from, to, row)),
    flush: () => timed(w.flush()),
  };
  const r0 = await runPipeline(path, sink, options, async () => {
    writeMsAtParse = writeMs;
    if (existing.files > 0) await dropStaticEdges(store, id);
  });
  const r = { ...r0, writeSeconds: { parse: 0, resolve: 0 } };
  r.writeSeconds.parse = writeMsAtParse / 1000;
  r.writeSeconds.resolve = (writeMs - writeMsAtParse) / 1000;
  const tWrite = performance.now();
  options.onProgress?.({ phase: 'write', done: 0, total: 1 });
  await w.flush();
  await pruneStale(store, existing, r.table, id);
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
      parse: Math.max(0, Math.round((r.seconds.parse - r.writeSeconds.parse) * 1000) / 1000),
      resolve: Math.max(0, Math.round((r.seconds.resolve - r.writeSeconds.resolve) * 1000) / 1000),
      write: Math.round(tEnd - tWrite + writeMs) / 1000,
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
