import type { Engine } from '@cgc/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema, type ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, type McpServerOptions } from '../server.js';

/**
 * MCP servers for stateless HTTP requests. Each request needs its own transport and a server
 * not connected elsewhere, but building a server (registering every tool) and answering
 * `tools/list` (turning every zod schema into JSON Schema) cost milliseconds each time: idle
 * servers are kept for reuse, and the tool list, fixed for the life of the engine, is built once.
 */
export class McpServerPool {
  readonly #engine: Engine;
  readonly #options: McpServerOptions;
  readonly #idle: McpServer[] = [];
  readonly #max: number;
  #tools: Promise<ListToolsResult> | undefined;

  constructor(engine: Engine, options: McpServerOptions = {}, max = 64) {
    this.#engine = engine;
    this.#options = options;
    this.#max = max;
  }

  /** An unconnected server answering `tools/list` from the cached list. */
  async acquire(): Promise<McpServer> {
    const idle = this.#idle.pop();
    if (idle) return idle;
    const tools = await this.#list();
    const server = createMcpServer(this.#engine, this.#options);
    server.server.setRequestHandler(ListToolsRequestSchema, () => tools);
    return server;
  }

  /** Closes the server's connection and keeps it for the next request. */
  async release(server: McpServer): Promise<void> {
    await server.close().catch(() => undefined);
    if (this.#idle.length < this.#max) this.#idle.push(server);
  }

  #list(): Promise<ListToolsResult> {
    this.#tools ??= (async () => {
      const server = createMcpServer(this.#engine, this.#options);
      const [a, b] = InMemoryTransport.createLinkedPair();
      await server.connect(a);
      const client = new Client({ name: 'cgc-tools-cache', version: '0' });
      await client.connect(b);
      try {
        return await client.listTools();
      } finally {
        await client.close();
        await server.close();
      }
    })();
    return this.#tools;
  }
}
