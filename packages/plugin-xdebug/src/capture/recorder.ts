import type { FrameInfo, StackLevel } from './chain-builder.js';

/** Facts about one PHP request (a DBGp session or one trace file). */
export interface RequestInfo {
  readonly id: string;
  readonly source: 'dbgp' | 'trace';
  url?: string;
  method?: string;
  trigger?: string;
  readonly ideKey?: string;
  readonly appId?: string;
  script?: string;
  /** How calls were captured: `step`, `breakpoints:<n>` or `trace`. */
  strategy?: string;
  readonly startedAt: number;
  endedAt?: number;
  calls: number;
  status?: string;
  reason?: string;
}

/** Pending observations of one frame. */
export interface PendingFrame {
  readonly frame: FrameInfo;
  ownFile: string;
  ownLine: number;
  delta: number;
  first: number;
  last: number;
}

/** Pending observations of one chain. */
export interface PendingChain {
  readonly hash: string;
  readonly frames: readonly FrameInfo[];
  delta: number;
  first: number;
  last: number;
}

/** Pending observations of a callee frame called by a caller frame. */
export interface PendingEdge {
  readonly callee: string;
  readonly caller: string;
  /** Nearest non-internal ancestor, for function-level CALLS marking. */
  readonly effectiveCaller: string | undefined;
  delta: number;
  first: number;
  last: number;
}

/** Everything observed since the last flush. */
export interface CaptureBatch {
  readonly frames: Map<string, PendingFrame>;
  readonly chains: Map<string, PendingChain>;
  readonly edges: Map<string, PendingEdge>;
  readonly requestChains: Map<string, { request: string; chain: string; delta: number }>;
  readonly requests: Map<string, RequestInfo>;
  calls: number;
}

/** Where batches go (the graph writer). */
export interface BatchSink {
  write(batch: CaptureBatch): Promise<void>;
}

function emptyBatch(): CaptureBatch {
  return {
    frames: new Map(),
    chains: new Map(),
    edges: new Map(),
    requestChains: new Map(),
    requests: new Map(),
    calls: 0,
  };
}

/**
 * Aggregates call observations from any number of concurrent sessions into one
 * pending batch (single-threaded, so no observation is lost or double counted)
 * and hands batches to the sink one at a time, in order.
 */
export class CallRecorder {
  readonly #sink: BatchSink;
  readonly #maxPending: number;
  #batch = emptyBatch();
  #pending = 0;
  #flushing: Promise<void> = Promise.resolve();
  #lastError: Error | undefined;
  /** Totals since start. */
  readonly totals = { calls: 0, flushes: 0, failedFlushes: 0 };

  constructor(sink: BatchSink, options: { maxPending?: number } = {}) {
    this.#sink = sink;
    this.#maxPending = options.maxPending ?? 20_000;
  }

  /** The last flush failure, if any. */
  get lastError(): Error | undefined {
    return this.#lastError;
  }

  /** True when the pending batch is large enough that callers should await {@link flush}. */
  get full(): boolean {
    return this.#pending >= this.#maxPending;
  }

  /** Registers or updates a request so it is written with the next batch. */
  request(info: RequestInfo): void {
    this.#batch.requests.set(info.id, info);
  }

  /**
   * Records one call: the top of `stack` was entered from the level below it.
   * `callerIndex` is the nearest non-internal ancestor (for function-level CALLS), the parent by default.
   */
  call(
    stack: readonly StackLevel[],
    requestId: string | undefined,
    at: number,
    callerIndex = stack.length - 2,
  ): void {
    const top = stack[stack.length - 1];
    if (!top) return;
    const b = this.#batch;
    b.calls++;
    this.totals.calls++;
    const f = b.frames.get(top.frame.id);
    if (f) {
      f.delta++;
      f.last = at;
      if (!f.ownFile && top.ownFile) {
        f.ownFile = top.ownFile;
        f.ownLine = top.ownLine;
      }
    } else {
      b.frames.set(top.frame.id, {
        frame: top.frame,
        ownFile: top.ownFile,
        ownLine: top.ownLine,
        delta: 1,
        first: at,
        last: at,
      });
      this.#pending++;
    }
    const c = b.chains.get(top.chainHash);
    if (c) {
      c.delta++;
      c.last = at;
    } else {
      b.chains.set(top.chainHash, {
        hash: top.chainHash,
        frames: stack.map((l) => l.frame),
        delta: 1,
        first: at,
        last: at,
      });
      this.#pending++;
    }
    const parent = stack[stack.length - 2];
    const effective = callerIndex >= 0 ? stack[callerIndex] : undefined;
    if (parent) {
      // Callers also appear as frames of the batch so the edge has both ends.
      this.#touch(parent, at);
      if (effective && effective !== parent) this.#touch(effective, at);
      const key = `${top.frame.id}>${parent.frame.id}`;
      const e = b.edges.get(key);
      if (e) {
        e.delta++;
        e.last = at;
      } else {
        b.edges.set(key, {
          callee: top.frame.id,
          caller: parent.frame.id,
          effectiveCaller: effective?.frame.id,
          delta: 1,
          first: at,
          last: at,
        });
        this.#pending++;
      }
    }
    if (requestId) {
      const key = `${requestId}|${top.chainHash}`;
      const rc = b.requestChains.get(key);
      if (rc) rc.delta++;
      else {
        b.requestChains.set(key, { request: requestId, chain: top.chainHash, delta: 1 });
        this.#pending++;
      }
      const r = b.requests.get(requestId);
      if (r) r.calls++;
    }
  }

  #touch(level: StackLevel, at: number): void {
    const f = this.#batch.frames.get(level.frame.id);
    if (f) {
      if (!f.ownFile && level.ownFile) {
        f.ownFile = level.ownFile;
        f.ownLine = level.ownLine;
      }
      return;
    }
    this.#batch.frames.set(level.frame.id, {
      frame: level.frame,
      ownFile: level.ownFile,
      ownLine: level.ownLine,
      delta: 0,
      first: at,
      last: at,
    });
    this.#pending++;
  }

  /** Learns where a frame runs (its file and line) after it was recorded, e.g. from a child's call site. */
  position(level: StackLevel): void {
    const f = this.#batch.frames.get(level.frame.id);
    if (f && !f.ownFile && level.ownFile) {
      f.ownFile = level.ownFile;
      f.ownLine = level.ownLine;
    }
  }

  /** Writes everything pending; concurrent calls queue behind each other. Rejects if this flush failed. */
  flush(): Promise<void> {
    const batch = this.#batch;
    this.#batch = emptyBatch();
    // Requests stay registered so later calls of a still-running session keep counting.
    for (const [id, r] of batch.requests) if (r.endedAt === undefined) this.#batch.requests.set(id, r);
    this.#pending = 0;
    const run = this.#flushing.then(async () => {
      if (batch.calls === 0 && batch.requests.size === 0) return;
      try {
        await this.#sink.write(batch);
        this.totals.flushes++;
      } catch (err) {
        this.totals.failedFlushes++;
        this.#lastError = err instanceof Error ? err : new Error(String(err));
        throw err;
      }
    });
    this.#flushing = run.catch(() => undefined);
    return run;
  }
}
