import { closeSync, openSync, rmSync } from 'node:fs';
import type { BatchCopier } from './batch-copy.js';

/** One load file collecting held rows. */
export interface LoadFile {
  readonly file: string;
  readonly fd: number;
  rows: number;
}

/**
 * The load files of held rows: one open file per key (table, labels, column set), plus closed
 * files given back after a failed insert, which go first at the next `drain`.
 */
export class LoadFiles<F extends LoadFile> {
  readonly #copier: BatchCopier;
  readonly #files = new Map<string, F>();
  #returned: F[] = [];

  constructor(copier: BatchCopier) {
    this.#copier = copier;
  }

  /** Whether a file (one that `match` selects, when given) holds rows. */
  has(match?: (f: F) => boolean): boolean {
    if (!match) return this.#files.size > 0 || this.#returned.length > 0;
    for (const f of this.#returned) if (match(f)) return true;
    for (const f of this.#files.values()) if (match(f)) return true;
    return false;
  }

  /** The file of `key`, opened and described by `create` the first time. */
  open(key: string, create: (file: string, fd: number) => F): F {
    let f = this.#files.get(key);
    if (!f) {
      const file = this.#copier.file();
      f = create(file, openSync(file, 'w'));
      this.#files.set(key, f);
    }
    return f;
  }

  /** The files `match` selects, in insert order. */
  list(match: (f: F) => boolean): F[] {
    return [...this.#returned, ...this.#files.values()].filter(match);
  }

  /**
   * Replaces the files `match` selects by what `rewrite` makes of each (closed first: later rows
   * start new files, inserted after these). A failed rewrite keeps the file as it was.
   */
  async rewrite(match: (f: F) => boolean, rewrite: (f: F) => Promise<F>): Promise<void> {
    const files = this.#take(match);
    const next: F[] = [];
    try {
      for (const f of files) next.push(await rewrite(f));
    } finally {
      this.#returned = [...next, ...files.slice(next.length), ...this.#returned];
    }
  }

  /**
   * Takes out the files `match` selects (all when absent), kept ones first, and closes them:
   * later rows start new files.
   */
  #take(match?: (f: F) => boolean): F[] {
    const out = this.#returned.filter((f) => !match || match(f));
    this.#returned = this.#returned.filter((f) => !out.includes(f));
    const opened: F[] = [];
    for (const [k, f] of this.#files) {
      if (match && !match(f)) continue;
      opened.push(f);
      this.#files.delete(k);
    }
    for (const f of opened) closeSync(f.fd);
    return [...out, ...opened];
  }

  /**
   * Takes the files `match` selects and stores each with `insert`, deleting it once stored. When
   * an insert fails, the file that failed and those after it are kept for the next `drain` (ahead
   * of any file opened since, so rows keep their order) and the error is rethrown: a retry stores
   * them, nothing is lost. `insert` must tolerate rows it stored before failing. An error no retry
   * can get past (`hopeless`, say a COPY larger than the buffer pool) drops the files instead: kept,
   * they would fail every later read, which first inserts what is held.
   */
  async drain(
    insert: (f: F) => Promise<void>,
    match?: (f: F) => boolean,
    hopeless: (err: unknown) => boolean = () => false,
  ): Promise<void> {
    const files = this.#take(match);
    let stored = 0;
    try {
      for (const f of files) {
        await insert(f);
        rmSync(f.file, { force: true });
        stored++;
      }
    } catch (err) {
      if (hopeless(err)) {
        for (const f of files.slice(stored)) rmSync(f.file, { force: true });
        stored = files.length;
      }
      throw err;
    } finally {
      if (stored < files.length) this.#returned = [...files.slice(stored), ...this.#returned];
    }
  }

  /** Drops every file (the database is closing after a failure). */
  discard(): void {
    for (const f of this.#take()) rmSync(f.file, { force: true });
  }
}
