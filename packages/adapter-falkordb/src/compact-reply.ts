import { type GraphNode, type GraphRelationship, type GraphRow, normaliseInteger } from '@cgc/core';

/** Names FalkorDB refers to by number in compact replies. */
export interface NameTables {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
}

/** Thrown when a reply names an id the tables do not hold yet (created by this very query). */
export class StaleNames extends Error {}

// Value type tags of the compact protocol.
const T = {
  NULL: 1,
  STRING: 2,
  INTEGER: 3,
  BOOLEAN: 4,
  DOUBLE: 5,
  ARRAY: 6,
  EDGE: 7,
  NODE: 8,
  PATH: 9,
  MAP: 10,
  POINT: 11,
  VECTORF32: 12,
} as const;

type Raw = string | null | Raw[];

/** The statistics lines of a reply (e.g. "Nodes deleted: 3"), as name to number. */
export function replyStats(reply: unknown): Record<string, number> {
  const arr = reply as Raw[];
  const meta = (arr.length === 1 ? arr[0] : arr[2]) as string[] | undefined;
  const out: Record<string, number> = {};
  for (const line of meta ?? []) {
    const m = /^([^:]+):\s*([-\d.]+)/.exec(String(line));
    if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
  }
  return out;
}

/**
 * Decodes a `--compact` reply whose integers arrive as strings (so that 64-bit values
 * survive) into rows of the shared shapes.
 */
export function decodeReply(reply: unknown, names: NameTables): GraphRow[] {
  const arr = reply as Raw[];
  if (!Array.isArray(arr) || arr.length < 3) return [];
  const headers = (arr[0] as Raw[]).map((h) => String((h as Raw[])[1]));
  return (arr[1] as Raw[][]).map((cells) => {
    const row: GraphRow = {};
    cells.forEach((cell, i) => {
      row[headers[i] ?? `col${i}`] = decodeValue(cell as Raw[], names);
    });
    return row;
  });
}

function decodeValue(cell: Raw[], names: NameTables): unknown {
  const type = Number(cell[0]);
  const v = cell[1] as Raw;
  switch (type) {
    case T.NULL:
      return null;
    case T.STRING:
      return v;
    case T.INTEGER:
      return normaliseInteger(BigInt(v as string));
    case T.BOOLEAN:
      return v === 'true';
    case T.DOUBLE:
      return Number(v);
    case T.ARRAY:
      return (v as Raw[]).map((x) => decodeValue(x as Raw[], names));
    case T.NODE:
      return decodeNode(v as Raw[], names);
    case T.EDGE:
      return decodeEdge(v as Raw[], names);
    case T.PATH: {
      const [nodes, edges] = v as Raw[][];
      return {
        kind: 'path',
        nodes: ((nodes?.[1] ?? []) as Raw[][]).map((n) => decodeNode(n[1] as Raw[], names)),
        relationships: ((edges?.[1] ?? []) as Raw[][]).map((e) => decodeEdge(e[1] as Raw[], names)),
      };
    }
    case T.MAP: {
      const out: Record<string, unknown> = {};
      const list = v as Raw[];
      for (let i = 0; i + 1 < list.length; i += 2)
        out[String(list[i])] = decodeValue(list[i + 1] as Raw[], names);
      return out;
    }
    case T.POINT: {
      const [lat, lon] = v as string[];
      return { latitude: Number(lat), longitude: Number(lon) };
    }
    case T.VECTORF32:
      return (v as string[]).map(Number);
    default:
      // Temporal values arrive as epoch numbers; cgc stores none, so pass them through.
      return typeof v === 'string' && /^-?\d+$/.test(v) ? normaliseInteger(BigInt(v)) : v;
  }
}

function decodeNode(v: Raw[], names: NameTables): GraphNode {
  const [, labelIds, props] = v as [Raw, string[], Raw[][]];
  return {
    kind: 'node',
    label: labelIds.length > 0 ? name(names.labels, labelIds[0]!) : '',
    properties: decodeProps(props, names),
  };
}

function decodeEdge(v: Raw[], names: NameTables): GraphRelationship {
  const [, typeId, , , props] = v as [Raw, string, Raw, Raw, Raw[][]];
  return {
    kind: 'relationship',
    type: name(names.relationshipTypes, typeId),
    properties: decodeProps(props, names),
  };
}

function decodeProps(props: Raw[][], names: NameTables): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [keyId, type, value] of props) {
    out[name(names.propertyKeys, keyId as string)] = decodeValue([type as string, value as Raw], names);
  }
  return out;
}

function name(table: string[], id: string): string {
  const n = table[Number(id)];
  if (n === undefined) throw new StaleNames(`unknown name id ${id}`);
  return n;
}
