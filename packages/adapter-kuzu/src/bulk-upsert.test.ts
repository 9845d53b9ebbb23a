import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [{ label: 'K', key: 'id', properties: { id: 'string', v: 'int' } }],
  relationships: [
    { type: 'L', from: ['K'], to: ['K'], properties: { w: 'int', tag: 'string', flag: 'boolean' } },
  ],
});
const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-bulk-'));
const opened: GraphStore[] = [];
// Each test gets its own database: see "Known issues" in docs/adapters/kuzu.md for what a shared one hid.
const open = async (bulkLoad: 'json' | 'unwind') => {
  const store = new GraphStore(createKuzuAdapter({ path: tmp(), bulkLoad }), { attempts: 1 });
  opened.push(store);
  await store.ensureSchema(schema);
  return store;
};
// Closed after each test: every open Kuzu database reserves 8 TB of address space.
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);
const links = (n: number, w: number, skip = 1) =>
  ids(n)
    .filter((_, i) => i % skip === 0)
    .map((id, i) => ({ from: id, to: `k${(i * 7 + 1) % n}`, properties: { w, tag: `t${w}` } }));
const rels = async (store: GraphStore) => {
  const [r] = await store.read(
    'MATCH (a:K)-[l:L]->(b:K) RETURN count(l) AS c, min(l.w) AS lo, max(l.w) AS hi, count(l.flag) AS flags',
  );
  // Kuzu 0.11 miscounts count(DISTINCT …) beside other aggregates, so the pairs are a second read.
  const [p] = await store.read(
    'MATCH (a:K)-[:L]->(b:K) WITH DISTINCT a.id AS f, b.id AS t RETURN count(*) AS pairs',
  );
  return { ...r, ...p };
};
const withNodes = async (bulkLoad: 'json' | 'unwind', n: number) => {
  const store = await open(bulkLoad);
  await store.upsertNodes(
    'K',
    ids(n).map((id) => ({ id, v: 0 })),
  );
  return store;
};

