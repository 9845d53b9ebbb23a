import type { NodeRow } from '@cgc/core';
import { type Correlation, spanCode } from './correlate.js';
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
  const row: Record<string, NodeRow[string]> = {
    id: s.spanId,
    trace_id: s.traceId,
    name: s.name,
    kind: s.kind,
    service_name: s.service.name,
    ...spanTimes(s),
    status_code: s.statusCode,
    attributes: JSON.stringify(s.attributes),
    correlation: c ? c.strategy : 'unmatched',
  };
  const code = spanCode(s);
  row.parent_span_id = s.parentSpanId ?? null;
  row.status_message = s.statusMessage ?? null;
  row.scope = s.scope ?? null;
  row.events = s.events.length > 0 ? JSON.stringify(s.events) : null;
  row.links = s.links.length > 0 ? JSON.stringify(s.links) : null;
  row.http_route = code.route ?? null;
  row.http_method = code.method ?? null;
  return row;
}
