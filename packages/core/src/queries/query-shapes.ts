import type { AdapterCapabilities } from '../adapter.js';

// The only place where the query set adapts its Cypher to what the engine can do. Everything
// here is plain openCypher that Kuzu 0.11, Neo4j 5 and FalkorDB 4 all parse; what changes is
// which shape is fast, chosen from capability flags, never from the engine's name.

/** Ids looked up one statement each (`n.id = $id`, a primary-key/index seek on every engine). */
export const KEYED_LOOKUPS = 64;

/** Ids per `n.id IN $ids` statement beyond {@link KEYED_LOOKUPS} (a scan on Kuzu 0.11, a seek elsewhere). */
export const IN_CHUNK = 500;

/** Whether transitive walks run as one variable-length statement per start node. */
export function engineWalks(caps: AdapterCapabilities): boolean {
  return caps.variableLengthPaths;
}

/**
 * One statement returning, for every node within `depth` hops of `$id`, the neighbour `mid` it is
 * reached through and the shortest distance to `mid` (`min(length(p))`). A fixed last hop plus a
 * variable-length part binds `mid` without list indexing, whose base differs between engines
 * (Kuzu lists are 1-based). `min` makes the answer the same under walk (Kuzu) and trail
 * (Neo4j, FalkorDB) semantics.
 */
export function reachStatement(
  type: string,
  direction: 'in' | 'out',
  nearLabel: string,
  farLabel: string,
  depth: number,
  projection: string,
): string {
  const vl = `[:${type}*1..${depth - 1}]`;
  const pattern =
    direction === 'in'
      ? `(far:${farLabel})-[:${type}]->(mid:${nearLabel}), p = (mid)-${vl}->(s:${nearLabel})`
      : `p = (s:${nearLabel})-${vl}->(mid:${nearLabel}), (mid)-[:${type}]->(far:${farLabel})`;
  return `MATCH ${pattern} WHERE s.id = $id RETURN ${projection}, mid.id AS via, min(length(p)) AS d`;
}
