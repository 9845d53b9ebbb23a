import type { GraphStore, Logger, NodeRow, RelRow } from '@cgc/core';
import { type Correlation, correlate } from './correlate.js';
import type { FunctionIndex } from './function-index.js';
import type { PathMapping } from './path-mapping.js';
import {
  addLatency,
  type CallStat,
  type Counter,
  type FunctionStat,
  functionStatRow,
  pair,
  RuntimeStats,
  tally,
} from './runtime-stats.js';
import { type LinkResult, SpanLinker } from './span-linker.js';
import type { SpanRecord } from './span-record.js';
import { durationMs, spanRow, spanTimes } from './span-row.js';

/** Everything one batch writes, computed once so that a retry writes the very same rows. */
export interface WritePlan {
  /** `fresh`: no key of the rows can be stored yet (see NodeWriteOptions.fresh) — first attempt only. */
  readonly nodes: [label: string, rows: NodeRow[], fresh?: boolean][];
  /**
   * Root fields of traces this writer stored earlier (a child arrived first): written on their
   * own after the bulk rows, so that one stored key does not send the whole Trace batch
   * through the bulk update path (a join with every stored trace).
   */
  readonly traceUpdates: NodeRow[];
  /** `fresh`: no pair of the rows can be stored yet (see RelBatch.fresh) — true only for a first attempt. */
  readonly rels: [type: string, from: string, to: string, rows: RelRow[], fresh?: boolean][];
  readonly commit: () => void;
  /** Set by the first `apply`: a retry after a partial write must not insert pairs blindly again. */
  attempted?: boolean;
  readonly spans: number;
  readonly fresh: number;
  readonly correlated: Partial<Record<Correlation['strategy'], number>>;
  readonly unmatched: number;
}

/** What a first planning attempt decided, reused when the batch is planned again. */
export interface PlanMemo {
  fresh?: SpanRecord[];
  corr?: Map<string, Correlation>;
  link?: LinkResult;
}

/** Options of a {@link SpanWriter}. */
export interface SpanWriterOptions {
  readonly store: GraphStore;
  readonly logger: Logger;
  readonly index: () => FunctionIndex;
  readonly pathMappings: readonly PathMapping[];
  readonly linker?: SpanLinker;
  /** True when this process is the only writer of spans (embedded database). */
  readonly singleWriter?: boolean;
}

/**
 * Turns batches of decoded spans into graph rows: Span, Trace and Service nodes, the
 * structural relationships, correlation to functions, and the counters (spans per
 * service, calls between services, per-function aggregates, observed calls) for the
 * spans that are new to the graph.
 */
export class SpanWriter {
  readonly stats: RuntimeStats;
  readonly linker: SpanLinker;
  readonly #o: SpanWriterOptions;
  // Spans starting after this (minus clock skew between services) cannot have been stored before.
  readonly #startedNs = BigInt(Date.now() - 60_000) * 1_000_000n;
  // Trace ids this writer stored, newest last, bounded; cleared when retention deletes traces.
  readonly #traces = new Set<string>();

  constructor(options: SpanWriterOptions) {
    this.#o = options;
    this.stats = new RuntimeStats(options.store);
    this.linker = options.linker ?? new SpanLinker();
  }

