import { gzipSync } from 'node:zlib';
import type { GraphStore } from '@cgc/core';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtelReceivers, startOtelReceivers } from '../src/otel-receivers.js';
import { otlpTypes } from '../src/otlp-proto.js';
import { writeExampleGraph } from './example-graph.js';
import { EXAMPLE_ROOT, logger, openStore, testSettings } from './helpers.js';
import { otlpJson, postJson, sid, tid } from './otlp-json-body.js';

let db: Awaited<ReturnType<typeof openStore>>;
let store: GraphStore;
let receivers: OtelReceivers;

beforeAll(async () => {
  db = await openStore();
  store = db.store;
  await writeExampleGraph(store);
  receivers = await startOtelReceivers({
    store,
    settings: testSettings({ maxBodyBytes: 64 * 1024 }),
    logger,
  });
});

afterAll(async () => {
  await receivers?.stop();
  await db?.close();
});

const port = () => receivers.httpPort!;
const drained = async () => expect(await receivers.pipeline.drained()).toBe(true);

describe('ordering and re-delivery', () => {
  it('links children sent before their parents, in separate requests', async () => {
    const t = 'order';
    expect((await postJson(port(), otlpJson('svc-a', t, [{ id: 'leaf', parent: 'mid' }]))).status).toBe(200);
    await drained();
    expect((await postJson(port(), otlpJson('svc-a', t, [{ id: 'mid', parent: 'root' }]))).status).toBe(200);
    await drained();
    expect((await postJson(port(), otlpJson('svc-a', t, [{ id: 'root', kind: 2 }]))).status).toBe(200);
    await drained();
    const rows = await store.read(
      'MATCH (x:Span)-[:CHILD_OF]->(y:Span) WHERE x.trace_id = $t RETURN x.id AS c, y.id AS p ORDER BY c',
      {
        t: tid(t),
      },
    );
    expect(rows).toEqual([
      { c: sid('leaf'), p: sid('mid') },
      { c: sid('mid'), p: sid('root') },
    ]);
    const trace = await store.one(
      'MATCH (t:Trace) WHERE t.id = $t RETURN t.root_span_id AS root, t.root_service AS svc',
      { t: tid(t) },
    );
    expect(trace).toEqual({ root: sid('root'), svc: 'svc-a' });
    const origin = await store.read(
      'MATCH (t:Trace)-[:ORIGINATED_FROM]->(s:Service) WHERE t.id = $t RETURN s.id AS svc',
      { t: tid(t) },
    );
    expect(origin).toEqual([{ svc: 'svc-a' }]);
  });

  it('forms each CHILD_OF once when roots come after chains of their descendants', async () => {
    // 150 chains leaf → mid → root; the roots in a later request (their service exports apart).
    // Batches this size take the adapter's bulk path, where a pair emitted twice is stored twice.
    const t = 'late-root';
    const n = 150;
    const chains = Array.from({ length: n }, (_, i) => [
      { id: `L${i}`, parent: `M${i}` },
      { id: `M${i}`, parent: `R${i}` },
    ]).flat();
    const big = await startOtelReceivers({ store, settings: testSettings({ grpcPort: -1 }), logger });
    try {
      expect((await postJson(big.httpPort!, otlpJson('svc-b', t, chains))).status).toBe(200);
      expect(await big.pipeline.drained()).toBe(true);
      const roots = Array.from({ length: n }, (_, i) => ({ id: `R${i}`, kind: 2 }));
      expect((await postJson(big.httpPort!, otlpJson('svc-a', t, roots))).status).toBe(200);
      expect(await big.pipeline.drained()).toBe(true);
    } finally {
      await big.stop();
    }
    const edges = await store.read(
      'MATCH (x:Span)-[r:CHILD_OF]->(y:Span) WHERE x.trace_id = $t RETURN x.id AS c, y.id AS p',
      { t: tid(t) },
    );
    expect(edges).toHaveLength(2 * n);
    expect(new Set(edges.map((e) => `${e.c}>${e.p}`)).size).toBe(2 * n);
    expect(edges).toContainEqual({ c: sid('L7'), p: sid('M7') });
    expect(edges).toContainEqual({ c: sid('M7'), p: sid('R7') });
  });

  it('does not count re-delivered spans twice', async () => {
    const body = otlpJson('svc-r', 'redeliver', [
      { id: 'r-root', kind: 2 },
      { id: 'r-create', parent: 'r-root', attrs: { 'code.function.name': 'OrderService.create' } },
      { id: 'r-db', parent: 'r-create', kind: 3, attrs: { 'db.system': 'postgresql' } },
    ]);
    for (let i = 0; i < 3; i++) {
      expect((await postJson(port(), body)).status).toBe(200);
      await drained();
    }
    const svc = await store.one('MATCH (s:Service) WHERE s.id = $s RETURN s.span_count AS n', { s: 'svc-r' });
    expect(svc?.n).toBe(3);
    const call = await store.one(
      "MATCH (a:Service)-[c:CALLS_SERVICE]->(b:Service) WHERE a.id = 'svc-r' RETURN b.id AS b, c.count AS n",
    );
    expect(call).toEqual({ b: 'postgresql', n: 1 });
    const origin = await store.one(
      'MATCH (t:Trace)-[o:ORIGINATED_FROM]->(s:Service) WHERE t.id = $t RETURN count(o) AS n, min(s.id) AS svc',
      { t: tid('redeliver') },
    );
    expect(origin).toEqual({ n: 1, svc: 'svc-r' });
    expect(receivers.status().redelivered).toBeGreaterThanOrEqual(6);
  });
});

