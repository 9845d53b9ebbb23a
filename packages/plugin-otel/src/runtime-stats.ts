import type { GraphStore } from '@cgc/core';
import { type Histogram, quantile, record } from './latency-histogram.js';

/** A counter with first and last time seen (ms since epoch). */
export interface Counter {
  count: number;
  first: number;
  last: number;
}

/** Per-function runtime aggregates, kept when spans are pruned. */
export interface FunctionStat extends Counter {
  errors: number;
  totalMs: number;
  maxMs: number;
  hist: Histogram;
}

/** An observed call between functions; `isStatic` is whether the indexer had found it. */
export interface CallStat extends Counter {
  isStatic: boolean;
}

/**
 * The counters the plugin maintains (spans per service, calls between services,
 * per-function aggregates, observed function calls), cached in memory and loaded
 * from the graph on first use. The plugin's writer is the only one updating them,
 * so it writes absolute values: re-applying a failed batch cannot count twice.
 */
export class RuntimeStats {
  readonly services = new Map<string, Counter & { instrumented: boolean }>();
  readonly serviceCalls = new Map<string, Counter>();
  readonly functions = new Map<string, FunctionStat>();
  readonly calls = new Map<string, CallStat>();
  readonly #callersLoaded = new Set<string>();
  readonly #fnCallersLoaded = new Set<string>();
  readonly #store: GraphStore;

  constructor(store: GraphStore) {
    this.#store = store;
  }

  /** Loads whatever counters of these keys are not cached yet. */
  async load(keys: { services: string[]; functions: string[]; callerFns: string[] }): Promise<void> {
    const services = keys.services.filter((s) => !this.services.has(s));
    if (services.length > 0) {
      const rows = await this.#store.read(
        'MATCH (s:Service) WHERE s.id IN $ids RETURN s.id AS id, s.span_count AS n, s.first_seen AS f, s.last_seen AS l, s.instrumented AS i',
        { ids: services },
      );
      for (const r of rows) {
        this.services.set(String(r.id), { ...counter(r), instrumented: r.i === true });
      }
      const callers = services.filter((s) => !this.#callersLoaded.has(s));
      // Never send an empty list: Kuzu 0.11 crashes the process on `IN []` parameters.
      const calls =
        callers.length === 0
          ? []
          : await this.#store.read(
              'MATCH (a:Service)-[c:CALLS_SERVICE]->(b:Service) WHERE a.id IN $ids RETURN a.id AS a, b.id AS b, c.count AS n, c.first_seen AS f, c.last_seen AS l',
              { ids: callers },
            );
      for (const r of calls) this.serviceCalls.set(pair(String(r.a), String(r.b)), counter(r));
      for (const c of callers) this.#callersLoaded.add(c);
    }
    const fns = keys.functions.filter((f) => !this.functions.has(f));
    if (fns.length > 0) {
      const rows = await this.#store.read(
        'MATCH (s:FunctionStats) WHERE s.id IN $ids RETURN s.id AS id, s.count AS n, s.first_seen AS f, s.last_seen AS l, s.error_count AS e, s.total_ms AS t, s.max_ms AS m, s.histogram AS h',
        { ids: fns },
      );
      for (const r of rows) {
        this.functions.set(String(r.id), {
          ...counter(r),
          errors: Number(r.e ?? 0),
          totalMs: Number(r.t ?? 0),
          maxMs: Number(r.m ?? 0),
          hist: parseHist(r.h),
        });
      }
    }
    const callers = keys.callerFns.filter((f) => !this.#fnCallersLoaded.has(f));
    if (callers.length > 0) {
      const rows = await this.#store.read(
        'MATCH (a:Function)-[c:CALLS]->(b:Function) WHERE a.id IN $ids RETURN a.id AS a, b.id AS b, c.static AS s, c.observed_count AS n, c.first_seen AS f, c.last_seen AS l',
        { ids: callers },
      );
      // An edge the indexer wrote without `static` is a static edge all the same.
      for (const r of rows)
        this.calls.set(pair(String(r.a), String(r.b)), { ...counter(r), isStatic: r.s !== false });
      for (const c of callers) this.#fnCallersLoaded.add(c);
    }
  }

  /** Forgets cached counters (after retention or when the graph was replaced). */
  clear(): void {
    this.services.clear();
    this.serviceCalls.clear();
    this.functions.clear();
    this.calls.clear();
    this.#callersLoaded.clear();
    this.#fnCallersLoaded.clear();
  }
}

/** The cache key of a (from, to) pair. */
export function pair(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** Adds one observation to a counter (copying it, so a failed write leaves the cache as it was). */
export function bump<T extends Counter>(c: T | undefined, atMs: number, make: () => T): T {
  const base = c ? structuredClone(c) : make();
  tick(base, atMs);
  return base;
}

/**
 * Adds one observation to the batch's copy of a counter under `key`: the cached value is
 * copied once per batch (not once per span), so a failed write still leaves the cache as it was.
 */
export function tally<T extends Counter>(
  batch: Map<string, T>,
  key: string,
  cached: T | undefined,
  atMs: number,
  make: () => T,
): T {
  let c = batch.get(key);
  if (!c) {
    c = cached ? structuredClone(cached) : make();
    batch.set(key, c);
  }
  tick(c, atMs);
  return c;
}

function tick(c: Counter, atMs: number): void {
  c.count += 1;
  c.first = c.first === 0 ? atMs : Math.min(c.first, atMs);
  c.last = Math.max(c.last, atMs);
}

/** Adds one span's duration and status to a function's aggregates. */
export function addLatency(s: FunctionStat, ms: number, error: boolean): void {
  s.totalMs += ms;
  s.maxMs = Math.max(s.maxMs, ms);
  if (error) s.errors += 1;
  record(s.hist, ms);
}

/** The FunctionStats row of an aggregate. */
export function functionStatRow(id: string, fqn: string, s: FunctionStat): Record<string, string | number> {
  return {
    id,
    function_id: id,
    fqn,
    count: s.count,
    error_count: s.errors,
    first_seen: s.first,
    last_seen: s.last,
    total_ms: s.totalMs,
    max_ms: s.maxMs,
    p50_ms: quantile(s.hist, 0.5),
    p95_ms: quantile(s.hist, 0.95),
    p99_ms: quantile(s.hist, 0.99),
    histogram: JSON.stringify(s.hist),
  };
}

function counter(r: Record<string, unknown>): Counter {
  return { count: Number(r.n ?? 0), first: Number(r.f ?? 0), last: Number(r.l ?? 0) };
}

function parseHist(v: unknown): Histogram {
  if (typeof v === 'object' && v !== null) return v as Histogram;
  if (typeof v !== 'string' || v === '') return {};
  try {
    return JSON.parse(v) as Histogram;
  } catch {
    return {};
  }
}
