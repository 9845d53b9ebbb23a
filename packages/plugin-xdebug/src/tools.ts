import { defineTool, type PluginContext, type ToolSpec, z } from '@cgc/core';
import { listChains, missedCalls, neverExecuted, queryChains, requestFunctions } from './queries.js';

/** The plugin's MCP tools (read-only queries over the captured graph). */
export function xdebugTools(): ToolSpec[] {
  const store = (ctx: PluginContext) => ctx.store();
  return [
    defineTool({
      name: 'xdebug_list_chains',
      title: 'Xdebug: most observed PHP call chains',
      description:
        'Lists PHP call chains captured by Xdebug (live DBGp sessions or imported traces), most observed first: ' +
        'the innermost function, where it was called from, and the chain from {main}.',
      readOnly: true,
      input: {
        limit: z.number().int().min(1).max(1000).default(20),
        min_observations: z.number().int().min(1).default(1),
      },
      handler: async (i, ctx) => ({
        chains: await listChains(await store(ctx), { limit: i.limit, minObservations: i.min_observations }),
      }),
    }),
    defineTool({
      name: 'xdebug_query_chain',
      title: 'Xdebug: call chains reaching a method',
      description:
        'Finds captured call chains whose innermost frame matches a class and/or method (substring match), with ' +
        'the callers (innermost first), the observation count and the Function the frame resolves to.',
      readOnly: true,
      input: {
        class_name: z.string().default(''),
        method_name: z.string().default(''),
        chain: z.string().optional(),
        limit: z.number().int().min(1).max(1000).default(10),
      },
      handler: async (i, ctx) => ({
        results: await queryChains(await store(ctx), {
          className: i.class_name,
          methodName: i.method_name,
          ...(i.chain ? { chain: i.chain } : {}),
          limit: i.limit,
        }),
      }),
    }),
    defineTool({
      name: 'xdebug_request_functions',
      title: 'Xdebug: what ran for one request',
      description:
        'Functions executed by a captured PHP request chosen by URL (substring), trigger value (XDEBUG_TRIGGER or ' +
        'IDE key) or request id, with call counts and the indexed Function each frame resolves to.',
      readOnly: true,
      input: {
        url: z.string().optional(),
        trigger: z.string().optional(),
        request_id: z.string().optional(),
        limit: z.number().int().min(1).max(10_000).default(200),
      },
      handler: async (i, ctx) =>
        requestFunctions(await store(ctx), {
          ...(i.url ? { url: i.url } : {}),
          ...(i.trigger ? { trigger: i.trigger } : {}),
          ...(i.request_id ? { requestId: i.request_id } : {}),
          limit: i.limit,
        }),
    }),
    defineTool({
      name: 'xdebug_never_executed',
      title: 'Xdebug: functions never seen running',
      description:
        'Indexed PHP functions and methods under a namespace (e.g. `App\\Services`) that no captured Xdebug frame ' +
        'resolves to: code that did not run in the captured requests.',
      readOnly: true,
      input: { namespace: z.string().min(1), limit: z.number().int().min(1).max(10_000).default(200) },
      handler: async (i, ctx) => ({ functions: await neverExecuted(await store(ctx), i) }),
    }),
    defineTool({
      name: 'xdebug_missed_calls',
      title: 'Xdebug: calls static analysis missed',
      description:
        'Caller -> callee pairs observed at run time for which the static index had no CALLS edge ' +
        '(dynamic dispatch, callbacks, magic methods), most frequent first.',
      readOnly: true,
      input: { limit: z.number().int().min(1).max(10_000).default(100) },
      handler: async (i, ctx) => ({ calls: await missedCalls(await store(ctx), i) }),
    }),
  ];
}
