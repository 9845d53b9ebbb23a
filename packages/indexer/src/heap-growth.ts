import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8's heap may grow past what the last full collection found live, in percent, while a
 * full index runs (`--heap-growing-percent`; 0 is V8's own choice).
 *
 * A full index keeps its symbol table until the end (about 1 GB on the Linux kernel) and links
 * with it, making garbage all along. Left to itself V8 lets a heap that size grow to about twice
 * what is live before collecting, so the kernel's heap peaked at 2.4 GB for 1.2 GB live. Growing by
 * 30 % collects sooner: the peak is about 1.3× what is live, for a few seconds more of marking
 * (docs/indexer.md has the figures).
 */
export const INDEX_HEAP_GROWTH_PERCENT = 30;

let holders = 0;
let applied = 0;

/**
 * Bounds the heap's growth to `percent` until the returned function is called. The setting is the
 * process's: concurrent indexes share the first one's, and the last to finish gives V8 its own
 * choice back. 0 changes nothing.
 */
export function boundHeapGrowth(percent: number = INDEX_HEAP_GROWTH_PERCENT): () => void {
  if (percent <= 0) return () => undefined;
  if (holders++ === 0) set(percent);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) set(0);
  };
}

function set(percent: number): void {
  applied = percent;
  setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}

/** The growth currently applied, in percent (0: V8's own choice). */
export function appliedHeapGrowth(): number {
  return applied;
}

let gc: (() => void) | undefined;

/**
 * Runs a full, compacting collection now and gives the freed pages back. Once a large structure is
 * dropped, the main thread of an index mostly waits for the database and allocates little: V8
 * would keep the dead heap until far later, and a plain collection keeps every page that still
 * holds a live object (on the Linux kernel, 1.4 GB of pages for 0.1 GB live). The function is V8's
 * `gc`, exposed for this isolate at the first call; compaction is asked for this one collection.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
