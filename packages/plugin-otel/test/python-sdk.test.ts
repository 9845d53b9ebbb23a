import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GraphStore } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtelReceivers, startOtelReceivers } from '../src/otel-receivers.js';
import { lineOf, logger, openStore, testSettings } from './helpers.js';

// The OpenTelemetry Python SDK from PyPI, installed by examples/otel-python/setup-venv.sh
// into a cache folder (never downloaded by the test itself).
const PY_ROOT = resolve(import.meta.dirname, '../../../examples/otel-python');
const VENV =
  process.env.CGC_OTEL_PY_VENV ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cgc/otel-python-venv');
const PYTHON = join(VENV, 'bin/python');
const hasSdk = existsSync(PYTHON);

let db: Awaited<ReturnType<typeof openStore>>;
let store: GraphStore;
let receivers: OtelReceivers;

const SERVICE = join(PY_ROOT, 'app/services/order_service.py');
const fns = [
  ['py:list', 'app.services.order_service.OrderService.list_orders', 'list_orders', '    def list_orders', 3],
  [
    'py:create',
    'app.services.order_service.OrderService.create_order',
    'create_order',
    '    def create_order',
    9,
  ],
] as const;

beforeAll(async () => {
  if (!hasSdk) return;
  db = await openStore();
  store = db.store;
  // the Python functions as the indexer writes them (dotted fqn, absolute path, line range)
  await store.upsertNodes(
    'Function',
    fns.map(([id, fqn, name, start, length]) => {
      const line = lineOf(SERVICE, start);
      return {
        id,
        fqn,
        name,
        path: SERVICE,
        line_number: line,
        end_line: line + length,
        repo: 'py',
        lang: 'python',
      };
    }),
  );
  receivers = await startOtelReceivers({ store, settings: testSettings(), logger });
});

afterAll(async () => {
  await receivers?.stop();
  await db?.close();
});

describe('OpenTelemetry Python SDK → receivers', () => {
  it('knows whether the Python SDK is installed', () => {
    expect(typeof hasSdk).toBe('boolean');
  });

  for (const protocol of ['http/protobuf', 'grpc'] as const) {
    it.runIf(hasSdk)(
      `correlates Python spans sent over ${protocol} (runs after examples/otel-python/setup-venv.sh)`,
      async () => {
        const endpoint = `http://127.0.0.1:${protocol === 'grpc' ? receivers.grpcPort : receivers.httpPort}`;
        await promisify(execFile)(PYTHON, ['-m', 'app.main'], {
          cwd: PY_ROOT,
          env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTLP_PROTOCOL: protocol },
          timeout: 30_000,
        });
        expect(await receivers.pipeline.drained()).toBe(true);
        const rows = await store.read(
          "MATCH (s:Span)-[c:CORRELATES_TO]->(f:Function) WHERE s.service_name = 'orders-py' RETURN DISTINCT s.name AS span, f.id AS fn, c.strategy AS strategy",
        );
        expect(rows).toContainEqual({ span: 'OrderService.list_orders', fn: 'py:list', strategy: 'fqn' });
        expect(rows).toContainEqual({ span: 'OrderService.create_order', fn: 'py:create', strategy: 'fqn' });
        const svc = await store.one(
          "MATCH (s:Service) WHERE s.id = 'orders-py' RETURN s.version AS v, s.environment AS e, s.language AS l",
        );
        expect(svc).toEqual({ v: '2.0', e: 'test', l: 'python' });
        const db = await store.one(
          "MATCH (a:Service)-[c:CALLS_SERVICE]->(b:Service) WHERE a.id = 'orders-py' RETURN b.id AS b",
        );
        expect(db).toEqual({ b: 'postgresql' });
      },
    );
  }
});
