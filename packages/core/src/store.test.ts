import { describe, expect, it } from 'vitest';
import type { AdapterCapabilities, GraphAdapter, RelBatch } from './adapter.js';
import { CgcError, isCgcError } from './errors.js';
import { defineSchema, type NodeDecl } from './schema.js';
import { GraphStore } from './store.js';

// A recording adapter: it checks GraphStore's own logic (batching, grouping,
// retries, validation). Storage itself is proven by the conformance suite on real engines.
function recorder(failures: CgcError[] = []) {
  const calls: { op: string; size: number; keys?: string }[] = [];
  const caps: AdapterCapabilities = {
    readOnlyQueries: true,
    bulkWrite: true,
    maxBatchSize: 3,
    shortestPath: false,
    variableLengthPaths: true,
    regex: false,
    embedded: true,
    mapParams: true,
  };
  const adapter: GraphAdapter = {
    name: 'recorder',
    capabilities: caps,
    async connect() {},
    async ensureSchema() {},
    async upsertNodes(_d: NodeDecl, rows) {
      const f = failures.shift();
      if (f) throw f;
      calls.push({
        op: 'nodes',
        size: rows.length,
        keys: Object.keys(rows[0] ?? {})
          .sort()
          .join(','),
      });
    },
    async upsertRelationships(_d, batch: RelBatch) {
      calls.push({
        op: `rels ${batch.fromLabel}->${batch.toLabel}${batch.fresh ? ' fresh' : ''}`,
        size: batch.rows.length,
      });
    },
    async deleteNodes() {
      return 0;
    },
    async query() {
      const f = failures.shift();
      if (f) throw f;
      return [{ ok: 1 }];
    },
    async close() {
      calls.push({ op: 'close', size: 0 });
    },
  };
  return { adapter, calls };
}

const schema = defineSchema({
  nodes: [{ label: 'A', key: 'id', properties: { id: 'string', x: 'int', y: 'json' } }],
  relationships: [{ type: 'R', from: ['A'], to: ['A'], properties: { w: 'float' } }],
});

describe('GraphStore', () => {
  it('splits upserts into batches of one property shape', async () => {
    const { adapter, calls } = recorder();
    const store = new GraphStore(adapter);
    await store.ensureSchema(schema);
    await store.upsertNodes('A', [
      { id: '1', x: 1 },
      { id: '2' },
      { id: '3', x: 3 },
      { id: '4', x: 4 },
      { id: '5', x: 5 },
    ]);
    expect(calls).toEqual([
      { op: 'nodes', size: 3, keys: 'id,x' },
      { op: 'nodes', size: 1, keys: 'id,x' },
      { op: 'nodes', size: 1, keys: 'id' },
    ]);
  });

  it('retries retriable errors and gives up on the others', async () => {
    const { adapter } = recorder([new CgcError('DB_UNAVAILABLE', 'blip', { retriable: true })]);
    const store = new GraphStore(adapter, { backoffMs: 1 });
    expect(await store.read('RETURN 1')).toEqual([{ ok: 1 }]);
    const { adapter: a2 } = recorder([new CgcError('QUERY_SYNTAX', 'bad')]);
    await expect(new GraphStore(a2, { backoffMs: 1 }).read('RETURN')).rejects.toMatchObject({
      code: 'QUERY_SYNTAX',
    });
    const endless = Array.from(
      { length: 10 },
      () => new CgcError('DB_UNAVAILABLE', 'down', { retriable: true }),
    );
    const { adapter: a3 } = recorder(endless);
    await expect(new GraphStore(a3, { backoffMs: 1, attempts: 3 }).read('RETURN 1')).rejects.toMatchObject({
      code: 'DB_UNAVAILABLE',
    });
  });

  it('validates labels, properties and keys before writing', async () => {
    const { adapter, calls } = recorder();
    const store = new GraphStore(adapter);
    await store.ensureSchema(schema);
    await expect(store.upsertNodes('B', [{ id: '1' }])).rejects.toMatchObject({ code: 'SCHEMA_UNDECLARED' });
    await expect(store.upsertNodes('A', [{ x: 1 }])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.upsertRelationships('R', 'A', 'B', [])).rejects.toMatchObject({
      code: 'SCHEMA_UNDECLARED',
    });
    expect(calls).toEqual([]);
  });

  it('buffers a bulk writer, nodes before relationships, later rows winning', async () => {
    const { adapter, calls } = recorder();
    const store = new GraphStore(adapter);
    await store.ensureSchema(schema);
    const w = store.writer({ flushAt: 100 });
    await w.rel('R', 'A', 'A', { from: '1', to: '2', properties: { w: 1 } });
    await w.node('A', { id: '1', x: 1 });
    await w.node('A', { id: '1', x: 2 });
    await w.node('A', { id: '2', x: 2 });
    await w.flush();
    expect(calls.map((c) => c.op)).toEqual(['nodes', 'rels A->A']);
    expect(calls[0]?.size).toBe(2);
    expect(w.written).toEqual({ nodes: 2, relationships: 1 });
    // a second row for the same key adds properties instead of dropping the first row's
    await w.node('A', { id: '3', x: 3 });
    await w.node('A', { id: '3', y: { a: 1 } });
    await w.flush();
    expect(calls[2]).toEqual({ op: 'nodes', size: 1, keys: 'id,x,y' });
  });

  it('keeps fresh relationships apart from upserts and tells the adapter', async () => {
    const { adapter, calls } = recorder();
    const store = new GraphStore(adapter);
    await store.ensureSchema(schema);
    const w = store.writer();
    await w.rel('R', 'A', 'A', { from: 'a', to: 'b' }, { fresh: true });
    await w.rel('R', 'A', 'A', { from: 'a', to: 'c' });
    await w.rel('R', 'A', 'A', { from: 'a', to: 'd' }, { fresh: true });
    await w.flush();
    expect(calls).toEqual([
      { op: 'rels A->A fresh', size: 2 },
      { op: 'rels A->A', size: 1 },
    ]);
  });

  it('closes once and refuses work afterwards', async () => {
    const { adapter, calls } = recorder();
    const store = new GraphStore(adapter);
    await store.close();
    await store.close();
    expect(calls.filter((c) => c.op === 'close')).toHaveLength(1);
    const err = await store.read('RETURN 1').catch((e: unknown) => e);
    expect(isCgcError(err, 'CLOSED')).toBe(true);
  });
});
