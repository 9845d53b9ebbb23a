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
  /** Set when the watch broke (directory removed…); it no longer reacts. */
  readonly error?: string;
}

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
  watcher: FSWatcher;
  start: ReindexStarter;
  timer?: NodeJS.Timeout;
}

/**
 * Watches directories and re-indexes each after its changes settle. One watcher per
 * directory, one re-index per burst of changes: a burst arriving while a re-index is
 * still queued is covered by it, one arriving while it runs queues exactly one more.
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
    const info = await stat(abs).catch(() => undefined);
    if (!info) throw new CgcError('NOT_FOUND', `path not found: ${abs}`);
    if (!info.isDirectory())
      throw new CgcError('INVALID_INPUT', `${abs} is not a directory; only directories can be watched`);
    let watcher: FSWatcher;
    try {
      watcher = watch(abs, { recursive: true, persistent: false });
    } catch (err) {
      throw new CgcError('UNSUPPORTED', `cannot watch ${abs}: ${(err as Error).message}`, { cause: err });
    }
    const w: Watch = { path: abs, since: Date.now(), changes: 0, watcher, start };
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

  /** Stops watching; returns false when the path was not watched. The graph is left as it is. */
  unwatch(path: string): boolean {
    const abs = resolve(path);
    const w = this.#watches.get(abs);
    if (!w) return false;
    clearTimeout(w.timer);
    w.watcher.close();
    this.#watches.delete(abs);
    return true;
  }

  /** Every watched directory. */
  list(): WatchedPath[] {
    return [...this.#watches.values()].map((w) => this.#view(w)).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Stops every watch; safe to call twice. */
  close(): void {
    for (const p of [...this.#watches.keys()]) this.unwatch(p);
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
      w.lastJobId = w.start().id;
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
    };
  }
}
