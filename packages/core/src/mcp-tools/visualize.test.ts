import { describe, expect, it } from 'vitest';
import type { GraphNode, GraphRelationship } from '../adapter.js';
import { graphOf, toMermaid } from './visualize.js';

const node = (label: string, id: string, name: string): GraphNode => ({
  kind: 'node',
  label,
  properties: { id, name },
});
const rel = (type: string): GraphRelationship => ({ kind: 'relationship', type, properties: {} });

describe('graphOf', () => {
  it('takes edges from node-relationship-node rows and from paths, once each', () => {
    const a = node('Function', 'f:a', 'a');
    const b = node('Function', 'f:b', 'b');
    const c = node('Class', 'c:C', 'C"quoted"');
    const g = graphOf([
      { a, r: rel('CALLS'), b },
      { a, r: rel('CALLS'), b },
      { p: { kind: 'path', nodes: [b, c], relationships: [rel('CALLS')] } },
      { lonely: a, count: 3 },
    ]);
    expect(g.nodes.map((n) => n.id)).toEqual(['f:a', 'f:b', 'c:C']);
    expect(g.edges).toEqual([
      { from: 'f:a', to: 'f:b', type: 'CALLS' },
      { from: 'f:b', to: 'c:C', type: 'CALLS' },
    ]);
    const m = toMermaid(g);
    expect(m.split('\n')).toEqual([
      'flowchart LR',
      '  n0["Function: a"]',
      '  n1["Function: b"]',
      '  n2["Class: C quoted "]',
      '  n0 -->|CALLS| n1',
      '  n1 -->|CALLS| n2',
    ]);
  });
});
