import type { Engine } from '@cgc/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpServerOptions } from './server.js';

/** Options of {@link serveStdio}. */
export interface StdioOptions extends McpServerOptions {
  readonly stdin?: NodeJS.ReadableStream & { readonly readable?: boolean };
  readonly stdout?: NodeJS.WritableStream;
}

/** A running stdio server. */
export interface StdioServer {
  /** Settles when the client disconnects (stdin ends) or {@link StdioServer.close} is called. */
  readonly closed: Promise<void>;
  /** Closes the transport; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Serves the engine's tools over stdio until stdin ends. Logs go to stderr (the core
 * logger's default), so stdout carries nothing but JSON-RPC.
 */
export async function serveStdio(engine: Engine, options: StdioOptions = {}): Promise<StdioServer> {
  const stdin = (options.stdin ?? process.stdin) as NodeJS.ReadStream;
  const server = createMcpServer(engine, options);
  const transport = new StdioServerTransport(stdin, (options.stdout ?? process.stdout) as NodeJS.WriteStream);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= server
      .close()
      .catch(() => undefined)
      .finally(resolveClosed);
    return closing;
  };
  server.server.onclose = resolveClosed;
  // The SDK transport does not watch for end of input; without this a client that
  // closes our stdin would leave the database open until the process is killed.
  stdin.once('end', () => void close());
  stdin.once('close', () => void close());
  await server.connect(transport);
  return { closed, close };
}
