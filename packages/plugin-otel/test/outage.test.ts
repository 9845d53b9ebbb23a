import { CgcError, CORE_SCHEMA, type GraphAdapter, GraphStore } from '@cgc/core';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtelReceivers, startOtelReceivers } from '../src/otel-receivers.js';
import { otlpTypes } from '../src/otlp-proto.js';
import { OTEL_SCHEMA } from '../src/schema.js';
import { logger, openStore, testSettings } from './helpers.js';
import { exporter, otelApi, provider, Recorder } from './sdk.js';

// The real Kuzu store behind a switch that makes every call fail as a lost connection
// would: the database "disappears" mid-stream and comes back.
function switchable(inner: GraphAdapter) {
  const state = { down: false };
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      state.down
        ? Promise.reject(new CgcError('DB_UNAVAILABLE', 'connection lost (test switch)', { retriable: true }))
        : fn(...a);
  const adapter: GraphAdapter = {
    name: inner.name,
    capabilities: inner.capabilities,
    connect: guard(() => inner.connect()),
    ensureSchema: guard((s) => inner.ensureSchema(s)),
    upsertNodes: guard((d, r) => inner.upsertNodes(d, r)),
    upsertRelationships: guard((d, b) => inner.upsertRelationships(d, b)),
    deleteNodes: guard((s) => inner.deleteNodes(s)),
    query: guard((c, p, o) => inner.query(c, p, o)),
    close: () => inner.close(),
  };
  return { adapter, state };
}

async function rawExport(port: number): Promise<{ code: number; details: Buffer }> {
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
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const { request } = otlpTypes();
  const body = Buffer.from(
    request
      .encode(
        request.fromObject({
          resourceSpans: [
            {
              scopeSpans: [
                { spans: [{ traceId: Buffer.alloc(16, 7), spanId: Buffer.alloc(8, 7), name: 'raw' }] },
              ],
            },
          ],
        }),
      )
      .finish(),
  );
  try {
    return await new Promise((resolve) =>
      (client as unknown as Record<string, (b: Buffer, cb: (e: grpc.ServiceError | null) => void) => void>)
        .Export!(body, (err) =>
        resolve({
          code: err?.code ?? 0,
          details: (err?.metadata.get('grpc-status-details-bin')[0] as Buffer | undefined) ?? Buffer.alloc(0),
        }),
      ),
    );
  } finally {
    client.close();
  }
}

let db: Awaited<ReturnType<typeof openStore>>;
let store: GraphStore;
let sw: ReturnType<typeof switchable>;
let receivers: OtelReceivers;

beforeAll(async () => {
  db = await openStore();
  sw = switchable(db.store.adapter);
  store = new GraphStore(sw.adapter, { attempts: 2, backoffMs: 10 });
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA, OTEL_SCHEMA);
  receivers = await startOtelReceivers({ store, settings: testSettings(), logger });
});

afterAll(async () => {
  await receivers?.stop();
  otelApi.trace.disable();
  await db?.close();
});

describe('a database that disappears mid-stream', () => {
  it('refuses with 503/UNAVAILABLE while it is down, and loses nothing it accepted', async () => {
    const recorder = new Recorder();
    const p = provider('outage', exporter('http-protobuf', { http: receivers.httpPort }), recorder);
    const burst = (tracerProvider: typeof p, n: number, tag: string) => {
      const tracer = tracerProvider.getTracer('t');
      for (let i = 0; i < n; i++) tracer.startSpan(`${tag}-${i}`).end();
    };
    burst(p, 20, 'before');
    await p.forceFlush();
    expect(await receivers.pipeline.drained()).toBe(true);

    sw.state.down = true;
    burst(p, 20, 'during');
    await p.forceFlush(); // accepted into the queue; its write then fails
    for (let i = 0; i < 100 && receivers.status().dbHealthy; i++) await new Promise((r) => setTimeout(r, 50));
    expect(receivers.status().dbHealthy).toBe(false);
    burst(p, 20, 'during-2');
    const flushing = p.forceFlush(); // refused with 503 + Retry-After: the exporter retries
    for (let i = 0; i < 100 && receivers.status().refused === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(receivers.status().refused).toBeGreaterThan(0);
    // gRPC callers get UNAVAILABLE with a RetryInfo detail (the JS gRPC exporter 0.218 does not
    // retry on any gRPC status, so this is checked with a plain client)
    const grpcAnswer = await rawExport(receivers.grpcPort!);
    expect(grpcAnswer.code).toBe(grpc.status.UNAVAILABLE);
    expect(grpcAnswer.details.toString('latin1')).toContain('type.googleapis.com/google.rpc.RetryInfo');
    await new Promise((r) => setTimeout(r, 800));
    sw.state.down = false;
    await flushing;
    expect(await receivers.pipeline.drained(20_000)).toBe(true);

    const ids = recorder.spans.map((s) => s.spanContext().spanId);
    const rows = await store.read('MATCH (s:Span) WHERE s.id IN $ids RETURN count(s) AS n', { ids });
    expect(rows[0]?.n).toBe(60);
    expect(recorder.spans).toHaveLength(60);
    const status = receivers.status();
    expect(status.dropped).toBe(0);
    expect(status.dbHealthy).toBe(true);
    await p.shutdown();
  }, 60_000);
});
