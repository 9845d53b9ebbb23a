import { describe, expect, it } from 'vitest';
import { SpanLinker } from './span-linker.js';
import type { SpanRecord } from './span-record.js';

const T = 'a'.repeat(32);
const id = (n: number) => n.toString(16).padStart(16, '0');

function span(
  n: number,
  parent: number | undefined,
  service: string,
  kind: SpanRecord['kind'],
  attributes: Record<string, string> = {},
  startMs = 1_700_000_000_000,
): SpanRecord {
  return {
    spanId: id(n),
    traceId: T,
    ...(parent ? { parentSpanId: id(parent) } : {}),
    name: `s${n}`,
    kind,
    service: { name: service },
    startNs: BigInt(startMs) * 1_000_000n,
    endNs: BigInt(startMs + 100) * 1_000_000n,
    statusCode: 'UNSET',
    attributes,
    events: [],
    links: [],
  };
}

describe('span linker', () => {
  it('links children that arrive before their parents, and finds calls through uncorrelated spans', () => {
    const fn: Record<string, string> = { [id(1)]: 'F', [id(3)]: 'G' };
    const l = new SpanLinker();
    // 3 (fn G) child of 2 (no fn) child of 1 (fn F): arrive leaf first, in separate batches
    const a = l.link([span(3, 2, 'api', 'INTERNAL')], (s) => fn[s.spanId], 0);
    const b = l.link([span(2, 1, 'api', 'INTERNAL')], (s) => fn[s.spanId], 0);
    const c = l.link([span(1, undefined, 'api', 'SERVER')], (s) => fn[s.spanId], 0);
    // each pair once, in the batch where its second end arrives
    expect(a.childOf).toEqual([]);
    expect(b.childOf).toEqual([[id(3), id(2)]]);
    expect(c.childOf).toEqual([[id(2), id(1)]]);
    expect([...a.observed, ...b.observed, ...c.observed].map((o) => `${o.from}->${o.to}`)).toEqual(['F->G']);
  });

  it('emits a pair once when the root comes in a later batch than a linked chain of children', () => {
    const l = new SpanLinker();
    const none = () => undefined;
    // 3 → 2 → 1 (root): 3 and 2 together, leaf first; the root later (its service exports apart)
    const a = l.link([span(3, 2, 'api', 'INTERNAL'), span(2, 1, 'api', 'INTERNAL')], none, 0);
    const b = l.link([span(1, undefined, 'web', 'SERVER')], none, 0);
    expect(a.childOf).toEqual([[id(3), id(2)]]);
    expect(b.childOf).toEqual([[id(2), id(1)]]);
  });

  it('counts CLIENT → SERVER across services once, and names uninstrumented peers', () => {
    const l = new SpanLinker({ windowMs: 1000 });
    const none = () => undefined;
    const r1 = l.link(
      [
        span(10, undefined, 'web', 'SERVER'),
        span(12, 11, 'orders', 'SERVER'),
        span(11, 10, 'web', 'CLIENT', { 'server.address': 'orders.internal' }),
        span(13, 12, 'orders', 'CLIENT', { 'db.system': 'postgresql' }),
        span(14, 10, 'web', 'CLIENT', { 'server.address': 'api.stripe.com' }),
      ],
      none,
      0,
    );
    expect(r1.serviceCalls.map((c) => `${c.from}->${c.to}:${c.via}`).sort()).toEqual([
      'orders->postgresql:db.system',
      'web->orders:trace',
    ]);
    // the stripe call has no instrumented server: after the window it is counted against the address
    const r2 = l.expire(5000);
    expect(r2.serviceCalls.map((c) => `${c.from}->${c.to}:${c.via}`)).toEqual([
      'web->api.stripe.com:server.address',
    ]);
    // a re-delivered client span is known and is not linked again by the caller (has())
    expect(l.has(id(11))).toBe(true);
  });

  it('forgets the oldest spans beyond maxSpans and says up to which start time it forgot', () => {
    const l = new SpanLinker({ maxSpans: 1000 });
    const none = () => undefined;
    // 10 batches of 500 roots, each batch starting 1 ms later than the one before
    for (let b = 0; b < 10; b++) {
      const batch = Array.from({ length: 500 }, (_, i) =>
        span(b * 500 + i + 1, undefined, 'api', 'SERVER', {}, 1_000 + b),
      );
      l.link(batch, none, 0);
    }
    expect(l.stats.spans).toBe(1000);
    expect(l.has(id(1))).toBe(false);
    expect(l.has(id(4000))).toBe(false);
    expect(l.has(id(4001))).toBe(true);
    expect(l.has(id(5000))).toBe(true);
    // batches 0..7 were forgotten: a span not remembered that started after 1007 ms is new
    expect(l.evictedUpToMs).toBe(1_007);
  });
});
