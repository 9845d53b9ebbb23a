import { type GraphStore, isCgcError, type Logger } from '@cgc/core';
import { FunctionIndex } from './function-index.js';
import { loadFunctionIndex } from './load-index.js';
import { pruneSpans } from './retention.js';
import type { OtelSettings } from './settings.js';
import type { SpanRecord } from './span-record.js';
import { type PlanMemo, SpanWriter, type WritePlan } from './span-writer.js';

/** Why spans were not taken: the queue is full, or the database cannot be written. */
export type Refusal = { readonly reason: 'full' | 'unavailable'; readonly retryAfterS: number };

interface Item {
  readonly spans: SpanRecord[];
  readonly receivedAt: number;
}

/** Counters reported by `cgc otel status` and the status tool. */
export interface PipelineStatus {
  readonly running: boolean;
  readonly dbHealthy: boolean;
  readonly queueDepth: number;
  readonly queueCapacity: number;
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Spans refused after decoding (a full queue refuses whole requests before decoding them). */
  readonly refused: number;
  /** Requests answered "retry later", whether decoded or not. */
  readonly refusedRequests: number;
  readonly dropped: number;
  readonly written: number;
  readonly redelivered: number;
  readonly spansPerSecond: number;
  readonly lagMs: { readonly last: number; readonly max: number };
  readonly correlation: {
    readonly matched: Record<string, number>;
    readonly unmatched: number;
    readonly rate: number;
  };
  readonly functionsIndexed: number;
  readonly linker: Record<string, number>;
  readonly lastError?: string;
}

/**
 * A bounded queue of accepted spans and the one loop that writes them. Receivers
 * `offer` decoded spans and get a refusal (answer "retry later") when the queue is
 * full or the database is failing; once accepted, a batch stays queued until it is
 * written, so a database outage delays spans but loses none.
 */
