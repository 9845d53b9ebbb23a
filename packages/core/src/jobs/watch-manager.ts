import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CgcError } from '../errors.js';
import type { JobSnapshot } from './job-manager.js';

/** A watched directory as reported to users. */
export interface WatchedPath {
  readonly path: string;
  readonly since: string;
  /** File changes seen (ignored directories excluded). */
  readonly changes: number;
  readonly lastChangeAt?: string;
  /** The last re-index job this watch started. */
  readonly lastJobId?: string;
  /** Set when the watch broke (directory removed, initial index failed…); it no longer reacts. */
  readonly error?: string;
  /** `incremental`: changed files are applied as they come; `reindex`: each burst re-indexes the folder. */
  readonly mode: 'incremental' | 'reindex';
  /** False while an incremental watch still runs its initial index (job `lastJobId`). */
  readonly ready: boolean;
  /** Batches of changes an incremental watch applied to the graph. */
  readonly updates?: number;
  /** The last batch an incremental watch applied. */
  readonly lastUpdate?: {
    readonly at: string;
    readonly added: number;
    readonly modified: number;
    readonly deleted: number;
    readonly latencyMs: number;
  };
  /** The last batch that failed (the watch goes on; the next batch converges). */
  readonly lastError?: string;
}

/** A running incremental watch, closed on unwatch. */
export interface WatchHandle {
  close(): Promise<void>;
}

/** How an incremental watch reports to its {@link WatchManager}. */
export interface IncrementalWatchHooks {
  /** Aborted by unwatch and close: stop the initial index and the watch. */
  readonly signal: AbortSignal;
  /** The watch runs: it is closed when unwatched (at once when that already happened). */
  attach(handle: WatchHandle): void;
  /** A batch of changes reached the graph. */
  updated(update: { added: number; modified: number; deleted: number; latencyMs: number }): void;
  /** A batch failed; the watch goes on. */
  failedBatch(message: string): void;
  /** The watch could not start; it stays listed with the error until unwatched or watched again. */
  broke(message: string): void;
}

/** Starts an incremental watch in a job (indexing first) and returns that job. */
export type IncrementalStarter = (hooks: IncrementalWatchHooks) => JobSnapshot;

/** Starts the re-index of a watched path; returns its job. */
export type ReindexStarter = () => JobSnapshot;
/** Looks up a job's current state. */
export type JobLookup = (id: string) => JobSnapshot | undefined;

/** Options of {@link WatchManager}. */
export interface WatchManagerOptions {
  /** Quiet time after the last change before re-indexing (default 1000 ms). */
  readonly debounceMs?: number;
  /** Directory names whose changes never trigger a re-index. */
  readonly ignoreDirs?: readonly string[];
}

const IGNORED = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  '.cgc',
  '.turbo',
  '.next',
  'coverage',
];

interface Watch {
  path: string;
  since: number;
  changes: number;
  lastChangeAt?: number;
  lastJobId?: string;
  error?: string;
  /** Re-index mode: a node fs watcher and the job starter. */
  watcher?: FSWatcher;
  start?: ReindexStarter;
  timer?: NodeJS.Timeout;
  /** Incremental mode: the watch's lifetime and its handle once started. */
  controller?: AbortController;
  handle?: WatchHandle;
  updates: number;
  lastUpdate?: { at: number; added: number; modified: number; deleted: number; latencyMs: number };
  lastError?: string;
}

/**
 * Watches directories. Incremental watches (the host's indexer applies changed files as
 * they come) are tracked here for listing and stopping. Without one, a directory is
 * re-indexed after its changes settle: one re-index per burst, a burst arriving while a
 * re-index is still queued is covered by it, one arriving while it runs queues exactly one more.
 */
export class WatchManager {
  readonly #watches = new Map<string, Watch>();
  readonly #job: JobLookup;
  readonly #debounceMs: number;
  readonly #ignored: ReadonlySet<string>;

  constructor(job: JobLookup, options: WatchManagerOptions = {}) {
    this.#job = job;
    this.#debounceMs = options.debounceMs ?? 1000;
    this.#ignored = new Set(options.ignoreDirs ?? IGNORED);
  }

  /** True when `path` is watched. */
  has(path: string): boolean {
    return this.#watches.has(resolve(path));
  }

  /**
   * Starts watching a directory; `start` runs its re-index after each burst of changes.
   * Throws NOT_FOUND / INVALID_INPUT for a missing path or a file.
   */
  async watch(path: string, start: ReindexStarter): Promise<WatchedPath> {
    const abs = resolve(path);
    const existing = this.#watches.get(abs);
    if (existing) return this.#view(existing);
    await assertDirectory(abs);
    let watcher: FSWatcher;
    try {
      watcher = watch(abs, { recursive: true, persistent: false });
    } catch (err) {
      throw new CgcError('UNSUPPORTED', `cannot watch ${abs}: ${(err as Error).message}`, { cause: err });
    }
    const w: Watch = { path: abs, since: Date.now(), changes: 0, watcher, start, updates: 0 };
    watcher.on('change', (_event, name) =>
      this.#changed(w, typeof name === 'string' ? name : String(name ?? '')),
    );
    watcher.on('error', (err) => {
      w.error = err.message;
      clearTimeout(w.timer);
      watcher.close();
    });
    this.#watches.set(abs, w);
    return this.#view(w);
  }

