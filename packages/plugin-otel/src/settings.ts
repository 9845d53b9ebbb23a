import { CgcError } from '@cgc/core';
import { type PathMapping, parsePathMappings } from './path-mapping.js';

/** Settings of the OTEL plugin (config `plugins.settings.otel`, or `CGC_PLUGIN_OTEL_*` variables). */
export interface OtelSettings {
  /** gRPC receiver port (4317); 0 picks a free port; -1 disables it. */
  readonly grpcPort: number;
  /** OTLP/HTTP receiver port (4318); 0 picks a free port; -1 disables it. */
  readonly httpPort: number;
  readonly host: string;
  /** Spans held in memory before receivers answer "retry later" (default 100k). */
  readonly maxQueueSpans: number;
  /** Most spans one graph write coalesces from the queue (default 20k). */
  readonly batchSize: number;
  /** Longest wait before a partial batch is written, ms (default 200). */
  readonly flushIntervalMs: number;
  /** Largest accepted request body, bytes (default 16 MiB, after gzip). */
  readonly maxBodyBytes: number;
  /** Spans older than this many hours are pruned (0 keeps all; default 168). Aggregates are kept. */
  readonly retentionHours: number;
  /** How often the Function/Route index is re-read for correlation, ms (default 30 s). */
  readonly indexRefreshMs: number;
  readonly pathMappings: readonly PathMapping[];
  /** `http.route` values never stored (health checks and such). */
  readonly ignoreRoutes: readonly string[];
}

/** Reads settings from plugin options, strings from variables included. */
export function parseSettings(raw: Readonly<Record<string, unknown>>): OtelSettings {
  const int = (k: string, d: number, min: number) => {
    const v = raw[k];
    if (v === undefined || v === '') return d;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new CgcError('CONFIG_INVALID', `otel setting ${k} must be an integer ≥ ${min}, got ${String(v)}`);
    return n;
  };
  const routes = raw.ignoreRoutes;
  return {
    grpcPort: int('grpcPort', 4317, -1),
    httpPort: int('httpPort', 4318, -1),
    host: typeof raw.host === 'string' && raw.host !== '' ? raw.host : '0.0.0.0',
    maxQueueSpans: int('maxQueueSpans', 100_000, 1),
    batchSize: int('batchSize', 20_000, 1),
    flushIntervalMs: int('flushIntervalMs', 200, 1),
    maxBodyBytes: int('maxBodyBytes', 16 * 1024 * 1024, 1024),
    retentionHours: int('retentionHours', 168, 0),
    indexRefreshMs: int('indexRefreshMs', 30_000, 100),
    pathMappings: parsePathMappings(raw.pathMappings),
    ignoreRoutes: Array.isArray(routes)
      ? routes.map(String)
      : typeof routes === 'string'
        ? routes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : ['/health', '/healthz', '/metrics', '/ping'],
  };
}
