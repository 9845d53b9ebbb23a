import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackedHashes } from './row-set.js';

// Closes a spool's file once nothing refers to it any more.
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to give back.
  }
});

/**
 * A temporary file that keeps packed row hashes out of memory. A first index links every file and
 * keeps, per file, the hashes of what its linking wrote until the snapshot is saved: hundreds of
 * megabytes on the Linux kernel, read back once. The file is removed as soon as it is open
 * (POSIX), so nothing is left behind whatever happens to the process; the system frees its space
 * when the last {@link SpooledHashes} of it is collected.
 */
export class HashSpool {
  readonly #fd: number;
  #size = 0;

  constructor(dir: string = tmpdir()) {
    const path = join(
      dir,
      `cgc-links-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    );
    this.#fd = openSync(path, 'w+', 0o600);
    try {
      unlinkSync(path);
    } catch {
      // Windows keeps open files: removed when the process ends instead.
      process.once('exit', () => {
        try {
          closeSync(this.#fd);
          unlinkSync(path);
        } catch {
          // Gone already.
        }
      });
    }
    closer.register(this, this.#fd);
  }

  /** Appends packed hashes; returns where they are. */
  put(packed: PackedHashes): SpooledHashes {
    const at = this.#size;
    for (let done = 0; done < packed.length; )
      done += writeSync(this.#fd, packed, done, packed.length - done, at + done);
    this.#size += packed.length;
    return new SpooledHashes(this, at, packed.length);
  }

  /** Reads back a range written by {@link put}. */
  read(at: number, length: number): PackedHashes {
    const out = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = readSync(this.#fd, out, done, length - done, at + done);
      if (n === 0) throw new Error(`link hash spool ended at ${at + done} of ${at + length}`);
      done += n;
    }
    return out;
  }
}

/** Packed row hashes kept in a {@link HashSpool}. */
export class SpooledHashes {
  constructor(
    readonly spool: HashSpool,
    readonly at: number,
    readonly length: number,
  ) {}

  read(): PackedHashes {
    return this.spool.read(this.at, this.length);
  }
}

/** Packed hashes in memory, whether they were spooled or not. */
export function inMemory(p: PackedHashes | SpooledHashes | undefined): PackedHashes | undefined {
  return p instanceof SpooledHashes ? p.read() : p;
}