  /**
   * Starts an incremental watch: `begin` starts the job that indexes the directory and
   * opens the watch, reporting through the hooks. Throws NOT_FOUND / INVALID_INPUT for a
   * missing path or a file; a path already watched is returned as it is.
   */
  async watchIncremental(path: string, begin: IncrementalStarter): Promise<WatchedPath> {
    const abs = resolve(path);
    const existing = this.#watches.get(abs);
    if (existing) return this.#view(existing);
    await assertDirectory(abs);
    const again = this.#watches.get(abs);
    if (again) return this.#view(again);
    const controller = new AbortController();
    const w: Watch = { path: abs, since: Date.now(), changes: 0, controller, updates: 0 };
    this.#watches.set(abs, w);
    const hooks: IncrementalWatchHooks = {
      signal: controller.signal,
      attach: (handle) => {
        if (controller.signal.aborted) void handle.close().catch(() => undefined);
        else w.handle = handle;
      },
      updated: (u) => {
        const files = u.added + u.modified + u.deleted;
        w.updates++;
        w.changes += files;
        w.lastChangeAt = Date.now();
        w.lastUpdate = { at: w.lastChangeAt, ...u };
        delete w.lastError;
      },
      failedBatch: (message) => {
        w.lastError = message;
      },
      broke: (message) => {
        w.error = message;
      },
    };
    try {
      w.lastJobId = begin(hooks).id;
    } catch (err) {
      this.#watches.delete(abs);
      controller.abort();
      throw err;
    }
    return this.#view(w);
  }

  /** Stops watching; returns false when the path was not watched. The graph is left as it is. */
  unwatch(path: string): boolean {
    const abs = resolve(path);
    const w = this.#watches.get(abs);
    if (!w) return false;
    this.#watches.delete(abs);
    void this.#stop(w);
    return true;
  }

  /** Like {@link unwatch}, resolving once the watch has stopped (an incremental batch in progress finished). */
  async stop(path: string): Promise<boolean> {
    const abs = resolve(path);
    const w = this.#watches.get(abs);
    if (!w) return false;
    this.#watches.delete(abs);
    await this.#stop(w);
    return true;
  }

  /** Every watched directory. */
  list(): WatchedPath[] {
    return [...this.#watches.values()].map((w) => this.#view(w)).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Stops every watch and waits for them; safe to call twice. */
  async close(): Promise<void> {
    const all = [...this.#watches.values()];
    this.#watches.clear();
    await Promise.all(all.map((w) => this.#stop(w)));
  }

  async #stop(w: Watch): Promise<void> {
    clearTimeout(w.timer);
    w.watcher?.close();
    w.controller?.abort();
    await w.handle?.close().catch(() => undefined);
  }

  #changed(w: Watch, name: string): void {
    if (w.error) return;
    if (name.split(/[\\/]/).some((part) => this.#ignored.has(part))) return;
    w.changes++;
    w.lastChangeAt = Date.now();
    clearTimeout(w.timer);
    w.timer = setTimeout(() => this.#reindex(w), this.#debounceMs);
    w.timer.unref();
  }

  #reindex(w: Watch): void {
    if (!this.#watches.has(w.path)) return;
    const last = w.lastJobId ? this.#job(w.lastJobId) : undefined;
    if (last?.state === 'queued') return;
    try {
      w.lastJobId = w.start!().id;
    } catch (err) {
      w.error = (err as Error).message;
    }
  }

  #view(w: Watch): WatchedPath {
    return {
      path: w.path,
      since: new Date(w.since).toISOString(),
      changes: w.changes,
      ...(w.lastChangeAt === undefined ? {} : { lastChangeAt: new Date(w.lastChangeAt).toISOString() }),
      ...(w.lastJobId === undefined ? {} : { lastJobId: w.lastJobId }),
      ...(w.error === undefined ? {} : { error: w.error }),
      mode: w.controller ? 'incremental' : 'reindex',
      ready: w.controller ? w.handle !== undefined : !w.error,
      ...(w.controller ? { updates: w.updates } : {}),
      ...(w.lastUpdate
        ? { lastUpdate: { ...w.lastUpdate, at: new Date(w.lastUpdate.at).toISOString() } }
        : {}),
      ...(w.lastError === undefined ? {} : { lastError: w.lastError }),
    };
  }
}

// Only directories can be watched: NOT_FOUND for a missing path, INVALID_INPUT for a file.
async function assertDirectory(abs: string): Promise<void> {
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new CgcError('NOT_FOUND', `path not found: ${abs}`);
  if (!info.isDirectory())
    throw new CgcError('INVALID_INPUT', `${abs} is not a directory; only directories can be watched`);
}
