import type { SpanRecord } from './span-record.js';

/** A call between services derived from spans. */
export interface ServiceCall {
  readonly from: string;
  readonly to: string;
  /** What named the callee: `peer.service`, `db.system`, `messaging.system`, `server.address` or `trace`. */
  readonly via: string;
  readonly spanId: string;
  readonly atMs: number;
  /** True when the callee is only known from the caller's attributes. */
  readonly peer: boolean;
}

/** A function call observed at runtime: the parent span ran `from`, a descendant ran `to`. */
export interface ObservedCall {
  readonly from: string;
  readonly to: string;
  readonly atMs: number;
}

/** What linking one batch of new spans produced. */
export interface LinkResult {
  readonly childOf: [child: string, parent: string][];
  readonly serviceCalls: ServiceCall[];
  readonly observed: ObservedCall[];
}

interface Entry {
  readonly service: string;
  readonly kind: string;
  readonly fn: string | undefined;
  readonly atMs: number;
  ctx: string | undefined;
  resolved: boolean;
  counted: boolean;
}

/** Limits of the linker's memory. */
export interface LinkerOptions {
  /** Spans remembered for linking late children (default 200k). */
  readonly maxSpans?: number;
  /** How long a child waits for its parent, and a client span for its server child (default 30 s). */
  readonly windowMs?: number;
}

/**
 * Joins spans to their parents whatever order they arrive in. A span whose parent has
 * not been seen waits; when the parent comes, the waiting children are linked (and
 * their own waiting children, recursively). Linking yields CHILD_OF pairs, observed
 * function calls (nearest correlated ancestor → span's function) and service calls
 * (CLIENT → SERVER in another service, or the peer named by the client's attributes).
 */
export class SpanLinker {
  readonly #known = new Map<string, Entry>();
  // Insertion order of `#known`, oldest first from `#head`. Evicting through the Map's own
  // iterator would rescan the holes deleted entries leave at its front, once per eviction.
  #order: string[] = [];
  #head = 0;
  readonly #waiting = new Map<string, { since: number; children: string[] }>();
  readonly #pendingClients = new Map<string, { from: string; to: string; since: number }>();
  readonly #maxSpans: number;
  readonly #windowMs: number;

  constructor(options: LinkerOptions = {}) {
    this.#maxSpans = options.maxSpans ?? 200_000;
    this.#windowMs = options.windowMs ?? 30_000;
  }

  /**
   * The latest start time (ms) of any span forgotten to stay within `maxSpans` (0: none).
   * A span not remembered that started after it was never linked by this linker.
   */
  evictedUpToMs = 0;

  /** Whether this span id was linked recently (a re-delivery). */
  has(spanId: string): boolean {
    return this.#known.has(spanId);
  }

  /** Numbers for status output. */
  get stats(): { spans: number; waiting: number; pendingClients: number } {
    return {
      spans: this.#known.size,
      waiting: this.#waiting.size,
      pendingClients: this.#pendingClients.size,
    };
  }

  /** Links a batch of new spans with their correlated functions; `now` is for expiry. */
  link(
    spans: readonly SpanRecord[],
    fnOf: (s: SpanRecord) => string | undefined,
    now = Date.now(),
  ): LinkResult {
    const out: LinkResult = { childOf: [], serviceCalls: [], observed: [] };
    for (const s of spans) {
      const atMs = Number(s.startNs / 1_000_000n);
      const e: Entry = {
        service: s.service.name,
        kind: s.kind,
        fn: fnOf(s),
        atMs,
        ctx: undefined,
        resolved: false,
        counted: false,
      };
      this.#remember(s.spanId, e);
      if (s.kind === 'CLIENT' || s.kind === 'PRODUCER') this.#peerCall(s, e, atMs, out, now);
      // Each CHILD_OF pair is emitted once, when its second end arrives: children that came
      // first now, a child whose parent is remembered at once (both ends are then stored).
      const early = this.#waiting.get(s.spanId);
      if (early) for (const c of early.children) out.childOf.push([c, s.spanId]);
      if (!s.parentSpanId) this.#resolve(s.spanId, undefined, out);
      else {
        const parent = this.#known.get(s.parentSpanId);
        if (parent) out.childOf.push([s.spanId, s.parentSpanId]);
        if (parent?.resolved) this.#resolve(s.spanId, s.parentSpanId, out);
        else this.#wait(s.parentSpanId, s.spanId, now);
      }
    }
    this.#expire(now, out);
    return out;
  }

