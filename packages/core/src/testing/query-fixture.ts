import type { NodeRow, RelRow } from '../adapter.js';
import { CORE_SCHEMA } from '../core-schema.js';
import type { GraphStore } from '../store.js';
import graph from './fixtures/code-graph.json' with { type: 'json' };

/** A fixture graph: nodes by label, relationships as `[type, fromLabel, fromId, toLabel, toId, props?]`. */
export interface FixtureGraph {
  readonly nodes: Readonly<Record<string, readonly NodeRow[]>>;
  readonly relationships: readonly (readonly [
    string,
    string,
    string,
    string,
    string,
    Record<string, unknown>?,
  ])[];
}

/** The code graph the query suite answers questions about: repositories shop (Python), web (TS), lib (a dependency). */
export const CODE_GRAPH_FIXTURE = graph as unknown as FixtureGraph;

/** Repository ids of the fixture graph. */
export const FIXTURE_REPOS = ['repo:shop', 'repo:web', 'repo:lib'] as const;

/** Removes what a previous run left and writes the fixture graph through the store. */
export async function loadFixtureGraph(
  store: GraphStore,
  fixture: FixtureGraph = CODE_GRAPH_FIXTURE,
): Promise<void> {
  await store.ensureSchema(CORE_SCHEMA);
  await clearFixtureGraph(store, fixture);
  for (const [label, rows] of Object.entries(fixture.nodes)) await store.upsertNodes(label, rows);
  const groups = new Map<string, { type: string; from: string; to: string; rows: RelRow[] }>();
  for (const [type, from, fromId, to, toId, props] of fixture.relationships) {
    const k = `${type}/${from}/${to}`;
    const g = groups.get(k) ?? { type, from, to, rows: [] };
    g.rows.push({ from: fromId, to: toId, properties: (props ?? {}) as RelRow['properties'] });
    groups.set(k, g);
  }
  for (const g of groups.values()) await store.upsertRelationships(g.type, g.from, g.to, g.rows);
}

/** Deletes every node of the fixture graph (by repository scope). */
export async function clearFixtureGraph(
  store: GraphStore,
  fixture: FixtureGraph = CODE_GRAPH_FIXTURE,
): Promise<void> {
  const repos = new Set((fixture.nodes.Repository ?? []).map((r) => String(r.id)));
  const labels = CORE_SCHEMA.nodes.filter((n) => n.properties.repo !== undefined).map((n) => n.label);
  for (const repo of repos) await store.deleteNodes({ labels, property: 'repo', value: repo });
}
