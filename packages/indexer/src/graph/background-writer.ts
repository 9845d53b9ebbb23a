import type { BulkWriter, GraphStore, NodeRow, NodeWriteOptions, RelRow } from '@cgc/core';
import type { GraphSink } from './sink.js';

/** Options of a {@link BackgroundWriter}. */
export interface BackgroundWriterOptions {
  /** Rows buffered before a flush starts (default 100k). */
  readonly flushAt?: number;
  /**
   * Relationship types the caller vouches are new (no pair stored yet, none repeated across
   * flushes): written as fresh, deferred batches, which the adapter inserts without looking pairs
   * up, possibly only when the caller calls `GraphStore.flushDeferred`.
   */
  readonly freshTypes?: ReadonlySet<string>;
  /**
   * The caller vouches that every node it writes is new (a first index): nodes are written as
   * fresh, deferred batches, which the adapter may insert once per label (see `NodeWriteOptions`).
   */
  readonly freshNodes?: boolean;
}

/**
 * A sink over the store's bulk writer whose flushes run in the background: when the
 * buffer fills, its flush starts and new rows go to a fresh buffer, so parsing and
 * linking go on while the database writes. Flushes run one after the other (a later
 * flush may hold relationships to nodes of an earlier one, or partial rows for them);
 * a caller that fills a buffer while a flush runs waits for it, so memory stays at
 * about two buffers. A failed flush fails the next call and {@link drain}.
 */
export class BackgroundWriter implements GraphSink {
  readonly #store: GraphStore;
  readonly #flushAt: number;
  readonly #fresh: ReadonlySet<string>;
  readonly #nodeOptions: NodeWriteOptions;
  #buffer: BulkWriter;
  #pending = 0;
  #tail: Promise<void> = Promise.resolve();
  // Work that runs beside the flushes (held rows going in, updates): later flushes do not wait for it.
  #side: Promise<void> = Promise.resolve();
  #sideBefore: Promise<void> = Promise.resolve();
  #failed: unknown;
  #done: BulkWriter[] = [];
  #waiting = 0;
  #since = 0;
  /** Milliseconds callers spent waiting for the database (time not overlapped with other work). */
  waitedMs = 0;
  /** Milliseconds flushes ran, overlapped or not. */
  flushMs = 0;

  constructor(store: GraphStore, options: BackgroundWriterOptions = {}) {
    this.#store = store;
    this.#flushAt = Math.max(1, options.flushAt ?? 100_000);
    this.#fresh = options.freshTypes ?? new Set();
    this.#nodeOptions = options.freshNodes ? { fresh: true, defer: true } : {};
    this.#buffer = this.#next();
  }

  /** Rows written so far (by finished flushes). */
  get written(): { nodes: number; relationships: number } {
    let nodes = 0;
    let relationships = 0;
    for (const w of this.#done) {
      nodes += w.written.nodes;
      relationships += w.written.relationships;
    }
    return { nodes, relationships };
  }

  node(label: string, row: NodeRow): Promise<void> {
    this.#check();
    // The bulk writer's own threshold is never reached: the push happens before its first await.
    void this.#buffer.node(label, row, this.#nodeOptions);
    return ++this.#pending >= this.#flushAt ? this.#rotate() : DONE;
  }

  rel(type: string, fromLabel: string, toLabel: string, row: RelRow): Promise<void> {
    this.#check();
    // Fresh rows may also wait in the adapter until the index ends (one insert per type).
    const fresh = this.#fresh.has(type);
    void this.#buffer.rel(type, fromLabel, toLabel, row, { fresh, defer: fresh });
    return ++this.#pending >= this.#flushAt ? this.#rotate() : DONE;
  }

  /** Starts writing what is buffered without waiting for it (order with later rows is kept). */
  flush(): Promise<void> {
    this.#check();
    return this.#pending > 0 ? this.#rotate() : DONE;
  }

  /**
   * Has the store insert the nodes it holds back (`freshNodes`) and the held relationships of
   * `types` once the flushes started so far are done, without waiting: the database inserts
   * them while the caller goes on (see {@link after}).
   */
  insertHeld(types: readonly string[]): void {
    void this.after(() => this.#store.flushDeferred(types));
  }

  /**
   * Runs `work` in the background once the flushes started so far are done, after earlier such
   * work but beside later flushes: held rows going in (`insertHeld`) or updates do not hold up
   * the buffers filled meanwhile (the adapter orders what depends on held rows). Waits for the
   * run before the previous one only, so that at most two runs are queued.
   */
  after(work: () => Promise<void>): Promise<void> {
    const previous = this.#side;
    const older = this.#sideBefore;
    this.#sideBefore = previous;
    this.#side = Promise.all([previous, this.#tail]).then(() => this.#run(work));
    return this.#wait(older);
  }

  /** Writes everything buffered and waits until every flush finished; throws the first failure. */
  async drain(): Promise<void> {
    if (this.#pending > 0) this.#enqueue();
    await this.#wait(this.#quiet());
  }

  /** Waits until running flushes end, without writing what is buffered or throwing (a failed run's cleanup). */
  async settle(): Promise<void> {
    await this.#quiet();
  }

  #next(): BulkWriter {
    const w = this.#store.writer({ flushAt: Number.MAX_SAFE_INTEGER });
    this.#done.push(w);
    return w;
  }

  #enqueue(): Promise<void> {
    const full = this.#buffer;
    this.#buffer = this.#next();
    this.#pending = 0;
    const previous = this.#tail;
    this.#tail = previous.then(() => this.#run(() => full.flush()));
    return previous;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    if (this.#failed !== undefined) return;
    const t = performance.now();
    try {
      await work();
    } catch (err) {
      this.#failed ??= err;
    } finally {
      this.flushMs += performance.now() - t;
    }
  }

  // The caller waits for the flush before this one only: this one runs while it goes on.
  #rotate(): Promise<void> {
    return this.#wait(this.#enqueue());
  }

  // Concurrent callers wait on the same flush: count the union of their waiting intervals.
  async #wait(p: Promise<void>): Promise<void> {
    if (this.#waiting++ === 0) this.#since = performance.now();
    try {
      await p;
    } finally {
      if (--this.#waiting === 0) this.waitedMs += performance.now() - this.#since;
    }
    this.#check();
  }

  // Until the flushes and the work beside them are done, including work either queued meanwhile.
  async #quiet(): Promise<void> {
    for (;;) {
      const tail = this.#tail;
      const side = this.#side;
      await Promise.all([tail, side]);
      if (tail === this.#tail && side === this.#side) return;
    }
  }

  #check(): void {
    if (this.#failed !== undefined) throw this.#failed;
  }
}

const DONE: Promise<void> = Promise.resolve();
