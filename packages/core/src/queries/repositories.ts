import { CORE_SCHEMA } from '../core-schema.js';
import type { GraphStore } from '../store.js';
import { type RepositoryRef, readRepositories, resolveRepo, withRepo } from './refs.js';

/** A repository with how many files it holds. */
export interface RepositorySummary extends RepositoryRef {
  readonly files: number;
}

/** Every indexed repository, by name. */
export async function listRepositories(store: GraphStore): Promise<RepositorySummary[]> {
  const repos = await readRepositories(store);
  const counts = await store.read('MATCH (f:File) RETURN f.repo AS repo, count(f) AS n');
  const byRepo = new Map(counts.map((r) => [String(r.repo), Number(r.n)]));
  return repos.map((r) => ({ ...r, files: byRepo.get(r.id) ?? 0 }));
}

/** Node and relationship counts. */
export interface GraphCounts {
  readonly files: number;
  readonly directories: number;
  readonly modules: number;
  readonly classes: number;
  readonly functions: number;
  readonly variables: number;
  readonly routes: number;
  readonly calls: number;
  readonly imports: number;
  readonly inherits: number;
}

/** Counts for one repository, or for the whole graph with the number of repositories. */
export type RepositoryStats =
  | ({ readonly scope: 'repository'; readonly repository: RepositoryRef } & GraphCounts)
  | ({ readonly scope: 'all'; readonly repositories: number } & GraphCounts);

const COUNTED: readonly (readonly [keyof GraphCounts, string])[] = [
  ['files', 'File'],
  ['directories', 'Directory'],
  ['modules', 'Module'],
  ['classes', 'Class'],
  ['functions', 'Function'],
  ['variables', 'Variable'],
  ['routes', 'Route'],
];

// Relationship counts by the label their source node has; the source carries `repo`.
const EDGES: readonly (readonly [keyof GraphCounts, string, readonly string[]])[] = [
  ['calls', 'CALLS', ['Function', 'File']],
  ['imports', 'IMPORTS', ['File']],
  ['inherits', 'INHERITS', ['Class']],
];

/** Counts of files, symbols and edges in one repository (by id, path or name) or in all of them. */
export async function repositoryStats(store: GraphStore, repo?: string): Promise<RepositoryStats> {
  const r = repo === undefined ? undefined : await resolveRepo(store, repo);
  const where = (v: string) => (r ? ` WHERE ${v}.repo = $repo` : '');
  const params = withRepo({}, r?.id);
  const counts: Record<string, number> = {};
  for (const [key, label] of COUNTED) {
    const row = await store.one(`MATCH (n:${label})${where('n')} RETURN count(n) AS c`, params);
    counts[key] = Number(row?.c ?? 0);
  }
  for (const [key, type, froms] of EDGES) {
    let total = 0;
    for (const from of froms) {
      const row = await store.one(
        `MATCH (n:${from})-[e:${type}]->()${where('n')} RETURN count(e) AS c`,
        params,
      );
      total += Number(row?.c ?? 0);
    }
    counts[key] = total;
  }
  const c = counts as unknown as GraphCounts;
  if (r) return { scope: 'repository', repository: r, ...c };
  const repos = await store.one('MATCH (n:Repository) RETURN count(n) AS c');
  return { scope: 'all', repositories: Number(repos?.c ?? 0), ...c };
}

/** What {@link deleteRepository} removed. */
export interface DeleteResult {
  readonly repository: RepositoryRef;
  /** Nodes deleted, the Repository node included. */
  readonly deleted: number;
}

/**
 * Deletes a repository and everything indexed from it: every static label carrying `repo`
 * (parameters and modules included, so nothing is orphaned), then the Repository node.
 */
export async function deleteRepository(store: GraphStore, repo: string): Promise<DeleteResult> {
  const r = await resolveRepo(store, repo);
  const labels = CORE_SCHEMA.nodes
    .filter((n) => n.label !== 'Repository' && n.properties.repo !== undefined)
    .map((n) => n.label);
  const scoped = await store.deleteNodes({ labels, property: 'repo', value: r.id });
  const own = await store.deleteNodes({ labels: ['Repository'], property: 'id', value: r.id });
  return { repository: r, deleted: scoped + own };
}
