import type { GraphStore } from '@cgc/core';
import { createApp } from '@cgc/example-otel-hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtelReceivers, startOtelReceivers } from '../src/otel-receivers.js';
import { writeExampleGraph } from './example-graph.js';
import { logger, openStore, testSettings } from './helpers.js';
import { type ExporterKind, exporter, otelApi, paymentsServer, provider, Recorder } from './sdk.js';

const { SpanKind, SpanStatusCode, trace } = otelApi;

let db: Awaited<ReturnType<typeof openStore>>;
let store: GraphStore;
let receivers: OtelReceivers;

beforeAll(async () => {
  db = await openStore();
  store = db.store;
  await writeExampleGraph(store);
  receivers = await startOtelReceivers({ store, settings: testSettings(), logger });
});

afterAll(async () => {
  await receivers?.stop();
  trace.disable();
  await db?.close();
});

const fnId = async (fqnEnd: string) =>
  (await store.read('MATCH (f:Function) WHERE f.fqn ENDS WITH $x RETURN f.id AS id', { x: fqnEnd }))[0]
    ?.id as string;

describe.each<ExporterKind>(['grpc', 'http-protobuf', 'http-json'])(
  'real %s exporter → receivers → Kuzu',
  (kind) => {
    const recorder = new Recorder();
    let traceIds: string[] = [];

    beforeAll(async () => {
      const ports = { grpc: receivers.grpcPort, http: receivers.httpPort };
      const orders = provider('orders', exporter(kind, ports), recorder, true);
      const payments = provider('payments', exporter(kind, ports), recorder);
      const app = createApp(paymentsServer(payments.getTracer('payments')));
      expect(
        (
          await app.request('/api/orders', {
            method: 'POST',
            body: JSON.stringify({ item: 'pen', quantity: 2 }),
          })
        ).status,
      ).toBe(201);
      expect((await app.request('/api/orders', { method: 'POST', body: '{}' })).status).toBe(201);
      expect((await app.request('/api/orders')).status).toBe(200);
      await orders.forceFlush();
      await payments.forceFlush();
      expect(await receivers.pipeline.drained()).toBe(true);
      traceIds = [...new Set(recorder.spans.map((s) => s.spanContext().traceId))];
      await orders.shutdown();
      await payments.shutdown();
    });

    it('stores every span with its trace, service and parent, whatever order they arrived in', async () => {
      const sent = recorder.spans;
      expect(sent.length).toBe(2 + 2 * 6); // GET: server + list; POST: server, create, save, insert, charge, payments server
      const rows = await store.read(
        'MATCH (s:Span)-[:PART_OF]->(t:Trace) WHERE t.id IN $t RETURN s.id AS id, s.parent_span_id AS parent, s.service_name AS service',
        { t: traceIds },
      );
      expect(rows.length).toBe(sent.length);
      const withParent = sent.filter((s) => s.parentSpanContext?.spanId);
      const childOf = await store.read(
        'MATCH (c:Span)-[:CHILD_OF]->(p:Span) WHERE c.trace_id IN $t RETURN c.id AS c, p.id AS p',
        { t: traceIds },
      );
      expect(new Set(childOf.map((r) => `${r.c}>${r.p}`))).toEqual(
        new Set(withParent.map((s) => `${s.spanContext().spanId}>${s.parentSpanContext!.spanId}`)),
      );
      const services = await store.read(
        'MATCH (s:Service) WHERE s.id IN $ids RETURN s.id AS id, s.version AS v, s.environment AS e, s.instrumented AS i ORDER BY id',
        {
          ids: ['orders', 'payments'],
        },
      );
      expect(services).toEqual([
        { id: 'orders', v: '1.0.0', e: 'test', i: true },
        { id: 'payments', v: '1.0.0', e: 'test', i: true },
      ]);
    });

    it('correlates spans to the indexed functions by fqn, file + line and route', async () => {
      const rows = await store.read(
        'MATCH (s:Span)-[c:CORRELATES_TO]->(f:Function) WHERE s.trace_id IN $t RETURN DISTINCT s.name AS span, f.fqn AS fqn, c.strategy AS strategy',
        { t: traceIds },
      );
      const by = Object.fromEntries(rows.map((r) => [`${r.span}`, `${r.fqn} (${r.strategy})`]));
      expect(by['OrderService.create']).toBe('src/order-service.ts:OrderService.create (fqn_suffix)');
      expect(by['OrderService.list']).toBe('src/order-service.ts:OrderService.list (fqn_suffix)');
      expect(by.saveOrder).toBe('src/repository.ts:saveOrder (file_line)');
      expect(by['POST /api/orders']).toBe('src/app.ts:createOrder (route)');
      expect(by['GET /api/orders']).toBe('src/app.ts:listOrders (route)');
      const unmatched = await store.read(
        "MATCH (s:Span) WHERE s.trace_id IN $t AND s.correlation = 'unmatched' RETURN DISTINCT s.name AS n ORDER BY n",
        {
          t: traceIds,
        },
      );
      expect(unmatched.map((r) => r.n)).toEqual(['INSERT orders', 'POST /charge']);
    });

    it('marks static calls observed and counts calls between services', async () => {
      const round = ['grpc', 'http-protobuf', 'http-json'].indexOf(kind) + 1;
      const calls = await store.read(
        'MATCH (x:Function)-[c:CALLS]->(y:Function) WHERE c.observed = true RETURN x.fqn AS a, y.fqn AS b, c.observed_count AS n, c.static AS st ORDER BY a, b',
      );
      const edge = (a: string, b: string) =>
        calls.find((c) => String(c.a).endsWith(a) && String(c.b).endsWith(b));
      expect(edge(':createOrder', 'OrderService.create')).toMatchObject({ n: 2 * round, st: true });
      expect(edge('OrderService.create', ':saveOrder')).toMatchObject({ n: 2 * round });
      expect(edge(':listOrders', 'OrderService.list')).toMatchObject({ n: round });
      const svc = await store.read(
        'MATCH (x:Service)-[c:CALLS_SERVICE]->(y:Service) RETURN x.id AS a, y.id AS b, c.count AS n, y.instrumented AS i ORDER BY a, b',
      );
      expect(svc).toEqual([
        { a: 'orders', b: 'payments', n: 2 * round, i: true },
        { a: 'orders', b: 'sqlite', n: 2 * round, i: false },
      ]);
      const stats = await store.read(
        'MATCH (s:FunctionStats)-[:STATS_OF]->(f:Function) WHERE f.id = $id RETURN s.count AS n, s.p95_ms AS p95',
        {
          id: await fnId('OrderService.create'),
        },
      );
      expect(stats[0]?.n).toBe(2 * round);
      expect(Number(stats[0]?.p95)).toBeGreaterThan(0);
    });
  },
);

