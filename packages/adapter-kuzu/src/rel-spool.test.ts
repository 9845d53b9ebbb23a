import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [{ label: 'K', key: 'id', properties: { id: 'string' } }],
  relationships: [{ type: 'L', from: ['K'], to: ['K'], properties: { w: 'int' } }],
});
const opened: GraphStore[] = [];
const open = async (path = mkdtempSync(join(tmpdir(), 'cgc-kuzu-spool-'))) => {
  const store = new GraphStore(createKuzuAdapter({ path }), { attempts: 1 });
  opened.push(store);
  await store.ensureSchema(schema);
  await store.upsertNodes(
    'K',
    Array.from({ length: 1000 }, (_, i) => ({ id: `k${i}` })),
  );
  return { store, path };
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

// `n` edges k_i -> k_(i+1), the first at `start`.
const chain = (n: number, start = 0, w = 1) =>
  Array.from({ length: n }, (_, i) => ({
    from: `k${start + i}`,
    to: `k${start + i + 1}`,
    properties: { w },
  }));
const count = async (store: GraphStore) =>
  Number((await store.read('MATCH (:K)-[l:L]->(:K) RETURN count(l) AS c, sum(l.w) AS s'))[0]!.c);
const defer = { fresh: true, defer: true } as const;

describe('deferred relationships on Kuzu (RelBatch.defer)', () => {
  it('holds batches until flushDeferred, then inserts them together', async () => {
    const { store } = await open();
    await store.upsertRelationships('L', 'K', 'K', chain(300, 0), defer);
    await store.upsertRelationships('L', 'K', 'K', chain(300, 400), defer);
    await store.flushDeferred();
    expect(await count(store)).toBe(600);
    // Nothing is left to flush: a second call writes nothing twice.
    await store.flushDeferred();
    expect(await count(store)).toBe(600);
  });

  it('flushes before any read, so no reader misses a row', async () => {
    const { store } = await open();
    await store.upsertRelationships('L', 'K', 'K', chain(250), defer);
    expect(await count(store)).toBe(250);
  });

  it('keeps the order with a later write of the same pairs that is not deferred', async () => {
    const { store } = await open();
    await store.upsertRelationships('L', 'K', 'K', chain(250, 0, 1), defer);
    // Not fresh: these pairs are looked up, so they update the deferred rows instead of doubling them.
    await store.upsertRelationships('L', 'K', 'K', chain(250, 0, 5));
    const [r] = await store.read('MATCH (:K)-[l:L]->(:K) RETURN count(l) AS c, min(l.w) AS w');
    expect(Number(r!.c)).toBe(250);
    expect(Number(r!.w)).toBe(5);
  });

  it('skips rows whose end is missing and inserts the rest (large and small files)', async () => {
    const { store } = await open();
    const broken = [...chain(400, 0), { from: 'k1', to: 'nowhere', properties: { w: 1 } }];
    await store.upsertRelationships('L', 'K', 'K', broken, defer);
    await store.flushDeferred();
    expect(await count(store)).toBe(400);
    await store.upsertRelationships(
      'L',
      'K',
      'K',
      [{ from: 'ghost', to: 'k2', properties: { w: 1 } }],
      defer,
    );
    await store.upsertRelationships('L', 'K', 'K', chain(3, 600), defer);
    await store.flushDeferred();
    expect(await count(store)).toBe(403);
  });

  it('inserts what is held when the store closes', async () => {
    const { store, path } = await open();
    await store.upsertRelationships('L', 'K', 'K', chain(500), defer);
    await store.close();
    const again = new GraphStore(createKuzuAdapter({ path }), { attempts: 1 });
    opened.push(again);
    await again.ensureSchema(schema);
    expect(await count(again)).toBe(500);
  });
});
