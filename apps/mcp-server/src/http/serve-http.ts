import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '@cgc/core';
import { serve } from '@hono/node-server';
import { createHttpApp, type HttpAppOptions } from './app.js';

/** Options of {@link serveHttp}: the app's, plus where to listen. */
export interface HttpServeOptions extends HttpAppOptions {
  /** Port (default 8045; 0 picks a free one). */
  readonly port?: number;
  /** How long shutdown waits for in-flight requests (default 10 s). */
  readonly shutdownGraceMs?: number;
}

/** A running HTTP MCP server. */
export interface HttpServer {
  /** Base URL, e.g. `http://127.0.0.1:8045`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to the grace time),
   * then closes every connection. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Serves the engine's tools over Streamable HTTP with Hono on Node's http server. */
export async function serveHttp(engine: Engine, options: HttpServeOptions = {}): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  let draining = false;
  let active = 0;
  let idle: (() => void) | undefined;
  const app = createHttpApp(engine, { ...options, host, draining: () => draining });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8045, hostname: host }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  // Counted from request to the last byte written (SSE streams included), not to the
  // moment the handler returns a Response, so shutdown never cuts an answer short.
  server.on('request', (_req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) idle?.();
    });
  });
  // Slow clients must not hold a socket forever.
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 30_000;
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      if (active > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((r) => {
            idle = r;
          }),
          new Promise<void>((r) => {
            timer = setTimeout(r, options.shutdownGraceMs ?? 10_000);
          }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await stopped;
    })();
    return closing;
  };
  return { url: `http://${urlHost}:${port}`, port, host, inFlight: () => active, close };
}
