import type { Engine } from '@cgc/core';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { McpServerOptions } from '../server.js';
import {
  bearerToken,
  isLoopbackBind,
  jsonResponse,
  rebindingViolation,
  rpcError,
  sameSecret,
} from './guards.js';
import { checkHealth } from './health.js';
import { handleMcpPost, RPC } from './mcp-handler.js';
import { McpServerPool } from './server-pool.js';

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions extends McpServerOptions {
  /** The address the server binds; loopback turns on Host/Origin checks (default 127.0.0.1). */
  readonly host?: string;
  /** `Access-Control-Allow-Origin` (default `*`). */
  readonly corsOrigin?: string;
  /** When set, every request but the CORS preflight and `/healthz` needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Largest accepted request body (default 4 MiB). */
  readonly maxBodyBytes?: number;
  /** Host names accepted besides loopback ones when bound to loopback. */
  readonly allowedHosts?: readonly string[];
  /** How long `/healthz` waits for the database (default 4000 ms, answering within 5 s). */
  readonly healthTimeoutMs?: number;
  /** Extra routes mounted before the catch-all (e.g. the internal graph endpoint of `cgc serve`). */
  readonly mount?: (app: Hono) => void;
  /** Answers 503 while true (set during graceful shutdown). */
  readonly draining?: () => boolean;
}

/**
 * The Hono app of the MCP HTTP transport: `POST /mcp` (stateless Streamable HTTP, JSON
 * responses), `GET /healthz`, CORS, optional bearer token, DNS-rebinding checks and a
 * body limit. Every refusal is a JSON body saying why; nothing returns a stack.
 */
export function createHttpApp(engine: Engine, options: HttpAppOptions = {}): Hono {
  const app = new Hono();
  const corsOrigin = options.corsOrigin ?? '*';
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const loopback = isLoopbackBind(options.host ?? '127.0.0.1');
  const policy = {
    allowedHosts: (options.allowedHosts ?? []).map((h) => h.toLowerCase()),
    allowedOrigins: corsOrigin === '*' ? [] : [corsOrigin],
  };
  const serverOptions: McpServerOptions = {
    ...(options.name ? { name: options.name } : {}),
    ...(options.version ? { version: options.version } : {}),
  };

  app.use(
    '*',
    cors({
      origin: corsOrigin,
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Content-Type',
        'Authorization',
        'Accept',
        'Mcp-Protocol-Version',
        'Mcp-Session-Id',
        'Last-Event-ID',
      ],
      exposeHeaders: ['Mcp-Session-Id', 'Mcp-Protocol-Version'],
      maxAge: 600,
    }),
  );

  app.use('*', async (c, next) => {
    if (loopback) {
      const why = rebindingViolation(c.req.header('host') ?? null, c.req.header('origin') ?? null, policy);
      if (why) return jsonResponse(403, rpcError(RPC.server, `Forbidden: ${why}`));
    }
    if (options.draining?.()) {
      return jsonResponse(503, rpcError(RPC.server, 'the server is shutting down'), { connection: 'close' });
    }
    await next();
  });

  app.get('/healthz', async (c) => {
    const health = await checkHealth(engine, options.healthTimeoutMs ?? 4000);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });

  const token = options.token;
  if (token) {
    app.use('*', async (c, next) => {
      // The internal graph endpoint has its own token, from the endpoint file.
      if (c.req.path.startsWith('/internal/')) return next();
      const given = bearerToken(c.req.header('authorization'));
      if (!given || !sameSecret(given, token)) {
        const message = given
          ? 'Unauthorized: wrong bearer token'
          : 'Unauthorized: send Authorization: Bearer <CGC_MCP_TOKEN>';
        return jsonResponse(401, rpcError(RPC.server, message), { 'www-authenticate': 'Bearer realm="cgc"' });
      }
      await next();
    });
  }

  const pool = new McpServerPool(engine, serverOptions);
  app.post('/mcp', (c) => handleMcpPost(pool, c.req.raw, { maxBodyBytes }));
  // Stateless: there is no session to resume (GET) or end (DELETE).
  app.on(['GET', 'DELETE'], '/mcp', () =>
    jsonResponse(405, rpcError(RPC.server, 'Method not allowed: this server is stateless, use POST /mcp'), {
      allow: 'POST, OPTIONS',
    }),
  );
  options.mount?.(app);

  app.notFound((c) => jsonResponse(404, rpcError(RPC.server, `Not found: ${c.req.method} ${c.req.path}`)));
  app.onError((err) => {
    engine.logger.error(`http request failed: ${err instanceof Error ? err.message : String(err)}`);
    return jsonResponse(500, rpcError(RPC.internal, 'Internal error'));
  });
  return app;
}
