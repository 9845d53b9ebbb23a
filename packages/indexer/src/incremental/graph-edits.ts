import type { GraphStore } from '@cgc/core';

const CHUNK = 2000;

/** Static per-file node labels (each carries `file`). */
export const FILE_LABELS = ['File', 'Class', 'Function', 'Parameter', 'Route'] as const;

// Edges a file's nodes own: rewritten when the file is written again.
const STRUCTURAL = [
  ['CONTAINS', 'File', 'Class'],
  ['CONTAINS', 'File', 'Function'],
  ['CONTAINS', 'File', 'Route'],
  ['CONTAINS', 'Class', 'Class'],
  ['CONTAINS', 'Class', 'Function'],
  ['CONTAINS', 'Function', 'Function'],
  ['HAS_PARAMETER', 'Function', 'Parameter'],
] as const;

// Edges linking writes from a file's nodes: rewritten when the file is linked again.
const LINKED = [
  ['IMPORTS', 'File', 'File'],
  ['IMPORTS', 'File', 'Module'],
  ['INHERITS', 'Class', 'Class'],
  ['IMPLEMENTS', 'Class', 'Class'],
  ['HANDLED_BY', 'Route', 'Function'],
] as const;

async function chunked(ids: readonly string[], run: (chunk: string[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) await run(ids.slice(i, i + CHUNK));
}

/** Detach-deletes every per-file node of the given files. */
export async function deleteFileNodes(store: GraphStore, fileIds: readonly string[]): Promise<void> {
  for (const label of FILE_LABELS)
    await chunked(fileIds, (ids) =>
      store.write(`MATCH (n:${label}) WHERE n.file IN $ids DETACH DELETE n`, { ids }),
    );
}

/** Detach-deletes nodes of one label by id. */
export async function deleteByIds(store: GraphStore, label: string, nodeIds: readonly string[]): Promise<void> {
  await chunked(nodeIds, (ids) =>
    store.write(`MATCH (n:${label}) WHERE n.id IN $ids DETACH DELETE n`, { ids }),
  );
}

/** Removes the structural edges leaving the nodes of the given files (and methods attached to them from elsewhere). */
export async function dropStructure(store: GraphStore, fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return;
  await chunked(fileIds, async (ids) => {
    for (const [type, from, to] of STRUCTURAL)
      await store.write(`MATCH (a:${from})-[r:${type}]->(b:${to}) WHERE a.file IN $ids DELETE r`, { ids });
    await store.write(
      'MATCH (c:Class)-[r:CONTAINS]->(f:Function) WHERE f.file IN $ids AND c.file <> f.file DELETE r',
      { ids },
    );
  });
}

/**
 * Removes what linking wrote from the nodes of the given files: CALLS (runtime-observed
 * ones stay, marked not static, as a full re-index does), IMPORTS, INHERITS, IMPLEMENTS,
 * HANDLED_BY and the functions' unresolved calls.
 */
export async function dropLinks(store: GraphStore, fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return;
  await chunked(fileIds, async (ids) => {
    for (const from of ['Function', 'File'])
      for (const to of ['Function', 'Class']) {
        await store.write(
          `MATCH (a:${from})-[r:CALLS]->(b:${to}) WHERE a.file IN $ids AND r.observed = true SET r.static = false`,
          { ids },
        );
        await store.write(
          `MATCH (a:${from})-[r:CALLS]->(b:${to}) WHERE a.file IN $ids AND (r.observed IS NULL OR r.observed = false) DELETE r`,
          { ids },
        );
      }
    for (const [type, from, to] of LINKED)
      await store.write(`MATCH (a:${from})-[r:${type}]->(b:${to}) WHERE a.file IN $ids DELETE r`, { ids });
    await store.write(
      'MATCH (f:Function) WHERE f.file IN $ids AND f.unresolved_calls IS NOT NULL SET f.unresolved_calls = NULL',
      { ids },
    );
  });
}

/** Removes the CONTAINS edges from classes of other files to the given methods. */
export async function dropAttachments(store: GraphStore, fnIds: readonly string[]): Promise<void> {
  await chunked(fnIds, (ids) =>
    store.write(
      'MATCH (c:Class)-[r:CONTAINS]->(f:Function) WHERE f.id IN $ids AND c.file <> f.file DELETE r',
      { ids },
    ),
  );
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
