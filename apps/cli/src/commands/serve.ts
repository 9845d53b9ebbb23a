import { CgcError, type CommandIO, type CommandSpec, type Engine } from '@cgc/core';
import {
  embeddedPath,
  liveEndpoint,
  newInternalToken,
  removeEndpoint,
  writeEndpoint,
} from './serve-endpoint.js';

/** What the serve commands need from the cli. */
export interface ServeHost {
  readonly version: string;
  engine(): Engine;
}

/** Options of {@link runHttpServer}. */
export interface RunHttpOptions {
  readonly host?: string;
  readonly port?: number;
  /** Start every plugin service too (`cgc serve`). */
  readonly services: boolean;
  readonly json?: boolean;
}

function parsePort(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CgcError('INVALID_INPUT', `--port must be 0..65535, got "${String(raw)}"`);
  return n;
}

async function startServices(engine: Engine, io: CommandIO): Promise<string[]> {
  const started: string[] = [];
  for (const { plugin, service } of engine.registry.services) {
    try {
      await service.start(engine.context(plugin));
      started.push(`${plugin}/${service.name}`);
    } catch (err) {
      // One broken service must not keep the MCP endpoint and the others down.
      engine.logger.warn(`service ${plugin}/${service.name} failed to start: ${(err as Error).message}`);
      io.print(
        `cgc: service ${plugin}/${service.name} did not start: ${(err as Error).message.split('\n')[0]}`,
      );
    }
  }
  return started;
}

/**
 * Runs the HTTP MCP endpoint (and with `services`, every plugin service) on one shared
 * store until interrupted. With the embedded database it owns the database and writes
 * the endpoint file other `cgc` commands use to work through it.
 */
export async function runHttpServer(
  host: ServeHost,
  io: CommandIO,
  options: RunHttpOptions,
): Promise<number> {
  const engine = host.engine();
  const config = engine.config;
  const running = liveEndpoint(config);
  if (running) {
    throw new CgcError(
      'DB_LOCKED',
      `cgc serve is already running (pid ${running.pid}) at ${running.url}; other commands work through it`,
    );
  }
  const embedded = config.database.backend === 'kuzu';
  try {
    await engine.store();
  } catch (err) {
    // A server database may come back later (healthz says so meanwhile); an embedded one we must own now.
    if (embedded) throw err;
    engine.logger.warn(`database not reachable yet: ${(err as Error).message}`);
  }
  const { mountGraphRpc, serveHttp } = await import('@cgc/mcp-server');
  const internalToken = newInternalToken();
  const http = await serveHttp(engine, {
    version: host.version,
    host: options.host ?? config.mcp.host,
    port: parsePort(options.port) ?? config.mcp.port,
    corsOrigin: config.mcp.corsOrigin,
    maxBodyBytes: config.mcp.maxBodyBytes,
    ...(config.mcp.token ? { token: config.mcp.token } : {}),
    ...(embedded ? { mount: (app) => mountGraphRpc(app, engine, internalToken) } : {}),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      throw new CgcError(
        'INVALID_INPUT',
        `port ${options.port ?? config.mcp.port} is in use; choose another with --port or CGC_MCP_PORT`,
      );
    }
    throw err;
  });
  if (embedded) {
    writeEndpoint(config, {
      pid: process.pid,
      url: http.url,
      token: internalToken,
      backend: config.database.backend,
      databasePath: embeddedPath(config),
      startedAt: new Date().toISOString(),
      version: host.version,
    });
  }
  const services = options.services ? await startServices(engine, io) : [];
  const summary = { mcp: `${http.url}/mcp`, healthz: `${http.url}/healthz`, services, pid: process.pid };
  if (options.json) io.json(summary);
  else {
    io.print(`cgc: MCP over HTTP at ${summary.mcp} (health: ${summary.healthz})`);
    if (options.services) io.print(`cgc: services: ${services.length ? services.join(', ') : 'none'}`);
    io.print('cgc: press Ctrl+C to stop');
  }
  let onTerm: (() => void) | undefined;
  await new Promise<void>((resolve) => {
    onTerm = resolve;
    if (io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGTERM', onTerm);
  });
  if (onTerm) process.off('SIGTERM', onTerm);
  try {
    await http.close();
  } finally {
    if (embedded) removeEndpoint(config);
  }
  return 0;
}

/** `cgc serve`: the MCP HTTP endpoint plus every plugin service, one process, one store. */
export function serveCommand(host: ServeHost): CommandSpec {
  return {
    name: 'serve',
    description:
      'Run the MCP HTTP endpoint and every plugin service (receivers, listeners) on one shared store',
    options: [
      {
        flags: '--host <address>',
        description: 'bind address (default 127.0.0.1; CGC_MCP_HOST; 0.0.0.0 in containers)',
      },
      { flags: '-p, --port <port>', description: 'port (default 8045; CGC_MCP_PORT)' },
    ],
    run: (_args, options, _ctx, io) =>
      runHttpServer(host, io, {
        services: true,
        json: options.json === true,
        ...(typeof options.host === 'string' ? { host: options.host } : {}),
        ...(options.port === undefined ? {} : { port: options.port as number }),
      }),
  };
}
