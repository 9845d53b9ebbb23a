import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionIndex } from '../src/function-index.js';
import { SpanLinker } from '../src/span-linker.js';
import type { SpanRecord } from '../src/span-record.js';
import { SpanWriter } from '../src/span-writer.js';
import { logger, openStore } from './helpers.js';

let db: Awaited<ReturnType<typeof openStore>>;
beforeAll(async () => {
  db = await openStore();
});
afterAll(async () => {
  await db?.close();
});

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

function span(n: number, startMs: number): SpanRecord {
  return {
    spanId: hex(n, 16),
    traceId: hex(Math.ceil(n / 10), 32),
    ...(n % 10 === 1 ? {} : { parentSpanId: hex(n - 1, 16) }),
    name: `op-${n}`,
    kind: 'INTERNAL',
    service: { name: 'svc-w' },
    startNs: BigInt(startMs) * 1_000_000n,
    endNs: BigInt(startMs + 2) * 1_000_000n,
    statusCode: 'UNSET',
    attributes: { n },
    events: [],
    links: [],
  };
}

describe('span writer', () => {
  it('counts a re-delivered span once even after the linker forgot it, with one writer', async () => {
    // a linker that remembers 20 spans, so re-deliveries of older ones must be checked in the graph
    const writer = new SpanWriter({
      store: db.store,
      logger,
      index: () => new FunctionIndex([]),
      pathMappings: [],
      linker: new SpanLinker({ maxSpans: 20 }),
      singleWriter: true,
    });
    const now = Date.now();
    const write = async (spans: SpanRecord[]) => {
      const plan = await writer.plan(spans);
      await writer.apply(plan);
      return plan;
    };
    // 5 flushes of 10 spans, each a little later than the one before
    for (let b = 0; b < 5; b++) {
      const plan = await write(Array.from({ length: 10 }, (_, i) => span(b * 10 + i + 1, now + b)));
      expect(plan.fresh).toBe(10);
    }
    // the first two flushes were forgotten by the linker and are found in the graph instead
    const again = await write([span(3, now), span(15, now + 1), span(45, now + 4), span(51, now + 5)]);
    expect(again.spans).toBe(4);
    expect(again.fresh).toBe(1);
    const svc = await db.store.one('MATCH (s:Service {id: $id}) RETURN s.span_count AS n', { id: 'svc-w' });
    expect(svc).toEqual({ n: 51 });
    const stored = await db.store.one('MATCH (s:Span) WHERE s.service_name = $id RETURN count(s) AS n', {
      id: 'svc-w',
    });
    expect(stored).toEqual({ n: 51 });
    const childOf = await db.store.one(
      'MATCH (c:Span)-[:CHILD_OF]->(p:Span) WHERE c.service_name = $id RETURN count(*) AS n',
      { id: 'svc-w' },
    );
    // 5 traces of 10 spans: 9 children each, linked once; span 51 is the root of a sixth
    expect(childOf).toEqual({ n: 45 });
  });
});
