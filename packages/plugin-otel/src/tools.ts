import { CgcError, defineTool, type ToolSpec, z } from '@cgc/core';
import type { OtelReceivers } from './otel-receivers.js';
import {
  crossServiceCalls,
  graphCounts,
  hotPaths,
  listServices,
  neverObserved,
  querySpans,
  recentExecutions,
  routeExecutionPath,
  serviceMap,
} from './queries.js';

const limit = (d: number) => z.number().int().min(1).max(1000).default(d).describe('maximum rows');

/** The plugin's MCP tools; `live` returns the receivers running in this process, if any. */
export function otelTools(live: () => OtelReceivers | undefined): ToolSpec[] {
  return [
    defineTool({
      name: 'otel_query_spans',
      title: 'Query runtime spans',
      description:
        'Spans received over OTLP, newest first, filtered by HTTP route, service, trace id or correlated function fqn (substring).',
      readOnly: true,
      input: {
        http_route: z.string().optional().describe('exact http.route, e.g. /api/orders/{id}'),
        service: z.string().optional().describe('service.name'),
        trace_id: z
          .string()
          .regex(/^[0-9a-fA-F]{32}$/)
          .optional(),
        function: z.string().optional().describe('part of the correlated function fqn'),
        limit: limit(20),
      },
      handler: async (input, ctx) => ({ spans: await querySpans(await ctx.store(), input) }),
    }),
    defineTool({
      name: 'otel_list_services',
      title: 'List services',
      description:
        'Services seen in spans (instrumented) or as the peer of a call (uninstrumented), with span counts and versions.',
      readOnly: true,
      input: {},
      handler: async (_input, ctx) => ({ services: await listServices(await ctx.store()) }),
    }),
    defineTool({
      name: 'otel_cross_layer_query',
      title: 'Cross-layer query',
      description:
        'Static code joined with runtime evidence: never_observed (functions no span ran), cross_service_calls (service → service with counts), recent_executions (newest spans correlated to functions).',
      readOnly: true,
      input: {
        query_type: z.enum(['never_observed', 'cross_service_calls', 'recent_executions']),
        repo: z.string().optional().describe('restrict never_observed to one repository'),
        limit: limit(20),
      },
      handler: async (input, ctx) => {
        const store = await ctx.store();
        if (input.query_type === 'never_observed')
          return { results: await neverObserved(store, input.limit, input.repo) };
        if (input.query_type === 'cross_service_calls')
          return { results: await crossServiceCalls(store, input.limit) };
        return { results: await recentExecutions(store, input.limit) };
      },
    }),
    defineTool({
      name: 'otel_route_execution_path',
      title: 'Execution path of a route',
      description:
        'Which functions ran, how often and how long, in the traces of requests to an HTTP route (e.g. POST /api/orders), plus its static handler.',
      readOnly: true,
      input: {
        route: z.string().min(1).describe('the route template as in http.route, e.g. /api/orders'),
        method: z.string().optional().describe('HTTP method, e.g. POST'),
        limit: limit(50),
      },
      handler: async (input, ctx) =>
        routeExecutionPath(await ctx.store(), input.route, input.method, input.limit),
    }),
    defineTool({
      name: 'otel_hot_paths',
      title: 'Hot paths',
      description:
        'The most executed or slowest functions (from aggregates that outlive span retention) and the most observed function-to-function calls.',
      readOnly: true,
      input: { by: z.enum(['count', 'p95', 'total']).default('count'), limit: limit(20) },
      handler: async (input, ctx) => hotPaths(await ctx.store(), input.by, input.limit),
    }),
    defineTool({
      name: 'otel_service_map',
      title: 'Service map',
      description:
        'Services and the calls between them, with counts, including uninstrumented peers such as databases.',
      readOnly: true,
      input: {},
      handler: async (_input, ctx) => serviceMap(await ctx.store()),
    }),
    defineTool({
      name: 'otel_status',
      title: 'OTEL receiver status',
      description:
        'Receivers, queue depth, spans/s, refused and dropped counts and correlation rates (live when the receivers run in this server), plus graph totals.',
      readOnly: true,
      input: {},
      handler: async (_input, ctx) => {
        const r = live();
        let graph: unknown;
        try {
          graph = await graphCounts(await ctx.store());
        } catch (err) {
          if (!r) throw err instanceof Error ? err : new CgcError('INTERNAL', String(err));
          graph = { error: (err as Error).message };
        }
        return { running: Boolean(r), ...(r ? { live: r.status() } : {}), graph };
      },
    }),
  ];
}
