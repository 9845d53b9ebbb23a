import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [{ label: 'N', key: 'id', properties: { id: 'string', tags: 'string[]', n: 'int' } }],
  relationships: [{ type: 'L', from: ['N'], to: ['N'], properties: {} }],
});
const opened: GraphStore[] = [];
const open = async (path = mkdtempSync(join(tmpdir(), 'cgc-kuzu-nspool-'))) => {
  const store = new GraphStore(createKuzuAdapter({ path }), { attempts: 1 });
  opened.push(store);
  await store.ensureSchema(schema);
  return { store, path };
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

// `count` nodes n<start>… with list values, their `n` set to `n`.
const nodes = (count: number, start = 0, n = 1) =>
  Array.from({ length: count }, (_, i) => ({ id: `n${start + i}`, tags: [`t${i % 7}`, 'x'], n }));
const stats = async (store: GraphStore) => {
  const [r] = await store.read('MATCH (x:N) RETURN count(x) AS c, sum(x.n) AS s, sum(size(x.tags)) AS t');
  return { count: Number(r!.c), sum: Number(r!.s), tags: Number(r!.t) };
};
const defer = { fresh: true, defer: true } as const;

describe('deferred nodes on Kuzu (NodeWriteOptions.defer)', () => {
  it('says it holds deferred rows when it loads from files, not with UNWIND inserts', () => {
    expect(createKuzuAdapter({ path: ':memory:' }).capabilities.holdsDeferred).toBe(true);
    expect(createKuzuAdapter({ path: ':memory:', bulkLoad: 'unwind' }).capabilities.holdsDeferred).toBe(
      false,
    );
  });

  it('holds batches until flushDeferred, then inserts them with their lists', async () => {
    const { store } = await open();
    await store.upsertNodes('N', nodes(600, 0), defer);
    await store.upsertNodes('N', nodes(600, 600), defer);
    await store.flushDeferred();
    expect(await stats(store)).toEqual({ count: 1200, sum: 1200, tags: 2400 });
    await store.flushDeferred();
    expect((await stats(store)).count).toBe(1200);
  });

  it('flushes before any read, so no reader misses a node', async () => {
    const { store } = await open();
    await store.upsertNodes('N', nodes(500), defer);
    expect((await stats(store)).count).toBe(500);
  });

  it('inserts held nodes before relationships that need them, deferred or not', async () => {
    const { store } = await open();
    await store.upsertNodes('N', nodes(500), defer);
    const chain = Array.from({ length: 499 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}` }));
    await store.upsertRelationships('L', 'N', 'N', chain.slice(0, 300), defer);
    await store.upsertRelationships('L', 'N', 'N', chain.slice(300));
    await store.flushDeferred();
    const [r] = await store.read('MATCH (:N)-[l:L]->(:N) RETURN count(l) AS c');
    expect(Number(r!.c)).toBe(499);
  });

  it('lets a later write of the same keys that is not deferred win', async () => {
    const { store } = await open();
    await store.upsertNodes('N', nodes(500, 0, 1), defer);
    await store.upsertNodes('N', nodes(500, 0, 3));
    expect(await stats(store)).toEqual({ count: 500, sum: 1500, tags: 1000 });
  });

  it('keeps the last values when the promise of new keys is broken (stored or repeated keys)', async () => {
    const { store } = await open();
    await store.upsertNodes('N', nodes(450, 0, 1));
    // 450 keys stored already, 450 new; then every key again, deferred as if new.
    await store.upsertNodes('N', nodes(900, 0, 2), defer);
    await store.upsertNodes('N', nodes(900, 0, 5), defer);
    await store.flushDeferred();
    expect(await stats(store)).toEqual({ count: 900, sum: 4500, tags: 1800 });
  });

  it('inserts what is held when the store closes', async () => {
    const { store, path } = await open();
    await store.upsertNodes('N', nodes(700), defer);
    await store.close();
    const again = new GraphStore(createKuzuAdapter({ path }), { attempts: 1 });
    opened.push(again);
    await again.ensureSchema(schema);
    expect((await stats(again)).count).toBe(700);
  });

  it('refuses an undeclared property when the rows are written, not later', async () => {
    const { store } = await open();
    await expect(
      store.upsertNodes('N', [{ id: 'a', nope: 1 } as unknown as { id: string }], defer),
    ).rejects.toMatchObject({ code: 'SCHEMA_UNDECLARED' });
    await store.upsertNodes('N', nodes(3), defer);
    expect((await stats(store)).count).toBe(3);
  });
});
