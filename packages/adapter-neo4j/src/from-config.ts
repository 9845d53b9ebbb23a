import type { CgcConfig, GraphAdapter } from '@cgc/core';
import { createNeo4jAdapter, type Neo4jAdapterOptions } from './neo4j-adapter.js';

/**
 * Creates the Neo4j adapter from cgc configuration (`database.neo4j`, which core fills
 * from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE).
 */
export function neo4jFromConfig(
  config: Pick<CgcConfig, 'database'>,
  extra: Omit<Neo4jAdapterOptions, 'uri' | 'username' | 'password' | 'database'> = {},
): GraphAdapter {
  const c = config.database.neo4j;
  return createNeo4jAdapter({
    ...extra,
    uri: c.uri,
    username: c.username,
    ...(c.password !== undefined ? { password: c.password } : {}),
    ...(c.database ? { database: c.database } : {}),
  });
}
