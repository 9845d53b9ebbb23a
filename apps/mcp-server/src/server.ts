import type { Engine, ToolCallContext } from '@cgc/core';
import { CORE_VERSION } from '@cgc/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ZodRawShape } from 'zod';
import { toToolError, toToolResult } from './tool-result.js';

/** Options of {@link createMcpServer}. */
export interface McpServerOptions {
  /** Server name announced to clients (default `cgc`). */
  readonly name?: string;
  /** Server version announced to clients (default the core version). */
  readonly version?: string;
}

/** `_meta` keys naming where a tool comes from. */
export const TOOL_META = { plugin: 'cgc/plugin', package: 'cgc/package', builtin: 'cgc/builtin' } as const;

/**
 * Builds an MCP server exposing every tool in the engine's registry, core and plugin
 * alike. Each tool's `_meta` names its plugin; a throwing handler becomes an MCP tool
 * error (`isError`) with a one-line message.
 */
export function createMcpServer(engine: Engine, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: options.name ?? 'cgc', version: options.version ?? CORE_VERSION },
    { capabilities: { tools: {} } },
  );
  const records = new Map(engine.registry.records.map((r) => [r.name, r]));
  for (const { plugin, tool } of engine.registry.tools) {
    const record = records.get(plugin);
    // Core's ToolSpec has no output schema yet; accept one when a tool carries it.
    const output = (tool as { output?: ZodRawShape }).output;
    const logger = engine.logger.child(plugin);
    server.registerTool(
      tool.name,
      {
        ...(tool.title ? { title: tool.title } : {}),
        description: tool.description,
        inputSchema: tool.input,
        ...(output ? { outputSchema: output } : {}),
        annotations: {
          ...(tool.title ? { title: tool.title } : {}),
          ...(tool.readOnly === undefined ? {} : { readOnlyHint: tool.readOnly }),
        },
        _meta: {
          [TOOL_META.plugin]: plugin,
          [TOOL_META.package]: record?.packageName ?? 'unknown',
          [TOOL_META.builtin]: record?.builtin ?? false,
        },
      },
      async (args: Record<string, unknown>, extra) => {
        const progressToken = extra._meta?.progressToken;
        const call: ToolCallContext = {
          signal: extra.signal,
          progress(done, total, message) {
            if (progressToken === undefined) return;
            extra
              .sendNotification({
                method: 'notifications/progress',
                params: {
                  progressToken,
                  progress: done,
                  ...(total === undefined ? {} : { total }),
                  ...(message === undefined ? {} : { message }),
                },
              })
              .catch(() => undefined);
          },
        };
        try {
          const value = await tool.handler(args as never, engine.context(plugin), call);
          return toToolResult(value, output !== undefined);
        } catch (err) {
          logger.debug(`tool ${tool.name} failed`, {
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          });
          return toToolError(tool.name, err);
        }
      },
    );
  }
  return server;
}
