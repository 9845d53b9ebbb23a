import {
  CgcError,
  type GraphNode,
  type GraphParam,
  type GraphPath,
  type GraphRelationship,
  normaliseInteger,
} from '@cgc/core';
import neo4j, { type Integer, isNode, isPath, isRelationship } from 'neo4j-driver';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Converts a cgc parameter to what the driver sends. JavaScript numbers that are
 * integers go as Bolt integers (the driver would send a float, and `$x * 2` would
 * turn into 6.0); bigints too, when they fit in 64 bits.
 */
export function toNeo4jParam(v: GraphParam, path = 'parameter'): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CgcError('INVALID_INPUT', `${path}: ${v} cannot be stored`);
    return Number.isSafeInteger(v) ? neo4j.int(v) : v;
  }
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v > INT64_MAX) {
      throw new CgcError('INVALID_INPUT', `${path}: ${v} does not fit in a 64-bit integer`);
    }
    return neo4j.int(v.toString());
  }
  if (Array.isArray(v)) return v.map((x, i) => toNeo4jParam(x as GraphParam, `${path}[${i}]`));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, GraphParam>))
    out[k] = toNeo4jParam(x, `${path}.${k}`);
  return out;
}

/** Converts a property value for a declared float: always sent as a float, never as a Bolt integer. */
export function toNeo4jFloat(v: GraphParam, path: string): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map((x, i) => toNeo4jFloat(x as GraphParam, `${path}[${i}]`));
  return toNeo4jParam(v, path);
}

/** Converts a driver value to the shared shapes: integers as number/bigint, graph entities as GraphNode etc. */
export function fromNeo4j(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return normaliseInteger(v);
  if (typeof v !== 'object') return v;
  if (neo4j.isInt(v)) return normaliseInteger(BigInt((v as Integer).toString()));
  if (Array.isArray(v)) return v.map(fromNeo4j);
  if (isNode(v)) return toNode(v);
  if (isRelationship(v)) return toRel(v);
  if (isPath(v)) {
    const path: GraphPath = {
      kind: 'path',
      nodes: [toNode(v.start), ...v.segments.map((s) => toNode(s.end))],
      relationships: v.segments.map((s) => toRel(s.relationship)),
    };
    return path;
  }
  // Temporal and spatial values have a faithful string form; cgc stores none of them itself.
  if (isTemporalOrPoint(v)) return String(v);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = fromNeo4j(x);
  return out;
}

function toNode(n: { labels: string[]; properties: Record<string, unknown> }): GraphNode {
  return { kind: 'node', label: n.labels[0] ?? '', properties: props(n.properties) };
}

function toRel(r: { type: string; properties: Record<string, unknown> }): GraphRelationship {
  return { kind: 'relationship', type: r.type, properties: props(r.properties) };
}

function props(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(p)) out[k] = fromNeo4j(x);
  return out;
}

function isTemporalOrPoint(v: object): boolean {
  return (
    neo4j.isDate(v) ||
    neo4j.isDateTime(v) ||
    neo4j.isLocalDateTime(v) ||
    neo4j.isLocalTime(v) ||
    neo4j.isTime(v) ||
    neo4j.isDuration(v) ||
    neo4j.isPoint(v)
  );
}
