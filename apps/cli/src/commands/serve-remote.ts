import { type CgcConfig, CgcError, type GraphAdapter, type Logger } from '@cgc/core';
import { liveEndpoint } from './serve-endpoint.js';

/**
 * When a `cgc serve` owns this configuration's embedded database, an adapter that works
 * through it (the database admits one process); otherwise undefined, and the caller
 * opens the database itself. Neo4j and FalkorDB are servers already: never routed.
 */
export async function serverAdapter(config: CgcConfig, logger: Logger): Promise<GraphAdapter | undefined> {
  const endpoint = liveEndpoint(config);
  if (!endpoint) return undefined;
  const { createRemoteAdapter } = await import('@cgc/mcp-server');
  try {
    const adapter = await createRemoteAdapter({ url: endpoint.url, token: endpoint.token });
    logger.info(`working through cgc serve (pid ${endpoint.pid}) at ${endpoint.url}`);
    return adapter;
  } catch (err) {
    throw new CgcError(
      'DB_LOCKED',
      `cgc serve (pid ${endpoint.pid}) owns the database but does not answer at ${endpoint.url}; stop it or wait for it`,
      { cause: err, retriable: true },
    );
  }
}
