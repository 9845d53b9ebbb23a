import type { GraphNode, GraphPath, GraphRelationship, GraphRow } from '../adapter.js';

/** A node of a visualisation. */
export interface VizNode {
  readonly id: string;
  readonly label: string;
  readonly name: string;
}

/** An edge of a visualisation. */
export interface VizEdge {
  readonly from: string;
  readonly to: string;
  readonly type: string;
}

const isNode = (v: unknown): v is GraphNode => (v as GraphNode | null)?.kind === 'node';
const isRel = (v: unknown): v is GraphRelationship =>
  (v as GraphRelationship | null)?.kind === 'relationship';
const isPath = (v: unknown): v is GraphPath => (v as GraphPath | null)?.kind === 'path';

function nodeId(n: GraphNode): string {
  const id = n.properties.id;
  return typeof id === 'string' ? id : `${n.label}:${JSON.stringify(n.properties)}`;
}

function nodeName(n: GraphNode): string {
  const p = n.properties;
  for (const k of ['fqn', 'name', 'path', 'id']) if (typeof p[k] === 'string' && p[k]) return p[k] as string;
  return n.label;
}

/**
 * The nodes and edges in query rows. Relationships carry no endpoints in the adapter
 * contract, so an edge is taken from paths, and from rows laid out as node, relationship,
 * node (`RETURN a, r, b`), which is how people write visualisation queries.
 */
export function graphOf(rows: readonly GraphRow[]): { nodes: VizNode[]; edges: VizEdge[] } {
  const nodes = new Map<string, VizNode>();
  const edges = new Map<string, VizEdge>();
  const addNode = (n: GraphNode) => {
    const id = nodeId(n);
    if (!nodes.has(id)) nodes.set(id, { id, label: n.label, name: nodeName(n) });
    return id;
  };
  const addEdge = (from: string, to: string, type: string) =>
    edges.set(`${from}\u0000${type}\u0000${to}`, { from, to, type });
  const visit = (values: readonly unknown[]) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (isNode(v)) addNode(v);
      else if (isPath(v)) {
        const ids = v.nodes.map(addNode);
        v.relationships.forEach((r, k) => {
          if (ids[k] !== undefined && ids[k + 1] !== undefined) addEdge(ids[k]!, ids[k + 1]!, r.type);
        });
      } else if (isRel(v) && isNode(values[i - 1]) && isNode(values[i + 1])) {
        addEdge(addNode(values[i - 1] as GraphNode), addNode(values[i + 1] as GraphNode), v.type);
      } else if (Array.isArray(v)) visit(v);
    }
  };
  for (const row of rows) visit(Object.values(row));
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** A Mermaid flowchart of the graph, which most assistants and Markdown viewers render. */
export function toMermaid(graph: { nodes: readonly VizNode[]; edges: readonly VizEdge[] }): string {
  const key = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const esc = (s: string) => s.replace(/["\n]/g, ' ').slice(0, 80);
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) lines.push(`  ${key.get(n.id)}["${esc(`${n.label}: ${n.name}`)}"]`);
  for (const e of graph.edges) lines.push(`  ${key.get(e.from)} -->|${esc(e.type)}| ${key.get(e.to)}`);
  return lines.join('\n');
}
