import { join, relative, sep } from 'node:path';
import { CgcError, type GraphStore, isCgcError } from '@cgc/core';
import { type FSWatcher, watch } from 'chokidar';
import type { SourceFile } from '../files.js';
import { loadGrammar } from '../grammars.js';
import { saveSnapshot } from '../incremental/file-state.js';
import { type IncrementalOptions, openIncremental } from '../incremental/index-incremental.js';
import { planChanges, scanRepository } from '../incremental/scan.js';
import type { ChangeSet, IncrementalIndex } from '../incremental/update.js';
import { languageById, languageFor } from '../languages/index.js';
import { repositoryOf } from '../pipeline.js';
import { IgnoreRules, SETTINGS_FILES } from './ignore-rules.js';

/** One batch of file changes applied to the graph. */
export interface WatchUpdate {
  readonly root: string;
  /** Paths (relative to the root) whose events formed this batch. */
  readonly paths: readonly string[];
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
  readonly relinked: number;
  /** From the first event of the batch to the graph being updated, in ms. */
  readonly latencyMs: number;
  /** Time spent updating the graph, in ms (scan, parse, link and writes). */
  readonly applyMs: number;
  /** Of which: finding and parsing changed files, in memory (table, linking), removing rows, writing rows (ms). */
  readonly phases: {
    readonly scan: number;
    readonly memory: number;
    readonly remove: number;
    readonly write: number;
  };
}

/** Options of {@link watchRepository}. */
export interface WatchOptions extends IncrementalOptions {
  /** Quiet time after the last event before applying a batch (default 50 ms). */
  readonly debounceMs?: number;
  /** Called after each batch reached the graph. */
  readonly onUpdate?: (update: WatchUpdate) => void;
  /** Called when a batch failed (the next batch re-opens the repository and converges). */
  readonly onError?: (error: CgcError) => void;
  /** Idle time before the snapshot is saved (default 2000 ms; also saved on close). */
  readonly saveAfterMs?: number;
}

/** A running watch. */
export interface RepositoryWatch {
  readonly root: string;
  /** Resolves once the initial index is done and file events are being received. */
  readonly ready: Promise<void>;
  /** Applies pending events now (tests, shutdown); resolves when the graph is updated. */
  flush(): Promise<void>;
  /** Stops watching, waits for a running batch and saves the snapshot; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Keeps a repository's graph current: indexes it (incrementally when a snapshot
 * matches the graph), then applies file changes in debounced batches through the
 * same incremental path as `cgc index`. Ignored paths never reach it (they are not
 * even watched); an editor's atomic save (write a temporary file, rename it over the
 * original, or delete and re-create) is one change of the original path, because
 * each batch compares the files on disk with the snapshot by content hash.
 */
export async function watchRepository(
  store: GraphStore,
  path: string,
  options: WatchOptions,
): Promise<RepositoryWatch> {
  const where = await repositoryOf(path);
  if (where.isFile) throw new CgcError('INVALID_INPUT', `${where.abs} is a file; watch a directory`);
  const root = where.root;
  const rules = new IgnoreRules(root, options.ignoreFiles ?? ['.gitignore', '.cgcignore']);
  const maxFileBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
  const debounceMs = options.debounceMs ?? 50;
  let index: IncrementalIndex | undefined = (await openIncremental(store, root, options)).index;
  // Batches parse on this thread: load the repository's grammars now, not on the first save.
  for (const lang of new Set([...index.snap.files.values()].map((f) => f.lang))) {
    const spec = languageById(lang);
    if (spec) await loadGrammar(spec, () => undefined);
  }
  const pending = new Set<string>();
  let rescan = false;
  let firstEventAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const relOf = (p: string) => relative(root, p).split(sep).join('/');
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Pruned before watching: node_modules and friends cost no inotify watch.
    ignored: (p, stats) => {
      const rel = relOf(p);
      if (!rel || rel.startsWith('..')) return false;
      const isDir = stats ? stats.isDirectory() : !languageFor(rel.slice(rel.lastIndexOf('/') + 1));
      if (!isDir && SETTINGS_FILES.has(rel.slice(rel.lastIndexOf('/') + 1))) return false;
      return rules.ignored(rel, isDir);
    },
  });
  const onEvent = (kind: string, p: string) => {
    if (closed) return;
    const rel = relOf(p);
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (kind === 'addDir' || kind === 'unlinkDir' || SETTINGS_FILES.has(name)) rescan = true;
    else if (languageFor(name)) pending.add(rel);
    else return;
    if (!firstEventAt) firstEventAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => void schedule(), debounceMs);
  };
  for (const kind of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const)
    watcher.on(kind, (p: string) => onEvent(kind, p));
  const ready = new Promise<void>((resolve, reject) => {
    watcher.once('ready', () => resolve());
    watcher.once('error', (err) => reject(err));
  });
  watcher.on('error', (err) =>
    options.onError?.(
      new CgcError('UNSUPPORTED', `watching ${root}: ${(err as Error).message}`, { cause: err }),
    ),
  );

  const schedule = (): Promise<void> => {
    running = running.then(batch);
    return running;
  };

  async function batch(): Promise<void> {
    if (!pending.size && !rescan) return;
    const paths = [...pending].sort();
    const full = rescan;
    const t0 = firstEventAt || performance.now();
    pending.clear();
    rescan = false;
    firstEventAt = 0;
    try {
      index ??= (await openIncremental(store, root, options)).index;
      const ix = index;
      const tApply = performance.now();
      let change: ChangeSet;
      if (full) {
        rules.reset();
        change = await scanRepository(ix.snap, options);
      } else {
        const listing = new Map<string, SourceFile>();
        for (const st of ix.snap.files.values()) {
          const lang = languageFor(st.rel.slice(st.rel.lastIndexOf('/') + 1));
          if (lang) listing.set(st.rel, { abs: join(root, st.rel), rel: st.rel, size: st.size, lang });
        }
        for (const rel of paths) {
          const f = rules.sourceFile(rel, maxFileBytes);
          if (f) listing.set(rel, f);
          else listing.delete(rel);
        }
        change = await planChanges(
          ix.snap,
          [...listing.values()].sort((a, b) => (a.rel < b.rel ? -1 : 1)),
          {
            ...options,
            suspects: new Set(paths),
          },
        );
      }
      if (!change.parsed.size && !change.deleted.size && !change.config) return;
      const scanMs = Math.round(performance.now() - tApply);
      const stats = await ix.apply(store, change, {
        stateDir: options.stateDir,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const now = performance.now();
      options.onUpdate?.({
        root,
        paths,
        added: stats.added,
        modified: stats.modified,
        deleted: stats.deleted,
        relinked: stats.relinked,
        latencyMs: Math.round(now - t0),
        applyMs: Math.round(now - tApply),
        phases: { scan: scanMs, ...stats.ms },
      });
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void save(), options.saveAfterMs ?? 2000);
      saveTimer.unref();
    } catch (err) {
      // The in-memory state may be half-updated: drop it; the graph stamp tells the next batch what to do.
      index = undefined;
      rescan = true;
      const e = isCgcError(err)
        ? err
        : new CgcError('INTERNAL', `updating ${root} failed: ${(err as Error).message}`, { cause: err });
      options.onError?.(e);
    }
  }

  async function save(): Promise<void> {
    if (index) await saveSnapshot(options.stateDir, index.snap).catch(() => undefined);
  }

  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    clearTimeout(saveTimer);
    await watcher.close();
    await running;
    await save();
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  await ready;
  return {
    root,
    ready,
    flush: async () => {
      clearTimeout(timer);
      await schedule();
    },
    close,
  };
}