  /**
   * Computes the rows of a batch (reads the graph for re-deliveries and counters).
   * `memo` keeps what was decided on a first attempt (which spans are new, how they
   * linked) so that planning again after a failure neither loses nor doubles counts.
   */
  async plan(input: readonly SpanRecord[], memo: PlanMemo = {}): Promise<WritePlan> {
    const spans = [...new Map(input.map((s) => [s.spanId, s])).values()];
    memo.fresh ??= await this.#freshSpans(spans);
    const index = this.#o.index();
    if (!memo.corr) {
      const corr = new Map<string, Correlation>();
      for (const s of spans) {
        const c = correlate(s, index, this.#o.pathMappings);
        if (c) corr.set(s.spanId, c);
      }
      memo.corr = corr;
    }
    const corr = memo.corr;
    memo.link ??= this.linker.link(memo.fresh, (s) => corr.get(s.spanId)?.functionId);
    return this.#rows(spans, memo.fresh, corr, memo.link, index);
  }

  /** Writes a plan; throws (retriable or not) when the store fails. */
  async apply(plan: WritePlan): Promise<void> {
    const store = this.#o.store;
    const first = !plan.attempted;
    plan.attempted = true;
    // The plan's rows are grouped and unique per key already: straight to the store, nodes
    // first so that every relationship finds its ends (no bulk writer re-grouping them row by row).
    for (const [label, rows, fresh] of plan.nodes) {
      await store.upsertNodes(label, rows, { fresh: first && fresh === true });
    }
    for (const [type, from, to, rows, fresh] of plan.rels) {
      await store.upsertRelationships(type, from, to, rows, { fresh: first && fresh === true });
    }
    if (plan.traceUpdates.length > 0) await store.upsertNodes('Trace', plan.traceUpdates);
    plan.commit();
  }

  /** Forgets which traces are stored (retention deleted some). */
  forgetTraces(): void {
    this.#traces.clear();
  }

  /** Releases linker state older than its window and returns rows for what that settled. */
  async expire(now = Date.now()): Promise<WritePlan | undefined> {
    const link = this.linker.expire(now);
    if (link.childOf.length + link.observed.length + link.serviceCalls.length === 0) return undefined;
    return this.#rows([], [], new Map(), link, this.#o.index());
  }

  async #freshSpans(spans: readonly SpanRecord[]): Promise<SpanRecord[]> {
    const unknown = spans.filter((s) => !this.linker.has(s.spanId));
    // With one writer (an embedded database), a span that is not remembered was never stored
    // if it started after this writer did and after every span the linker forgot: only the
    // others (a re-delivery after a restart, a late span) need the look-up, which scans the
    // Span table on some engines and must stay off the path of every batch.
    const check = this.#o.singleWriter
      ? unknown.filter(
          (s) => s.startNs < this.#startedNs || Number(s.startNs / 1_000_000n) <= this.linker.evictedUpToMs,
        )
      : unknown;
    if (check.length === 0) return unknown;
    const rows = await this.#o.store.read('MATCH (s:Span) WHERE s.id IN $ids RETURN s.id AS id', {
      ids: check.map((s) => s.spanId),
    });
    const stored = new Set(rows.map((r) => String(r.id)));
    return unknown.filter((s) => !stored.has(s.spanId));
  }

  async #rows(
    spans: readonly SpanRecord[],
    fresh: readonly SpanRecord[],
    corr: Map<string, Correlation>,
    link: LinkResult,
    index: FunctionIndex,
  ): Promise<WritePlan> {
    const st = this.stats;
    const serviceNames = new Set<string>([
      ...spans.map((s) => s.service.name),
      ...link.serviceCalls.flatMap((c) => [c.from, c.to]),
    ]);
    const freshFns = fresh.flatMap((s) => {
      const c = corr.get(s.spanId);
      return c ? [c.functionId] : [];
    });
    await st.load({
      services: [...serviceNames],
      functions: freshFns,
      callerFns: [...new Set(link.observed.map((o) => o.from))],
    });

    const services = new Map<string, Counter & { instrumented: boolean }>();
    const serviceRows = new Map<string, NodeRow>();
    let lastInfo: SpanRecord['service'] | undefined;
    for (const s of spans) {
      const info = s.service;
      // spans of one resource share its ServiceInfo: one row per resource, the last one wins
      if (info === lastInfo) continue;
      lastInfo = info;
      serviceRows.set(info.name, {
        id: info.name,
        name: info.name,
        version: info.version ?? null,
        environment: info.environment ?? null,
        namespace: info.namespace ?? null,
        language: info.language ?? null,
        instrumented: true,
      });
    }
    for (const s of fresh) {
      const name = s.service.name;
      const c = tally(services, name, st.services.get(name), Number(s.startNs / 1_000_000n), () => ({
        count: 0,
        first: 0,
        last: 0,
        instrumented: true,
      }));
      c.instrumented = true;
    }
    const calls = new Map<string, Counter>();
    for (const c of link.serviceCalls) {
      const k = pair(c.from, c.to);
      tally(calls, k, st.serviceCalls.get(k), c.atMs, () => ({ count: 0, first: 0, last: 0 }));
      if (c.peer && !serviceRows.has(c.to) && !st.services.get(c.to)?.instrumented) {
        // the same columns as instrumented rows, so that one adapter call writes both
        serviceRows.set(c.to, {
          id: c.to,
          name: c.to,
          version: null,
          environment: null,
          namespace: null,
          language: null,
          instrumented: false,
          span_count: 0,
          first_seen: null,
          last_seen: null,
        });
      }
      if (!serviceRows.has(c.from)) serviceRows.set(c.from, { id: c.from, name: c.from });
    }
    const fnStats = new Map<string, FunctionStat>();
    for (const s of fresh) {
      const c = corr.get(s.spanId);
      if (!c) continue;
      const next = tally(
        fnStats,
        c.functionId,
        st.functions.get(c.functionId),
        Number(s.startNs / 1_000_000n),
        () => ({
          count: 0,
          first: 0,
          last: 0,
          errors: 0,
          totalMs: 0,
          maxMs: 0,
          hist: {},
        }),
      );
      addLatency(next, durationMs(s), s.statusCode === 'ERROR');
    }
    const observed = new Map<string, CallStat>();
    // Edges not in the graph yet: only these get `static: false`; on an existing edge the
    // indexer owns `static` (it may have found the call since).
    const created = new Set<string>();
    for (const o of link.observed) {
      const k = pair(o.from, o.to);
      if (!observed.has(k) && !st.calls.has(k)) created.add(k);
      tally(observed, k, st.calls.get(k), o.atMs, () => ({ count: 0, first: 0, last: 0, isStatic: false }));
    }

    const correlated: Partial<Record<Correlation['strategy'], number>> = {};
    let unmatched = 0;
    for (const s of fresh) {
      const c = corr.get(s.spanId);
      if (c) correlated[c.strategy] = (correlated[c.strategy] ?? 0) + 1;
      else unmatched++;
    }

    const traces = new Map<string, NodeRow>();
    const traceUpdates = new Map<string, NodeRow>();
    for (const s of spans) {
      const known = this.#traces.has(s.traceId);
      if (s.parentSpanId) {
        if (!known && !traces.has(s.traceId)) traces.set(s.traceId, { id: s.traceId });
        continue;
      }
      (known ? traceUpdates : traces).set(s.traceId, {
        id: s.traceId,
        root_span_id: s.spanId,
        root_name: s.name,
        root_service: s.service.name,
        ...spanTimes(s),
      });
    }

    for (const [name, c] of services)
      Object.assign(serviceRows.get(name) ?? {}, {
        span_count: c.count,
        first_seen: c.first,
        last_seen: c.last,
      });
    // Spans new to the graph, the traces only they belong to, their edges, and CHILD_OF (the
    // linker emits each pair once) cannot be stored yet: they skip the adapter's look-ups of
    // stored keys and pairs (a join with the whole graph).
    const isNew = new Set(fresh.map((s) => s.spanId));
    const oldTraces = new Set(spans.filter((s) => !isNew.has(s.spanId)).map((s) => s.traceId));
    const traceRows = [...traces.values()];
    const nodes: WritePlan['nodes'] = [
      ['Service', [...serviceRows.values()]],
      ['Trace', traceRows.filter((t) => !oldTraces.has(t.id as string)), true],
      ['Trace', traceRows.filter((t) => oldTraces.has(t.id as string))],
      ['Span', fresh.map((s) => spanRow(s, corr.get(s.spanId))), true],
      ['Span', spans.filter((s) => !isNew.has(s.spanId)).map((s) => spanRow(s, corr.get(s.spanId)))],
      ['FunctionStats', [...fnStats].map(([id, s]) => functionStatRow(id, index.get(id)?.fqn ?? '', s))],
    ];
    const roots = spans.filter((s) => !s.parentSpanId);
    const bySpan = (
      type: string,
      to: string,
      rows: RelRow[],
    ): [type: string, from: string, to: string, rows: RelRow[], fresh?: boolean][] => {
      if (isNew.size === spans.length) return [[type, 'Span', to, rows, true]];
      const [added, again]: [RelRow[], RelRow[]] = [[], []];
      for (const r of rows) (isNew.has(r.from) ? added : again).push(r);
      return [
        [type, 'Span', to, added, true],
        [type, 'Span', to, again],
      ];
    };
    const rels: WritePlan['rels'] = [
      ...bySpan(
        'PART_OF',
        'Trace',
        spans.map((s) => ({ from: s.spanId, to: s.traceId })),
      ),
      // one edge per trace, from its root (the RFC's Trace → Service), not one per span
      ...[true, false].map((isFresh): WritePlan['rels'][number] => [
        'ORIGINATED_FROM',
        'Trace',
        'Service',
        roots
          .filter((s) => isNew.has(s.spanId) === isFresh)
          .map((s) => ({ from: s.traceId, to: s.service.name })),
        isFresh,
      ]),
      ['CHILD_OF', 'Span', 'Span', link.childOf.map(([from, to]) => ({ from, to })), true],
      ...bySpan(
        'CORRELATES_TO',
        'Function',
        [...corr].map(([span, c]) => ({
          from: span,
          to: c.functionId,
          properties: { strategy: c.strategy, confidence: c.confidence },
        })),
      ),
      [
        'CALLS_SERVICE',
        'Service',
        'Service',
        [...calls].map(([k, c]) => {
          const [from, to] = k.split('\u0000') as [string, string];
          return { from, to, properties: { count: c.count, first_seen: c.first, last_seen: c.last } };
        }),
      ],
      // linked once, when the aggregate is created: every adapter call has a fixed cost
      [
        'STATS_OF',
        'FunctionStats',
        'Function',
        [...fnStats.keys()].filter((id) => !st.functions.has(id)).map((id) => ({ from: id, to: id })),
      ],
      [
        'CALLS',
        'Function',
        'Function',
        [...observed].map(([k, c]) => {
          const [from, to] = k.split('\u0000') as [string, string];
          const props = { observed: true, observed_count: c.count, first_seen: c.first, last_seen: c.last };
          return {
            from,
            to,
            properties: created.has(k) ? { ...props, static: false, resolution: 'runtime' } : props,
          };
        }),
      ],
    ];
    return {
      nodes: nodes.filter(([, r]) => r.length > 0),
      traceUpdates: [...traceUpdates.values()],
      rels: rels.filter(([, , , r]) => r.length > 0),
      spans: spans.length,
      fresh: fresh.length,
      correlated,
      unmatched,
      commit: () => {
        for (const id of traces.keys()) this.#traces.add(id);
        for (const id of this.#traces) {
          if (this.#traces.size <= TRACES_KNOWN) break;
          this.#traces.delete(id);
        }
        for (const [k, v] of services) st.services.set(k, v);
        for (const [k, v] of calls) st.serviceCalls.set(k, v);
        for (const [k, v] of fnStats) st.functions.set(k, v);
        for (const [k, v] of observed) st.calls.set(k, v);
      },
    };
  }
}

// Enough for the traces whose spans straddle batches (a few seconds' worth at high rates).
const TRACES_KNOWN = 200_000;
