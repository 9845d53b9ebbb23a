import { basename } from 'node:path';
import { CgcError, CORE_SCHEMA, type GraphStore } from '@cgc/core';
import type { SourceFile } from '../files.js';
import { type IndexOptions, type IndexSummary, indexRepository, runIndex } from '../index-repository.js';
import { checkCancelled, moduleFor, repositoryOf } from '../pipeline.js';
import { pythonModules } from '../repo-config.js';
import type { FileState, RepoSnapshot } from './file-state.js';
import { clearDirty, isDirty, loadSnapshot, markDirty, saveSnapshot } from './file-state.js';
import { deleteByIds, readStamp } from './graph-edits.js';
import { LiveTable } from './live-table.js';
import { Recorder, recordingTable } from './recording.js';
import { scanRepository } from './scan.js';
import { IncrementalIndex } from './update.js';

/** Options of {@link indexIncremental}. */
export interface IncrementalOptions extends IndexOptions {
  /** Where per-repository snapshots are kept (the CLI uses `<home>/index-state`). */
  readonly stateDir: string;
}

/** What an incremental index run did. */
export interface IncrementalSummary {
  /** `full` when there was no usable snapshot (first index, interrupted update, other writer). */
  readonly mode: 'full' | 'incremental';
  readonly repository: { readonly id: string; readonly path: string; readonly name: string };
  readonly files: number;
  readonly added: number;
  readonly modified: number;
  readonly deleted: number;
  /** Unchanged files linked again because they read a symbol that changed. */
  readonly relinked: number;
  readonly calls: { readonly total: number; readonly resolved: number; readonly unresolved: number };
  readonly seconds: { readonly total: number };
  readonly warnings: readonly string[];
  readonly warningCount: number;
  /** The full index summary when `mode` is `full`. */
  readonly full?: IndexSummary;
}

/**
 * Opens a repository for incremental updates: from its snapshot when the graph still
 * holds exactly what the snapshot describes (same `indexed_at` stamp), otherwise by a
 * full index that converges whatever the graph held (first run, interrupted run).
 */
export async function openIncremental(
  store: GraphStore,
  path: string,
  options: IncrementalOptions,
  keep = true,
): Promise<{ index: IncrementalIndex; full?: IndexSummary }> {
  const { root, id } = await repositoryOf(path);
  await store.ensureSchema(CORE_SCHEMA);
  const [snap, stamp, dirty] = await Promise.all([
    loadSnapshot(options.stateDir, id),
    readStamp(store, id),
    isDirty(options.stateDir, id),
  ]);
  if (snap && !dirty && stamp !== undefined && stamp === snap.indexedAt && snap.root === root) {
    const index = new IncrementalIndex(snap);
    await index.prime(options.signal, options.onProgress);
    checkCancelled(options.signal, root);
    return { index };
  }
  // Linking writes unresolved calls as partial rows: clear what an earlier run left.
  if (stamp !== undefined)
    await store.write(
      'MATCH (f:Function) WHERE f.repo = $repo AND f.unresolved IS NOT NULL SET f.unresolved = NULL',
      { repo: id },
    );
  const files = new Map<string, FileState>();
  const rec = new Recorder();
  const table = recordingTable(id, rec);
  let linked: { index: IncrementalIndex; snapshot: RepoSnapshot } | undefined;
  // Not kept: the index is dropped once its snapshot is saved, and the Module nodes it uses kept.
  let used: Set<string> | undefined;
  // The Repository node's stamp, which the snapshot must carry to be trusted by the next run.
  const indexedAt = Date.now();
  // Linking runs once, on the index's own table with its reads recorded: the snapshot needs
  // them, and linking a second time for it took longer than the first on large C trees.
  const full = await runIndex(
    store,
    root,
    {
      ...options,
      onParsed: (entry, meta) => {
        // Captured now: linking later drops the entry's calls.
        files.set(entry.rel, {
          rel: entry.rel,
          hash: meta.hash,
          size: meta.size,
          lang: entry.spec.id,
          ir: entry.ir,
          calls: entry.calls!,
        });
        options.onParsed?.(entry, meta);
      },
    },
    {
      table,
      stamp: indexedAt,
      link: async (sink, config, signal) => {
        const listing = [...files.values()].map(
          (f) => ({ rel: f.rel, lang: { id: f.lang } }) as unknown as SourceFile,
        );
        const pyMods = pythonModules(listing, root);
        for (const [rel, f] of files) {
          const module = moduleFor({ rel, lang: { id: f.lang } } as unknown as SourceFile, pyMods);
          if (module !== undefined) files.set(rel, { ...f, module });
        }
        const snapshot: RepoSnapshot = {
          repo: id,
          root,
          isDependency: options.isDependency ?? false,
          indexedAt,
          config,
          files,
        };
        linked = { snapshot, index: new IncrementalIndex(snapshot, LiveTable.adopt(rec, table)) };
        return linked.index.linkAll(sink, signal, options.onProgress);
      },
      // Saved while the database takes the last writes; trusted only once the index is done
      // (until then the repository is marked dirty: an interrupted run is indexed in full again).
      whileWriting: async () => {
        if (!linked) return;
        await linked.index.prime(options.signal, options.onProgress);
        await markDirty(options.stateDir, id);
        await saveSnapshot(options.stateDir, linked.snapshot);
      },
      ...(keep
        ? {}
        : {
            release: () => {
              if (!linked) return;
              used = linked.index.usedModules();
              linked.index.release();
            },
          }),
    },
  );
  // The pipeline throws before linking (nothing parsed, cancelled) or links through the hook.
  if (!linked) throw new CgcError('INTERNAL', `indexing ${root} finished without linking`);
  const { index } = linked;
  checkCancelled(options.signal, root);
  // A full index keeps a Module node per import even when the import now resolves in the repository.
  const modules = await store.read<{ id: string }>(
    'MATCH (m:Module) WHERE m.repo = $repo RETURN m.id AS id',
    {
      repo: id,
    },
  );
  await deleteByIds(
    store,
    'Module',
    modules.map((m) => m.id).filter((m) => !(used ? used.has(m) : index.usesModule(m))),
  );
  // Trusted from now on, if the graph carries the stamp the snapshot was saved with.
  if ((await readStamp(store, id)) === indexedAt) await clearDirty(options.stateDir, id);
  return { index, full };
}

