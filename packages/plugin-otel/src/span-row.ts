import type { NodeRow } from '@cgc/core';
import type { Correlation } from './correlate.js';
import type { SpanRecord } from './span-record.js';

/** A span's duration in milliseconds. */
export function durationMs(s: SpanRecord): number {
  return Number(s.endNs - s.startNs) / 1e6;
}

/** When a span ran, as the Span and Trace rows store it (µs since the epoch, ms long). */
export function spanTimes(s: SpanRecord): { start_us: number; end_us: number; duration_ms: number } {
  return {
    start_us: Number(s.startNs / 1000n),
    end_us: Number(s.endNs / 1000n),
    duration_ms: durationMs(s),
  };
}

/**
 * A Span row: what the queries filter and show as columns, everything else (code.*, db.*,
 * peer.service, HTTP status…) inside `attributes`. Every row has every column (absent ones null):
 * rows of one shape share one bulk load, which cost less than the null cells it saves.
 */
export function spanRow(s: SpanRecord, c: Correlation | undefined): NodeRow {
  const a = s.attributes;
  // one object literal of every column: rows of one shape, built without intermediate objects
  return {
    id: s.spanId,
    trace_id: s.traceId,
    parent_span_id: s.parentSpanId ?? null,
    name: s.name,
    kind: s.kind,
    service_name: s.service.name,
    start_us: Number(s.startNs / 1000n),
    end_us: Number(s.endNs / 1000n),
    duration_ms: durationMs(s),
    status_code: s.statusCode,
    status_message: s.statusMessage ?? null,
    http_route: text(a['http.route']),
    http_method: text(a['http.request.method']) ?? text(a['http.method']),
    scope: s.scope ?? null,
    attributes: JSON.stringify(a),
    events: s.events.length > 0 ? JSON.stringify(s.events) : null,
    links: s.links.length > 0 ? JSON.stringify(s.links) : null,
    correlation: c ? c.strategy : 'unmatched',
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
