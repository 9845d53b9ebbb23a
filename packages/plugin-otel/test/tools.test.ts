import {
  type CgcPlugin,
  CORE_SCHEMA,
  createLogger,
  type GraphStore,
  loadConfig,
  mergeSchemas,
  type PluginContext,
} from '@cgc/core';
import { createApp } from '@cgc/example-otel-hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createOtelPlugin from '../src/index.js';
import { pruneSpans } from '../src/retention.js';
import { exampleFnId, writeExampleGraph } from './example-graph.js';
import { EXAMPLE_ROOT, openStore } from './helpers.js';
import { exporter, otelApi, paymentsServer, provider, Recorder } from './sdk.js';

let db: Awaited<ReturnType<typeof openStore>>;
let store: GraphStore;
let plugin: CgcPlugin;
let ctx: PluginContext;

const call = (name: string, input: Record<string, unknown> = {}) => {
  const tool = plugin.tools!.find((t) => t.name === name)!;
  return tool.handler(input as never, ctx, {
    signal: new AbortController().signal,
    progress: () => undefined,
  }) as Promise<Record<string, unknown>>;
};

beforeAll(async () => {
  db = await openStore();
  store = db.store;
  await writeExampleGraph(store);
  plugin = await createOtelPlugin({
    grpcPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    flushIntervalMs: 20,
    pathMappings: `/srv/orders=${EXAMPLE_ROOT}`,
  });
  ctx = {
    coreVersion: '0.1.0',
    config: loadConfig({ env: {}, cwd: db.dir }),
    settings: {},
    logger: createLogger('silent'),
    store: async () => store,
  };
  // runs as `cgc serve` would: the plugin's service on the shared store
  await plugin.services![0]!.start(ctx);
  const status = plugin.services![0]!.status!() as { receivers: { grpc: string; http: string } };
  const recorder = new Recorder();
  const port = (a: string) => Number(a.split(':').pop());
  const orders = provider(
    'orders',
    exporter('http-json', { http: port(status.receivers.http) }),
    recorder,
    true,
  );
  const payments = provider('payments', exporter('grpc', { grpc: port(status.receivers.grpc) }), recorder);
  const app = createApp(paymentsServer(payments.getTracer('p')));
  for (let i = 0; i < 3; i++) await app.request('/api/orders', { method: 'POST', body: '{}' });
  await app.request('/api/orders');
  await orders.forceFlush();
  await payments.forceFlush();
  // the service's own counters: polling through a tool would read the graph in a tight loop
  const live = async () => plugin.services![0]!.status!() as { queueDepth: number; written: number };
  for (let i = 0; i < 200; i++) {
    const l = await live();
    if (l.written >= 3 * 6 + 2 && l.queueDepth === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await orders.shutdown();
  await payments.shutdown();
});

afterAll(async () => {
  await plugin?.services?.[0]?.stop();
  await plugin?.services?.[0]?.stop(); // twice is safe
  otelApi.trace.disable();
  await db?.close();
});

describe('the plugin contract', () => {
  it('declares a schema that merges with core', () => {
    expect(plugin).toMatchObject({ name: 'otel', coreRange: '^0.1.0' });
    const merged = mergeSchemas(CORE_SCHEMA, plugin.schema!);
    expect(merged.relationships.find((r) => r.type === 'CORRELATES_TO')).toMatchObject({
      from: ['Span'],
      to: ['Function'],
    });
    expect(plugin.commands?.[0]?.subcommands?.map((c) => c.name)).toEqual([
      'start',
      'status',
      'query-spans',
      'list-services',
    ]);
  });
});

describe('MCP tools', () => {
  it('otel_list_services lists instrumented services and peers', async () => {
    const { services } = (await call('otel_list_services')) as {
      services: { name: string; instrumented: boolean; span_count: number | null }[];
    };
    expect(services.map((s) => [s.name, s.instrumented])).toEqual([
      ['orders', true],
      ['payments', true],
      ['sqlite', false],
    ]);
    expect(services[0]!.span_count).toBe(3 * 5 + 2);
  });

  it('otel_query_spans filters by route and by function', async () => {
    const { spans } = (await call('otel_query_spans', { http_route: '/api/orders', limit: 10 })) as {
      spans: Record<string, unknown>[];
    };
    expect(spans).toHaveLength(4);
    expect(
      spans.filter((s) => s.function === 'src/app.ts:createOrder' && s.strategy === 'route'),
    ).toHaveLength(3);
    const byFn = (await call('otel_query_spans', { function: 'saveOrder', limit: 10 })) as {
      spans: Record<string, unknown>[];
    };
    expect(byFn.spans.map((s) => s.strategy)).toEqual(['file_line', 'file_line', 'file_line']);
  });

  it('otel_cross_layer_query answers the three RFC queries', async () => {
    const never = (await call('otel_cross_layer_query', { query_type: 'never_observed', limit: 50 })) as {
      results: { fqn: string }[];
    };
    expect(never.results.map((r) => r.fqn).sort()).toEqual([
      'src/app.ts:createApp',
      'src/order-service.ts:OrderService.charge',
      'src/repository.ts:allOrders',
    ]);
    const cross = (await call('otel_cross_layer_query', { query_type: 'cross_service_calls' })) as {
      results: Record<string, unknown>[];
    };
    expect(cross.results.map((r) => [r.from_service, r.to_service, r.calls])).toEqual([
      ['orders', 'payments', 3],
      ['orders', 'sqlite', 3],
    ]);
    const recent = (await call('otel_cross_layer_query', { query_type: 'recent_executions', limit: 5 })) as {
      results: Record<string, unknown>[];
    };
    expect(recent.results).toHaveLength(5);
    expect(recent.results[0]).toMatchObject({
      function: expect.any(String),
      strategy: expect.any(String),
      start_time: expect.any(String),
    });
  });

  it('otel_route_execution_path shows which functions ran for POST /api/orders', async () => {
    const r = (await call('otel_route_execution_path', { route: '/api/orders', method: 'POST' })) as {
      requests: number;
      handlers: Record<string, unknown>[];
      functions: Record<string, unknown>[];
    };
    expect(r.requests).toBe(3);
    expect(r.handlers.map((h) => h.handler).sort()).toEqual([
      'src/app.ts:createOrder',
      'src/app.ts:listOrders',
    ]);
    expect(r.functions.map((f) => [f.function, f.executions])).toEqual([
      ['src/app.ts:createOrder', 3],
      ['src/order-service.ts:OrderService.create', 3],
      ['src/repository.ts:saveOrder', 3],
    ]);
  });

  it('otel_hot_paths and otel_service_map', async () => {
    const hot = (await call('otel_hot_paths', { by: 'count', limit: 3 })) as {
      functions: Record<string, unknown>[];
      calls: Record<string, unknown>[];
    };
    expect(hot.functions[0]).toMatchObject({ executions: 3 });
    expect(hot.calls.find((c) => c.caller === 'src/app.ts:createOrder')).toMatchObject({
      observed_count: 3,
      static: true,
    });
    const slow = (await call('otel_hot_paths', { by: 'p95', limit: 10 })) as {
      functions: { p95_ms: number }[];
    };
    expect(slow.functions[0]!.p95_ms).toBeGreaterThanOrEqual(slow.functions.at(-1)!.p95_ms);
    const map = (await call('otel_service_map')) as { services: unknown[]; edges: unknown[] };
    expect(map.services).toHaveLength(3);
    expect(map.edges).toHaveLength(2);
  });

  it('otel_status reports live receivers and correlation rates', async () => {
    const s = (await call('otel_status')) as {
      running: boolean;
      live: Record<string, unknown>;
      graph: Record<string, unknown>;
    };
    expect(s.running).toBe(true);
    expect(s.live).toMatchObject({ dbHealthy: true, refused: 0, dropped: 0, queueDepth: 0 });
    expect((s.graph as { spans: number }).spans).toBe(3 * 6 + 2);
  });
});

describe('cgc otel status', () => {
  it('prints receivers, queue and correlation figures', async () => {
    const lines: string[] = [];
    const status = plugin.commands![0]!.subcommands!.find((c) => c.name === 'status')!;
    const code = await status.run!({}, {}, ctx, {
      print: (l) => lines.push(l),
      json: () => undefined,
      isTTY: false,
      signal: new AbortController().signal,
    });
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(
      /receivers: grpc 127\.0\.0\.1:\d+, http 127\.0\.0\.1:\d+ {2}database: ok/,
    );
    expect(lines.join('\n')).toMatch(/correlation: \d+\.\d% matched/);
  });
});

describe('retention', () => {
  it('prunes old spans and empty traces but keeps per-function aggregates and observed calls', async () => {
    const before = await store.one<{ n: number }>('MATCH (s:Span) RETURN count(s) AS n');
    expect(before?.n).toBeGreaterThan(0);
    // nothing older than an hour ago: nothing pruned, nothing touched
    expect(await pruneSpans(store, Date.now() - 3_600_000)).toBe(0);
    expect(await store.one('MATCH (s:Span) RETURN count(s) AS n')).toEqual(before);
    expect(await pruneSpans(store, Date.now() + 60_000)).toBe(before?.n);
    expect(await store.one('MATCH (s:Span) RETURN count(s) AS n')).toEqual({ n: 0 });
    expect(await store.one('MATCH (t:Trace) RETURN count(t) AS n')).toEqual({ n: 0 });
    const stats = await store.one(
      'MATCH (s:FunctionStats)-[:STATS_OF]->(f:Function) WHERE f.id = $id RETURN s.count AS n',
      {
        id: exampleFnId('src/repository.ts:saveOrder'),
      },
    );
    expect(stats).toEqual({ n: 3 });
    const calls = await store.read(
      'MATCH (x:Function)-[c:CALLS]->(y:Function) WHERE c.observed = true RETURN count(c) AS n',
    );
    expect(Number(calls[0]?.n)).toBeGreaterThanOrEqual(3);
  });
});