  /** Releases what waited longer than the window (parents that never come, peers never answered). */
  expire(now = Date.now()): LinkResult {
    const out: LinkResult = { childOf: [], serviceCalls: [], observed: [] };
    this.#expire(now, out);
    return out;
  }

  #peerCall(s: SpanRecord, e: Entry, atMs: number, out: LinkResult, now: number): void {
    const a = s.attributes;
    const str = (k: string) => (typeof a[k] === 'string' && a[k] !== '' ? (a[k] as string) : undefined);
    const host = str('server.address') ?? str('net.peer.name') ?? hostOf(str('url.full') ?? str('http.url'));
    const named: [string, string] | undefined = str('peer.service')
      ? [str('peer.service')!, 'peer.service']
      : str('db.system.name') || str('db.system')
        ? [str('db.system.name') ?? str('db.system')!, 'db.system']
        : str('messaging.system')
          ? [str('messaging.system')!, 'messaging.system']
          : undefined;
    if (named) {
      e.counted = true;
      out.serviceCalls.push({
        from: e.service,
        to: named[0],
        via: named[1],
        spanId: s.spanId,
        atMs,
        peer: true,
      });
    } else if (host) {
      // An instrumented server answering this call names the callee better; wait for it.
      this.#pendingClients.set(s.spanId, { from: e.service, to: host, since: now });
    }
  }

  #wait(parent: string, child: string, now: number): void {
    const w = this.#waiting.get(parent);
    if (w) w.children.push(child);
    else this.#waiting.set(parent, { since: now, children: [child] });
  }

  #resolve(spanId: string, parentId: string | undefined, out: LinkResult): void {
    const stack: [string, string | undefined][] = [[spanId, parentId]];
    while (stack.length > 0) {
      const [id, pid] = stack.pop()!;
      const e = this.#known.get(id);
      if (!e || e.resolved) continue;
      const p = pid ? this.#known.get(pid) : undefined;
      if (p?.ctx && e.fn && p.ctx !== e.fn) out.observed.push({ from: p.ctx, to: e.fn, atMs: e.atMs });
      if (p && pid && isCallPair(p.kind, e.kind)) {
        this.#pendingClients.delete(pid);
        // A call answered inside the same service is no edge between services.
        if (p.service === e.service) p.counted = true;
        else if (!p.counted) {
          p.counted = true;
          out.serviceCalls.push({
            from: p.service,
            to: e.service,
            via: 'trace',
            spanId: pid,
            atMs: p.atMs,
            peer: false,
          });
        }
      }
      e.ctx = e.fn ?? p?.ctx;
      e.resolved = true;
      const w = this.#waiting.get(id);
      if (w) {
        this.#waiting.delete(id);
        // their CHILD_OF pairs went out when this span arrived
        for (const c of w.children) stack.push([c, id]);
      }
    }
  }

  #expire(now: number, out: LinkResult): void {
    const limit = now - this.#windowMs;
    for (const [parent, w] of this.#waiting) {
      if (w.since > limit && this.#waiting.size <= this.#maxSpans / 2) break;
      this.#waiting.delete(parent);
      for (const c of w.children) this.#resolve(c, undefined, out);
    }
    for (const [id, p] of this.#pendingClients) {
      if (p.since > limit && this.#pendingClients.size <= this.#maxSpans / 4) break;
      this.#pendingClients.delete(id);
      const e = this.#known.get(id);
      if (e && !e.counted) {
        e.counted = true;
        out.serviceCalls.push({
          from: p.from,
          to: p.to,
          via: 'server.address',
          spanId: id,
          atMs: e.atMs,
          peer: true,
        });
      }
    }
  }

  #remember(id: string, e: Entry): void {
    if (!this.#known.has(id)) this.#order.push(id);
    this.#known.set(id, e);
    while (this.#known.size > this.#maxSpans && this.#head < this.#order.length) {
      const oldest = this.#order[this.#head++]!;
      const gone = this.#known.get(oldest);
      if (!gone) continue;
      this.#known.delete(oldest);
      this.evictedUpToMs = Math.max(this.evictedUpToMs, gone.atMs);
    }
    if (this.#head > 4096 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }
}

function isCallPair(parentKind: string, childKind: string): boolean {
  return (
    (parentKind === 'CLIENT' && childKind === 'SERVER') ||
    (parentKind === 'PRODUCER' && childKind === 'CONSUMER')
  );
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
