import type { CgcConfig, GraphAdapter } from '@cgc/core';
import { createFalkorAdapter, type FalkorAdapterOptions } from './falkordb-adapter.js';

/**
 * Creates the FalkorDB adapter from cgc configuration (`database.falkordb`, which core
 * fills from FALKORDB_URL, FALKORDB_HOST, FALKORDB_PORT, FALKORDB_PASSWORD and FALKORDB_GRAPH).
 */
export function falkorFromConfig(
  config: Pick<CgcConfig, 'database'>,
  extra: Omit<FalkorAdapterOptions, 'url' | 'host' | 'port' | 'password' | 'graph'> = {},
): GraphAdapter {
  const c = config.database.falkordb;
  return createFalkorAdapter({
    ...extra,
    ...(c.url ? { url: c.url } : { host: c.host, port: c.port }),
    ...(c.password !== undefined ? { password: c.password } : {}),
    graph: c.graph,
  });
}
