import type { GraphStore } from '@cgc/core';
import { dirId, moduleId, paramId, routeId } from '../ids.js';
import type { SymbolTable } from '../resolve/symbols.js';

const PER_FILE = ['File', 'Class', 'Function', 'Parameter', 'Route'] as const;
const CHUNK = 5000;

/** Node ids a previous index of the repository left, by label. */
export interface Existing {
  readonly files: number;
  readonly ids: Map<string, string[]>;
}

/** Reads the ids of every node the previous index of this repository wrote. */
export async function readExisting(store: GraphStore, repo: string): Promise<Existing> {
  const ids = new Map<string, string[]>();
  for (const label of [...PER_FILE, 'Directory', 'Module']) {
    const rows = await store.read<{ id: string }>(
      `MATCH (n:${label}) WHERE n.repo = $repo RETURN n.id AS id`,
      { repo },
    );
    ids.set(
      label,
      rows.map((r) => r.id),
    );
  }
  return { files: ids.get('File')?.length ?? 0, ids };
}

/**
 * Removes the static edges leaving this repository's nodes before they are
 * linked again; CALLS edges that runtime data observed are kept (marked not static).
 */
export async function dropStaticEdges(store: GraphStore, repo: string): Promise<void> {
  for (const from of ['Function', 'File']) {
    for (const to of ['Function', 'Class']) {
      await store.write(
        `MATCH (a:${from})-[r:CALLS]->(b:${to}) WHERE a.repo = $repo AND r.observed = true SET r.static = false`,
        { repo },
      );
      await store.write(
        `MATCH (a:${from})-[r:CALLS]->(b:${to}) WHERE a.repo = $repo AND (r.observed IS NULL OR r.observed = false) DELETE r`,
        { repo },
      );
    }
  }
  for (const [type, from, to] of [
    ['IMPORTS', 'File', 'File'],
    ['IMPORTS', 'File', 'Module'],
    ['INHERITS', 'Class', 'Class'],
    ['IMPLEMENTS', 'Class', 'Class'],
    ['HANDLED_BY', 'Route', 'Function'],
  ] as const) {
    await store.write(`MATCH (a:${from})-[r:${type}]->(b:${to}) WHERE a.repo = $repo DELETE r`, { repo });
  }
}

/** Deletes the nodes the previous index had and this one did not produce (renamed, moved, deleted). */
export async function pruneStale(
  store: GraphStore,
  existing: Existing,
  table: SymbolTable,
  repo: string,
): Promise<number> {
  if (existing.files === 0) return 0;
  const now = new Map<string, Set<string>>(PER_FILE.map((l) => [l, new Set<string>()]));
  now.set('Directory', new Set());
  now.set('Module', new Set());
  for (const f of table.files.values()) {
    now.get('File')!.add(f.id);
    for (const c of f.classes) now.get('Class')!.add(c.id);
    for (const fn of f.functions) {
      now.get('Function')!.add(fn.id);
      fn.ir.params.forEach((p, i) => {
        now.get('Parameter')!.add(paramId(fn.id, p.name, i));
      });
    }
    for (const r of f.ir.routes) now.get('Route')!.add(routeId(repo, f.rel, r.method, r.path));
    const parts = f.rel.split('/');
    for (let i = 1; i < parts.length; i++)
      now.get('Directory')!.add(dirId(repo, parts.slice(0, i).join('/')));
    for (const imp of f.ir.imports)
      if (imp.kind !== 'static') now.get('Module')!.add(moduleId(repo, f.spec.id, imp.source));
  }
  let deleted = 0;
  for (const [label, ids] of existing.ids) {
    const keep = now.get(label)!;
    const stale = ids.filter((id) => !keep.has(id));
    for (let i = 0; i < stale.length; i += CHUNK) {
      const chunk = stale.slice(i, i + CHUNK);
      await store.write(`MATCH (n:${label}) WHERE n.id IN $ids DETACH DELETE n`, { ids: chunk });
      deleted += chunk.length;
    }
  }
  return deleted;
}