/**
 * `cgc index` on a repository: a full index the first time, then only what changed:
 * changed, added and deleted files are parsed and written again, and every unchanged
 * file whose call resolution read something that changed is linked again.
 */
export async function indexIncremental(
  store: GraphStore,
  path: string,
  options: IncrementalOptions,
): Promise<IncrementalSummary> {
  const t0 = performance.now();
  const where = await repositoryOf(path);
  const seconds = () => ({ total: Math.round(performance.now() - t0) / 1000 });
  if (where.isFile) {
    const full = await indexRepository(store, path, options);
    return fromFull(full, seconds());
  }
  // A full index here is not updated afterwards: its memory goes before the database's bulk insert.
  const { index, full } = await openIncremental(store, where.root, options, false);
  if (full) return fromFull(full, seconds());
  const warnings: string[] = [];
  let warningCount = 0;
  const warn = (m: string) => {
    warningCount++;
    if (warnings.length < 200) warnings.push(m);
  };
  const change = await scanRepository(index.snap, {
    ...options,
    warn,
  });
  checkCancelled(options.signal, where.root);
  const stats = await index.apply(store, change, options);
  await saveSnapshot(options.stateDir, index.snap);
  return {
    mode: 'incremental',
    repository: { id: where.id, path: where.root, name: basename(where.root) },
    files: index.snap.files.size,
    added: stats.added.length,
    modified: stats.modified.length,
    deleted: stats.deleted.length,
    relinked: stats.relinked,
    calls: {
      total: stats.link.calls,
      resolved: stats.link.resolvedCalls,
      unresolved: stats.link.unresolvedCalls,
    },
    seconds: seconds(),
    warnings,
    warningCount,
  };
}

function fromFull(index: IndexSummary, seconds: { total: number }): IncrementalSummary {
  // The summary's total covers the whole command: preparing the snapshot is part of it.
  const snapshot = Math.max(0, Math.round((seconds.total - index.seconds.total) * 1000) / 1000);
  const full = { ...index, seconds: { ...index.seconds, snapshot, total: seconds.total } };
  return {
    mode: 'full',
    repository: full.repository,
    files: full.files,
    added: full.files,
    modified: 0,
    deleted: 0,
    relinked: 0,
    calls: full.calls,
    seconds,
    warnings: full.warnings,
    warningCount: full.warningCount,
    full,
  };
}