describe('observed calls', () => {
  it('adds a runtime-only CALLS edge for a call static analysis missed, and counts it', async () => {
    for (const t of ['rt1', 'rt2']) {
      const body = otlpJson('svc-rt', t, [
        { id: `${t}-p`, attrs: { 'code.function.name': 'src/repository.ts:allOrders' } },
        { id: `${t}-c`, parent: `${t}-p`, attrs: { 'code.function.name': 'src/app.ts:createApp' } },
      ]);
      expect((await postJson(port(), body)).status).toBe(200);
      await drained();
    }
    const edge = await store.one(
      'MATCH (x:Function)-[c:CALLS]->(y:Function) WHERE x.fqn = $a AND y.fqn = $b RETURN c.static AS st, c.observed AS o, c.observed_count AS n, c.resolution AS r',
      { a: 'src/repository.ts:allOrders', b: 'src/app.ts:createApp' },
    );
    expect(edge).toEqual({ st: false, o: true, n: 2, r: 'runtime' });
  });
});

describe('bad input over OTLP/HTTP', () => {
  const valid = () => otlpJson('svc-bad', 'bad', [{ id: 'ok-span' }]);

  it('answers 415 for other content types and encodings', async () => {
    expect((await postJson(port(), valid(), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await postJson(port(), valid(), { 'content-encoding': 'br' })).status).toBe(415);
  });

  it('answers 400 with a Status body for garbage, truncated protobuf, bad JSON and bad gzip', async () => {
    const { request } = otlpTypes();
    const good = request
      .encode(
        request.fromObject({
          resourceSpans: [
            {
              scopeSpans: [
                { spans: [{ traceId: Buffer.alloc(16, 1), spanId: Buffer.alloc(8, 2), name: 'x' }] },
              ],
            },
          ],
        }),
      )
      .finish();
    const send = (body: Uint8Array | string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port()}/v1/traces`, { method: 'POST', headers, body });
    const proto = { 'content-type': 'application/x-protobuf' };
    const truncated = await send(good.subarray(0, good.length - 3), proto);
    expect(truncated.status).toBe(400);
    const status = Buffer.from(await truncated.arrayBuffer());
    expect(status.toString('latin1')).toMatch(/malformed OTLP protobuf/);
    expect((await send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), proto)).status).toBe(400);
    const badJson = await postJson(port(), '{"resourceSpans": [');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({
      code: 3,
      message: expect.stringMatching(/malformed OTLP JSON/),
    });
    expect((await postJson(port(), 'not gzip', { 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it('answers 413 for oversize bodies, compressed or not', async () => {
    const big = 'x'.repeat(70 * 1024);
    expect((await postJson(port(), big)).status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await postJson(port(), bomb as unknown as string, { 'content-encoding': 'gzip' })).status).toBe(
      413,
    );
  });

  it('accepts gzip, ignores unknown fields and reports ids of the wrong length as partial success', async () => {
    const body = JSON.parse(valid());
    const spans = body.resourceSpans[0].scopeSpans[0].spans;
    spans[0].futureField = { a: 1 };
    spans.push({ ...spans[0], spanId: 'abcd' }, { ...spans[0], spanId: sid('ok-2'), traceId: 'zz' });
    const res = await postJson(port(), gzipSync(JSON.stringify(body)) as unknown as string, {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '2',
        errorMessage: expect.stringMatching(/invalid span id "abcd".*invalid trace id "zz"/),
      },
    });
    await drained();
    expect(
      await store.one('MATCH (s:Span) WHERE s.id = $id RETURN s.name AS n', { id: sid('ok-span') }),
    ).toEqual({ n: 'ok-span' });
    expect(receivers.status().rejected).toBeGreaterThanOrEqual(2);
  });

  it('answers 405 and 404 elsewhere, and keeps serving', async () => {
    expect((await fetch(`http://127.0.0.1:${port()}/v1/traces`)).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port()}/v1/metrics`, { method: 'POST' })).status).toBe(404);
    expect((await postJson(port(), valid())).status).toBe(200);
  });
});

describe('bad input over gRPC', () => {
  it('answers INVALID_ARGUMENT for bytes that are not an export request, and keeps serving', async () => {
    const id = (b: Buffer) => b;
    const Client = grpc.makeGenericClientConstructor(
      {
        Export: {
          path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
          requestStream: false,
          responseStream: false,
          requestSerialize: id,
          requestDeserialize: id,
          responseSerialize: id,
          responseDeserialize: id,
        },
      },
      'TraceService',
    );
    const client = new Client(`127.0.0.1:${receivers.grpcPort}`, grpc.credentials.createInsecure());
    const call = (b: Buffer) =>
      new Promise<{ err: grpc.ServiceError | null; res?: Buffer }>((resolve) =>
        (
          client as unknown as Record<
            string,
            (b: Buffer, cb: (e: grpc.ServiceError | null, r?: Buffer) => void) => void
          >
        ).Export!(b, (err, res) => resolve({ err, ...(res ? { res } : {}) })),
      );
    const bad = await call(Buffer.from([0x0a, 0xff, 0xff, 0xff]));
    expect(bad.err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    const { request } = otlpTypes();
    const ok = await call(Buffer.from(request.encode(request.fromObject({ resourceSpans: [] })).finish()));
    expect(ok.err).toBeNull();
    client.close();
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After when the queue is full, and counts what it refused', async () => {
    const small = await startOtelReceivers({
      store,
      settings: testSettings({ grpcPort: -1, maxQueueSpans: 3, batchSize: 1000, flushIntervalMs: 60_000 }),
      logger,
    });
    try {
      const spans = (p: string) => [1, 2].map((i) => ({ id: `${p}${i}` }));
      expect((await postJson(small.httpPort!, otlpJson('svc-q', 'q', spans('qa')))).status).toBe(200);
      const refused = await postJson(small.httpPort!, otlpJson('svc-q', 'q', spans('qb')));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(small.status()).toMatchObject({ refused: 2, refusedRequests: 1, queueDepth: 2 });
      expect((await postJson(small.httpPort!, otlpJson('svc-q', 'q', [{ id: 'qc1' }]))).status).toBe(200);
      // With the queue at capacity a request is refused before it is decoded: even garbage gets 429.
      const full = await postJson(small.httpPort!, '{ not json');
      expect(full.status).toBe(429);
      expect(small.status()).toMatchObject({ refused: 2, refusedRequests: 2, queueDepth: 3 });
    } finally {
      await small.stop();
    }
    // stop drains what was accepted
    expect(
      await store.one('MATCH (s:Span) WHERE s.id = $id RETURN s.id AS id', { id: sid('qa1') }),
    ).toBeDefined();
  });
});

export { EXAMPLE_ROOT };
