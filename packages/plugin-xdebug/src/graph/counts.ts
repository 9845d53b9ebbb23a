import type { GraphStore } from '@cgc/core';

const CHUNK = 2_000;

/** Current `count`, `first_seen` of nodes of one label, by id (absent ids are missing). */
export async function readNodeCounts(
  store: GraphStore,
  label: string,
  ids: readonly string[],
): Promise<Map<string, { count: number; first: number | undefined }>> {
  const out = new Map<string, { count: number; first: number | undefined }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await store.read(
      `MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS id, n.count AS count, n.first_seen AS first`,
      { ids: ids.slice(i, i + CHUNK) },
    );
    for (const r of rows) out.set(String(r.id), { count: num(r.count), first: opt(r.first) });
  }
  return out;
}

/** Current `count` of relationships of one type between labels, keyed `from>to`. */
export async function readRelCounts(
  store: GraphStore,
  type: string,
  fromLabel: string,
  toLabel: string,
  fromIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(fromIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await store.read(
      `MATCH (a:${fromLabel})-[r:${type}]->(b:${toLabel}) WHERE a.id IN $ids RETURN a.id AS a, b.id AS b, r.count AS count`,
      { ids: unique.slice(i, i + CHUNK) },
    );
    for (const r of rows) out.set(`${String(r.a)}>${String(r.b)}`, num(r.count));
  }
  return out;
}

/** A number from a query value (numbers, bigints, null). */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

function opt(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : num(v);
}