describe('attribute types, status, events and links through a real exporter', () => {
  it('keeps them all', async () => {
    const recorder = new Recorder();
    const p = provider('types', exporter('http-protobuf', { http: receivers.httpPort }), recorder);
    const tracer = p.getTracer('t');
    const other = tracer.startSpan('other');
    other.end();
    const s = tracer.startSpan('typed', {
      kind: SpanKind.CONSUMER,
      attributes: {
        str: 'x',
        int: 7,
        float: 2.5,
        bool: false,
        strs: ['a', 'b'],
        ints: [1, 2],
        bools: [true],
      },
      links: [{ context: other.spanContext(), attributes: { why: 'batch' } }],
    });
    s.addEvent('retry', { attempt: 2 });
    s.setStatus({ code: SpanStatusCode.ERROR, message: 'nope' });
    s.end();
    await p.forceFlush();
    expect(await receivers.pipeline.drained()).toBe(true);
    const row = (
      await store.read(
        'MATCH (s:Span) WHERE s.id = $id RETURN s.attributes AS a, s.events AS e, s.links AS l, s.status_code AS c, s.status_message AS m, s.kind AS k',
        {
          id: s.spanContext().spanId,
        },
      )
    )[0]!;
    expect(JSON.parse(String(row.a))).toEqual({
      str: 'x',
      int: 7,
      float: 2.5,
      bool: false,
      strs: ['a', 'b'],
      ints: [1, 2],
      bools: [true],
    });
    expect(JSON.parse(String(row.e))).toEqual([[expect.any(Number), 'retry', { attempt: 2 }]]);
    expect(JSON.parse(String(row.l))).toEqual([
      [other.spanContext().traceId, other.spanContext().spanId, { why: 'batch' }],
    ]);
    expect(row).toMatchObject({ c: 'ERROR', m: 'nope', k: 'CONSUMER' });
    await p.shutdown();
  });
});
