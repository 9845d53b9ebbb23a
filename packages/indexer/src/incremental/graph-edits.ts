import type { GraphStore } from '@cgc/core';
import { parseKey } from './row-set.js';

const CHUNK = 2000;

/** Static per-file node labels (each carries `file`). */
export const FILE_LABELS = ['File', 'Class', 'Function', 'Parameter', 'Route'] as const;

async function chunked(ids: readonly string[], run: (chunk: string[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) await run(ids.slice(i, i + CHUNK));
}

/** Detach-deletes every per-file node of the given files. */
export async function deleteFileNodes(store: GraphStore, fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return;
  for (const label of FILE_LABELS)
    await chunked(fileIds, (ids) =>
      store.write(`MATCH (n:${label}) WHERE n.file IN $ids DETACH DELETE n`, { ids }),
    );
}

/** Detach-deletes nodes of one label by id. */
export async function deleteByIds(
  store: GraphStore,
  label: string,
  nodeIds: readonly string[],
): Promise<void> {
  await chunked(nodeIds, (ids) =>
    store.write(`MATCH (n:${label}) WHERE n.id IN $ids DETACH DELETE n`, { ids }),
  );
}

/**
 * Removes rows a file wrote before and no longer writes: nodes (detach-deleted), edges,
 * and (`links`) the partial rows linking writes (a function's unresolved calls, reset).
 * CALLS edges that runtime data observed stay, marked not static, as a full index does.
 */
export async function removeRows(store: GraphStore, keys: readonly string[], links: boolean): Promise<void> {
  const nodes = new Map<string, string[]>();
  const edges = new Map<
    string,
    { type: string; fromLabel: string; toLabel: string; from: string; to: string[] }
  >();
  for (const k of keys) {
    const r = parseKey(k);
    if (r.kind === 'n') nodes.set(r.label, [...(nodes.get(r.label) ?? []), r.id]);
    else {
      const g = `${r.type}\u0000${r.fromLabel}\u0000${r.toLabel}\u0000${r.from}`;
      const e = edges.get(g) ?? {
        type: r.type,
        fromLabel: r.fromLabel,
        toLabel: r.toLabel,
        from: r.from,
        to: [],
      };
      e.to.push(r.to);
      edges.set(g, e);
    }
  }
  for (const e of edges.values()) {
    const match = `MATCH (a:${e.fromLabel})-[r:${e.type}]->(b:${e.toLabel}) WHERE a.id = $from AND b.id IN $to`;
    if (e.type === 'CALLS') {
      await store.write(`${match} AND r.observed = true SET r.static = false`, { from: e.from, to: e.to });
      await store.write(`${match} AND (r.observed IS NULL OR r.observed = false) DELETE r`, {
        from: e.from,
        to: e.to,
      });
    } else await store.write(`${match} DELETE r`, { from: e.from, to: e.to });
  }
  for (const [label, ids] of nodes) {
    if (!links) await deleteByIds(store, label, ids);
    else if (label === 'Function')
      await chunked(ids, (c) =>
        store.write('MATCH (f:Function) WHERE f.id IN $ids SET f.unresolved = NULL', { ids: c }),
      );
  }
}

/** Sets the Repository node's `indexed_at` (0 marks an update in progress). */
export async function stampRepository(store: GraphStore, repo: string, at: number): Promise<void> {
  await store.write('MATCH (r:Repository) WHERE r.id = $repo SET r.indexed_at = $at', { repo, at });
}

/** The Repository node's `indexed_at`, or undefined when the repository is not indexed. */
export async function readStamp(store: GraphStore, repo: string): Promise<number | undefined> {
  const row = await store.one<{ at: number | null }>(
    'MATCH (r:Repository) WHERE r.id = $repo RETURN r.indexed_at AS at',
    { repo },
  );
  return row ? Number(row.at ?? 0) : undefined;
}
