import type { FileState } from './file-state.js';

/**
 * Recorded key → files whose resolution read it, built from the files' recorded reads on first use:
 * a one-shot `cgc index` never asks, and on the Linux kernel it is millions of keys. A key's readers
 * are the file itself while there is one (most keys have a single reader, and a Set per key cost
 * ~100 bytes each on large repositories).
 */
export class ReaderIndex {
  readonly #files: () => Iterable<FileState>;
  #readers: Map<string, string | Set<string>> | undefined;

  /** `files`: every file of the repository, read when the index is first needed. */
  constructor(files: () => Iterable<FileState>) {
    this.#files = files;
  }

  /** The files that read `key`. */
  readersOf(key: string): Iterable<string> {
    const v = this.#map().get(key);
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
  }

  /** Adds a file's reads (once built; before, they are read from the file when it is). */
  add(f: FileState): void {
    if (this.#readers) addReads(this.#readers, f);
  }

  /** Removes a file's reads. */
  remove(f: FileState): void {
    const readers = this.#readers;
    if (!readers) return;
    for (const k of f.deps ?? []) {
      const now = readers.get(k);
      if (now === f.rel) readers.delete(k);
      else if (typeof now === 'object') now.delete(f.rel);
    }
  }

  #map(): Map<string, string | Set<string>> {
    if (!this.#readers) {
      const readers = new Map<string, string | Set<string>>();
      for (const f of this.#files()) addReads(readers, f);
      this.#readers = readers;
    }
    return this.#readers;
  }
}

function addReads(readers: Map<string, string | Set<string>>, f: FileState): void {
  for (const k of f.deps ?? []) {
    const now = readers.get(k);
    if (now === undefined || now === f.rel) readers.set(k, f.rel);
    else if (typeof now === 'string') readers.set(k, new Set([now, f.rel]));
    else now.add(f.rel);
  }
}