export class IngestPipeline {
  readonly writer: SpanWriter;
  readonly #store: GraphStore;
  readonly #s: OtelSettings;
  readonly #log: Logger;
  #queue: Item[] = [];
  #depth = 0;
  #index = new FunctionIndex([]);
  #indexAt = 0;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #healthy = true;
  #lastError: string | undefined;
  #retentionAt = 0;
  readonly #rate: { t: number; n: number }[] = [];
  readonly #c = {
    received: 0,
    accepted: 0,
    rejected: 0,
    refused: 0,
    refusedRequests: 0,
    dropped: 0,
    written: 0,
    redelivered: 0,
    unmatched: 0,
  };
  readonly #matched: Record<string, number> = {};
  readonly #lag = { last: 0, max: 0 };

  constructor(store: GraphStore, settings: OtelSettings, logger: Logger) {
    this.#store = store;
    this.#s = settings;
    this.#log = logger;
    this.writer = new SpanWriter({
      store,
      logger,
      index: () => this.#index,
      pathMappings: settings.pathMappings,
      singleWriter: store.adapter.capabilities.embedded,
    });
  }

  /** Starts the write loop (loads the correlation index first when the database answers). */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#refreshIndex(true);
    this.#loop = this.#run();
  }

  /** Drains what is queued (bounded by `timeoutMs`), then stops. Safe to call twice. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#wake?.();
    const timer = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([this.#loop, timer]);
    if (this.#depth > 0) {
      this.#c.dropped += this.#depth;
      this.#log.warn(`otel: stopped with ${this.#depth} spans not written`);
    }
  }

  /** Counts spans a receiver rejected as invalid. */
  reject(n: number): void {
    this.#c.received += n;
    this.#c.rejected += n;
  }

  /**
   * Says "retry later" before a request is decoded when the queue is full: in a burst, decoding
   * what is refused anyway costs the CPU that writing needs. (While the database is failing,
   * requests are still decoded, so that `refused` counts their spans.)
   */
  admit(): Refusal | undefined {
    const refusal = this.#refusal(0);
    if (refusal?.reason !== 'full') return undefined;
    this.#c.refusedRequests++;
    return refusal;
  }

  /** Queues spans, or says why not (the caller answers "retry later"). */
  offer(spans: SpanRecord[]): Refusal | undefined {
    this.#c.received += spans.length;
    const refusal = this.#refusal(spans.length);
    if (refusal) {
      this.#c.refused += spans.length;
      this.#c.refusedRequests++;
      return refusal;
    }
    const kept = this.#s.ignoreRoutes.length > 0 ? spans.filter((s) => !this.#ignored(s)) : spans;
    this.#c.accepted += spans.length;
    if (kept.length > 0) {
      this.#queue.push({ spans: kept, receivedAt: Date.now() });
      this.#depth += kept.length;
      if (this.#depth >= this.#s.batchSize) this.#wake?.();
    }
    return undefined;
  }

  /** Resolves once every span accepted so far is written (for tests and benchmarks). */
  async drained(timeoutMs = 30_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.#depth > 0 || this.#busy) {
      if (Date.now() > until) return false;
      this.#wake?.();
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  /** Re-reads the Function/Route index now (after indexing). */
  async refreshIndex(): Promise<void> {
    await this.#refreshIndex(true);
  }

  /** A snapshot of the counters. */
  status(): PipelineStatus {
    const now = Date.now();
    const recent = this.#rate.filter((r) => r.t >= now - 10_000);
    const span = recent.length > 0 ? Math.max(1, (now - recent[0]!.t) / 1000) : 1;
    const matched = Object.values(this.#matched).reduce((a, b) => a + b, 0);
    return {
      running: this.#running,
      dbHealthy: this.#healthy,
      queueDepth: this.#depth,
      queueCapacity: this.#s.maxQueueSpans,
      ...this.#c,
      spansPerSecond: Math.round(recent.reduce((a, r) => a + r.n, 0) / span),
      lagMs: { ...this.#lag },
      correlation: {
        matched: { ...this.#matched },
        unmatched: this.#c.unmatched,
        rate: matched + this.#c.unmatched === 0 ? 0 : matched / (matched + this.#c.unmatched),
      },
      functionsIndexed: this.#index.size,
      linker: this.writer.linker.stats,
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  #refusal(spans: number): Refusal | undefined {
    if (!this.#running || !this.#healthy) return { reason: 'unavailable', retryAfterS: 2 };
    if (this.#depth > 0 && this.#depth + Math.max(spans, 1) > this.#s.maxQueueSpans) {
      return { reason: 'full', retryAfterS: 1 };
    }
    return undefined;
  }

  #busy = false;
  #flushedAt = 0;

  #ignored(s: SpanRecord): boolean {
    const r = s.attributes['http.route'];
    return typeof r === 'string' && this.#s.ignoreRoutes.includes(r);
  }

  async #run(): Promise<void> {
    let backoff = 250;
    while (this.#running || this.#depth > 0) {
      // A write that took longer than the interval already let the queue fill: flush at once,
      // so that the next flush coalesces everything queued meanwhile (up to `batchSize`).
      const wait = this.#s.flushIntervalMs - (Date.now() - this.#flushedAt);
      if (this.#depth < this.#s.batchSize && this.#running && (wait > 0 || this.#depth === 0)) {
        await new Promise<void>((r) => {
          this.#wake = r;
          setTimeout(r, this.#depth === 0 ? this.#s.flushIntervalMs : wait).unref();
        });
        this.#wake = undefined;
      }
      try {
        await this.#refreshIndex(false);
        await this.#maintain();
        if (this.#depth === 0) {
          // Nothing queued to prove the database is back: accept again and let the next write tell.
          this.#healthy = true;
          continue;
        }
        this.#busy = true;
        this.#flushedAt = Date.now();
        await this.#writeHead();
        backoff = 250;
        if (!this.#healthy) this.#log.info('otel: database writable again');
        this.#healthy = true;
        this.#lastError = undefined;
      } catch (err) {
        const dbDown =
          (isCgcError(err) && err.retriable) ||
          isCgcError(err, 'DB_UNAVAILABLE', 'DB_LOCKED', 'DB_TIMEOUT', 'CLOSED');
        this.#healthy = !dbDown;
        this.#lastError = err instanceof Error ? err.message : String(err);
        if (!this.#running && isCgcError(err, 'CLOSED')) break;
        if (!dbDown && this.#head && ++this.#headFailures >= 5) {
          // A batch the database keeps refusing for a reason other than availability would block
          // every later span: drop it, count it and say why.
          const n = this.#head.items.reduce((a, i) => a + i.spans.length, 0);
          this.#c.dropped += n;
          this.#depth -= n;
          this.#head = undefined;
          this.#headFailures = 0;
          this.#log.error(`otel: dropped a batch of ${n} spans the database refused: ${this.#lastError}`);
          continue;
        }
        this.#log.warn(`otel: write failed, will retry: ${this.#lastError}`);
        await new Promise((r) => setTimeout(r, backoff).unref());
        backoff = Math.min(backoff * 2, 10_000);
      } finally {
        this.#busy = false;
      }
    }
  }

  #head: { items: Item[]; memo: PlanMemo; plan?: WritePlan } | undefined;
  #headFailures = 0;

  async #writeHead(): Promise<void> {
    if (!this.#head) {
      let k = 0;
      let n = 0;
      // Stop short of the cap rather than past it: the store splits a call at the adapter's
      // batch size, and every extra adapter call costs about as much as a full one.
      for (const it of this.#queue) {
        if (k > 0 && n + it.spans.length > this.#s.batchSize) break;
        k++;
        n += it.spans.length;
      }
      this.#head = { items: this.#queue.splice(0, k), memo: {} };
    }
    const head = this.#head;
    const spans = head.items.flatMap((i) => i.spans);
    // The plan holds absolute counter values: computed again after a partial write, it would
    // read back what that write already added and count it twice. Retries re-apply it as is.
    const t0 = performance.now();
    head.plan ??= await this.writer.plan(spans, head.memo);
    const plan: WritePlan = head.plan;
    const t1 = performance.now();
    await this.writer.apply(plan);
    this.#log.debug(
      `otel: flushed ${spans.length} spans: plan ${(t1 - t0).toFixed(0)} ms, write ${(performance.now() - t1).toFixed(0)} ms, ${this.#depth - spans.length} queued`,
    );
    this.#head = undefined;
    this.#headFailures = 0;
    this.#depth -= spans.length;
    const now = Date.now();
    this.#c.written += spans.length;
    this.#c.redelivered += plan.spans - plan.fresh;
    this.#c.unmatched += plan.unmatched;
    for (const [k, v] of Object.entries(plan.correlated))
      this.#matched[k] = (this.#matched[k] ?? 0) + (v ?? 0);
    this.#rate.push({ t: now, n: spans.length });
    while (this.#rate.length > 0 && this.#rate[0]!.t < now - 60_000) this.#rate.shift();
    this.#lag.last = now - head.items[0]!.receivedAt;
    this.#lag.max = Math.max(this.#lag.max, this.#lag.last);
  }

  async #maintain(): Promise<void> {
    // Linking a batch releases expired waits too; only an idle receiver needs its own pass.
    if (this.#depth === 0) {
      const expired = await this.writer.expire();
      if (expired) await this.writer.apply(expired);
    }
    const now = Date.now();
    if (this.#s.retentionHours > 0 && now - this.#retentionAt > 60_000) {
      this.#retentionAt = now;
      if ((await pruneSpans(this.#store, now - this.#s.retentionHours * 3_600_000)) > 0) {
        this.writer.forgetTraces();
      }
    }
  }

  async #refreshIndex(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.#indexAt < this.#s.indexRefreshMs) return;
    this.#indexAt = now;
    try {
      this.#index = await loadFunctionIndex(this.#store);
    } catch (err) {
      this.#log.warn(`otel: cannot read functions for correlation: ${(err as Error).message}`);
    }
  }
}