describe.each(['json', 'unwind'] as const)('kuzu bulk path (%s source)', (source) => {
  // 600 keys are probed one by one by the unwind source, 1600 through one UNWIND.
  it.each([600, 1600])('inserts new and updates stored nodes in a batch of %i', async (n) => {
    const store = await open(source);
    await store.upsertNodes(
      'K',
      ids(n)
        .filter((_, i) => i % 2 === 0)
        .map((id) => ({ id, v: 1 })),
    );
    await store.upsertNodes(
      'K',
      ids(n).map((id) => ({ id, v: 2 })),
    );
    expect(await store.read('MATCH (k:K) RETURN count(k) AS c, min(k.v) AS lo, max(k.v) AS hi')).toEqual([
      { c: n, lo: 2, hi: 2 },
    ]);
  });

  it('inserts nodes the caller calls fresh, and a broken promise still ends with the rows values', async () => {
    const store = await withNodes(source, 1000);
    const fresh = (from: number, to: number, v: number) =>
      store.upsertNodes(
        'K',
        ids(to)
          .slice(from)
          .map((id) => ({ id, v })),
        { fresh: true },
      );
    await fresh(1000, 2000, 1);
    // A third of these keys are stored (v 1): the promise is broken, nothing is doubled.
    await fresh(1500, 3000, 2);
    expect(await store.read('MATCH (k:K) RETURN count(k) AS c, sum(k.v) AS s')).toEqual([
      { c: 3000, s: 500 * 1 + 1500 * 2 },
    ]);
  });

  it('inserts relationships into an empty table, then updates them in place without duplicates', async () => {
    const store = await withNodes(source, 1000);
    await store.upsertRelationships('L', 'K', 'K', links(1000, 1));
    expect(await rels(store)).toEqual({ c: 1000, pairs: 1000, lo: 1, hi: 1, flags: 0 });
    await store.upsertRelationships('L', 'K', 'K', links(1000, 2));
    expect(await rels(store)).toEqual({ c: 1000, pairs: 1000, lo: 2, hi: 2, flags: 0 });
  });

  it('adds new pairs beside stored ones in one batch', async () => {
    const store = await withNodes(source, 1000);
    await store.upsertRelationships('L', 'K', 'K', links(1000, 1, 2));
    expect(await rels(store)).toEqual({ c: 500, pairs: 500, lo: 1, hi: 1, flags: 0 });
    // The first 500 pairs are stored (updated to 3); the other 500 are new.
    const mixed = [...links(1000, 3, 2), ...links(1000, 3).filter((_, i) => i % 2 === 1)];
    await store.upsertRelationships('L', 'K', 'K', mixed);
    expect(await rels(store)).toEqual({ c: 1000, pairs: 1000, lo: 3, hi: 3, flags: 0 });
  });

  it.each([
    ['an empty table', false],
    ['a table with other pairs', true],
  ])('drops only the rows whose end is missing, into %s', async (_, seeded) => {
    const store = await withNodes(source, 1000);
    if (seeded)
      await store.upsertRelationships('L', 'K', 'K', [{ from: 'k1', to: 'k2', properties: { w: 9 } }]);
    const batch = links(1000, 5);
    batch[10] = { from: 'k10', to: 'nowhere', properties: { w: 5, tag: 'x' } };
    batch[20] = { from: 'ghost', to: 'k3', properties: { w: 5, tag: 'x' } };
    await store.upsertRelationships('L', 'K', 'K', batch);
    expect(await rels(store)).toMatchObject({ c: seeded ? 999 : 998, pairs: seeded ? 999 : 998 });
  });

  it('checks again after a Cypher write it could not follow (no duplicate pairs)', async () => {
    const store = await withNodes(source, 1000);
    await store.upsertRelationships('L', 'K', 'K', links(1000, 1, 2));
    // A pair the next batch also holds, created behind the bulk path's back.
    await store.write("MATCH (a:K {id: 'k1'}), (b:K {id: 'k8'}) CREATE (a)-[:L {w: 0}]->(b)");
    await store.upsertRelationships(
      'L',
      'K',
      'K',
      links(1000, 4).filter((_, i) => i % 2 === 1),
    );
    expect(await rels(store)).toEqual({ c: 1000, pairs: 1000, lo: 1, hi: 4, flags: 0 });
  });

  it('checks pairs a fresh batch wrote when a later batch does not vouch for them (no duplicates)', async () => {
    const store = await withNodes(source, 1000);
    // The table starts empty, so the ledger follows it until the caller vouches for a batch itself.
    await store.upsertRelationships('L', 'K', 'K', links(1000, 1).slice(0, 500));
    await store.upsertRelationships('L', 'K', 'K', links(1000, 2).slice(500), { fresh: true });
    await store.upsertRelationships('L', 'K', 'K', links(1000, 3));
    expect(await rels(store)).toEqual({ c: 1000, pairs: 1000, lo: 3, hi: 3, flags: 0 });
  });

  it('inserts a batch the caller calls fresh without looking for stored pairs, and still drops missing ends', async () => {
    const store = await withNodes(source, 1000);
    // A Cypher write first, so the pair ledger cannot vouch for anything: only the caller's word helps.
    await store.write("MATCH (a:K {id: 'k0'}), (b:K {id: 'k1'}) CREATE (a)-[:L {w: 0}]->(b)");
    await store.upsertRelationships('L', 'K', 'K', links(1000, 6).slice(1, 500), { fresh: true });
    const missing = [
      ...links(1000, 7).slice(500),
      { from: 'k999', to: 'nowhere', properties: { w: 7, tag: 'x' } },
    ];
    await store.upsertRelationships('L', 'K', 'K', missing, { fresh: true });
    expect(await rels(store)).toEqual({ c: 1000, pairs: 1000, lo: 0, hi: 7, flags: 0 });
  });
});
