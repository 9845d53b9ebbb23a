import { defineSchema } from '@cgc/core';

/**
 * The runtime graph written by the OTEL plugin. Keys are strings (span and trace ids
 * in lowercase hex, service names as given); attributes, events and links are kept
 * as compact JSON so that every attribute type survives on every engine.
 */
export const OTEL_SCHEMA = defineSchema({
  nodes: [
    {
      label: 'Service',
      key: 'id',
      properties: {
        id: 'string',
        name: 'string',
        version: 'string',
        environment: 'string',
        namespace: 'string',
        language: 'string',
        // false for peers seen only from the outside (a database, an uninstrumented API)
        instrumented: 'boolean',
        span_count: 'int',
        first_seen: 'int',
        last_seen: 'int',
      },
      indexes: ['name'],
    },
    {
      label: 'Trace',
      key: 'id',
      properties: {
        id: 'string',
        root_span_id: 'string',
        root_name: 'string',
        root_service: 'string',
        start_us: 'int',
        end_us: 'int',
        duration_ms: 'float',
      },
    },
    {
      label: 'Span',
      key: 'id',
      properties: {
        id: 'string',
        trace_id: 'string',
        parent_span_id: 'string',
        name: 'string',
        kind: 'string',
        service_name: 'string',
        start_us: 'int',
        end_us: 'int',
        duration_ms: 'float',
        status_code: 'string',
        status_message: 'string',
        http_route: 'string',
        http_method: 'string',
        scope: 'string',
        attributes: 'json',
        events: 'json',
        links: 'json',
        // how correlation ended: a strategy name, or `unmatched`
        correlation: 'string',
      },
      indexes: ['trace_id', 'service_name', 'http_route', 'parent_span_id', 'start_us'],
    },
    {
      label: 'FunctionStats',
      key: 'id',
      properties: {
        id: 'string',
        function_id: 'string',
        fqn: 'string',
        count: 'int',
        error_count: 'int',
        first_seen: 'int',
        last_seen: 'int',
        total_ms: 'float',
        max_ms: 'float',
        p50_ms: 'float',
        p95_ms: 'float',
        p99_ms: 'float',
        histogram: 'json',
      },
      indexes: ['function_id'],
    },
  ],
  relationships: [
    { type: 'PART_OF', from: ['Span'], to: ['Trace'], properties: {} },
    { type: 'CHILD_OF', from: ['Span'], to: ['Span'], properties: {} },
    // the service a trace began in (its root span's); each span's own service is `service_name`
    { type: 'ORIGINATED_FROM', from: ['Trace'], to: ['Service'], properties: {} },
    {
      type: 'CALLS_SERVICE',
      from: ['Service'],
      to: ['Service'],
      properties: { count: 'int', first_seen: 'int', last_seen: 'int' },
    },
    {
      type: 'CORRELATES_TO',
      from: ['Span'],
      to: ['Function'],
      properties: { strategy: 'string', confidence: 'float' },
    },
    { type: 'STATS_OF', from: ['FunctionStats'], to: ['Function'], properties: {} },
  ],
});
