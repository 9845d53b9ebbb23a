import { closeSync, openSync, rmSync } from 'node:fs';
import type { BatchCopier } from './batch-copy.js';

/** One load file collecting held rows. */
export interface LoadFile {
  readonly file: string;
  readonly fd: number;
  rows: number;
}

/** The open load files of held rows, one per key (table, labels, column set). */
export class LoadFiles<F extends LoadFile> {
  readonly #copier: BatchCopier;
  readonly #files = new Map<string, F>();

  constructor(copier: BatchCopier) {
    this.#copier = copier;
  }

  /** Whether a file (one that `match` selects, when given) holds rows. */
  has(match?: (f: F) => boolean): boolean {
    if (!match) return this.#files.size > 0;
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

  /** Takes out and closes the files `match` selects (all when absent): later rows start new files. */
  take(match?: (f: F) => boolean): F[] {
    const out: F[] = [];
    for (const [k, f] of this.#files) {
      if (match && !match(f)) continue;
      out.push(f);
      this.#files.delete(k);
    }
    for (const f of out) closeSync(f.fd);
    return out;
  }

  /** Drops every file (the database is closing after a failure). */
  discard(): void {
    for (const f of this.take()) rmSync(f.file, { force: true });
  }
}
