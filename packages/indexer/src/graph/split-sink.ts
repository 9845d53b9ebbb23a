import type { BulkWriter, GraphStore, NodeRow, RelRow } from '@cgc/core';
import type { BackgroundWriter } from './background-writer.js';
import type { GraphSink } from './sink.js';

// CONTAINS from these labels: a few rows per file, written apart from the bulk.
const DEFERRED_FROM = new Set(['Repository', 'Directory', 'Class', 'Function']);
// Edges linking writes a few of, which the adapter looks up (not fresh): in a bulk flush they would
// wait, and linking with them, for whatever the database is inserting at the time.
const LATE_TYPES = new Set(['INHERITS', 'IMPLEMENTS', 'INCLUDES', 'HANDLED_BY']);

/**
 * Routes the low-volume rows (directories, modules, class hierarchy and route edges, and CONTAINS
 * edges whose both ends were written before: repository and directory children, nested classes,
 * methods, closures) to a
 * writer flushed once at the end, so that every background flush does not pay a few
 * small statements per such label and type (on the Linux kernel, 43 flushes × 10 types).
 * A very large repository flushes them earlier, after the bulk so that their ends exist.
 */
export class SplitSink implements GraphSink {
  readonly #bulk: BackgroundWriter;
  readonly #store: GraphStore;
  readonly #max: number;
  #small: BulkWriter;
  #pending = 0;
  #updates: BulkWriter;
  #updatesPending = 0;
  readonly #updatesMax: number;
  readonly #written = { nodes: 0, relationships: 0 };

  readonly #fresh: boolean;

  /** `fresh`: no CONTAINS edge of the repository is stored yet (see `BackgroundWriterOptions.freshTypes`). */
  constructor(
    store: GraphStore,
    bulk: BackgroundWriter,
    options: { max?: number; fresh?: boolean; updatesMax?: number } = {},
  ) {
    this.#store = store;
    this.#bulk = bulk;
    this.#max = options.max ?? 200_000;
    this.#fresh = options.fresh ?? false;
    this.#small = store.writer({ flushAt: Number.MAX_SAFE_INTEGER });
    this.#updates = store.writer({ flushAt: Number.MAX_SAFE_INTEGER });
    this.#updatesMax = options.updatesMax ?? 400_000;
  }

  /** Rows written so far by both writers. */
  get written(): { nodes: number; relationships: number } {
    const bulk = this.#bulk.written;
    return {
      nodes: bulk.nodes + this.#written.nodes + this.#small.written.nodes,
      relationships: bulk.relationships + this.#written.relationships + this.#small.written.relationships,
    };
  }

  node(label: string, row: NodeRow): Promise<void> {
    if (isCallsUpdate(label, row)) {
      void this.#updates.node(label, row);
      return ++this.#updatesPending >= this.#updatesMax ? this.#flushUpdates() : DONE;
    }
    // Modules (import targets outside the repository) appear a few at a time while linking; on a
    // first index the IMPORTS edges to them are deferred to the very end, so they can wait too.
    if (label !== 'Directory' && !(label === 'Module' && this.#fresh)) return this.#bulk.node(label, row);
    void this.#small.node(label, row);
    return this.#count();
  }

  rel(type: string, fromLabel: string, toLabel: string, row: RelRow): Promise<void> {
    if (LATE_TYPES.has(type)) {
      void this.#small.rel(type, fromLabel, toLabel, row);
      return this.#count();
    }
    if (type !== 'CONTAINS' || !DEFERRED_FROM.has(fromLabel))
      return this.#bulk.rel(type, fromLabel, toLabel, row);
    void this.#small.rel(type, fromLabel, toLabel, row, { fresh: this.#fresh, defer: this.#fresh });
    return this.#count();
  }

  flush(): Promise<void> {
    return this.#bulk.flush();
  }

  /** Writes everything: the bulk first (the small rows' ends), then the small rows. */
  async drain(): Promise<void> {
    // Rows arriving meanwhile go to a fresh buffer: their ends may still be unwritten.
    const small = this.#small;
    this.#small = this.#store.writer({ flushAt: Number.MAX_SAFE_INTEGER });
    this.#pending = 0;
    await this.#bulk.drain();
    await small.flush();
    this.#written.nodes += small.written.nodes;
    this.#written.relationships += small.written.relationships;
    await this.#flushUpdates();
    await this.#bulk.drain();
  }

  // After the bulk rows queued so far, which hold the functions these rows update; in the
  // background, so that linking goes on while the database updates.
  #flushUpdates(): Promise<void> {
    const updates = this.#updates;
    this.#updates = this.#store.writer({ flushAt: Number.MAX_SAFE_INTEGER });
    this.#updatesPending = 0;
    return this.#bulk.after(async () => {
      await updates.flush();
      this.#written.nodes += updates.written.nodes;
    });
  }

  /** See {@link BackgroundWriter.settle}. */
  settle(): Promise<void> {
    return this.#bulk.settle();
  }

  #count(): Promise<void> {
    return ++this.#pending >= this.#max ? this.drain() : DONE;
  }
}

/**
 * A function's unresolved calls, known only once the whole repository is linked: an update of
 * nodes written long before. Kuzu updates a batch by joining it with the whole table, so these
 * rows are written in a few large batches instead of one per background flush (20 on the kernel).
 */
function isCallsUpdate(label: string, row: NodeRow): boolean {
  if (label !== 'Function' || row.unresolved === undefined) return false;
  let n = 0;
  for (const _ in row) n++;
  return n === 2;
}

const DONE: Promise<void> = Promise.resolve();
