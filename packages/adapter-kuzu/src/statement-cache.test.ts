import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore, isCgcError } from '@cgc/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const base = defineSchema({
  nodes: [{ label: 'K', key: 'id', properties: { id: 'string', v: 'int' } }],
  relationships: [{ type: 'L', from: ['K'], to: ['K'], properties: {} }],
});
const grown = defineSchema({
  nodes: [{ label: 'K', key: 'id', properties: { id: 'string', v: 'int', extra: 'string' } }],
  relationships: [],
});
const store = new GraphStore(createKuzuAdapter({ path: mkdtempSync(join(tmpdir(), 'cgc-kuzu-ps-')) }), {
  attempts: 1,
});
afterAll(() => store.close());

// Reads reuse prepared statements; these check that reuse never shows stale data or a stale catalog.
describe('kuzu prepared statement reuse', () => {
  const count = async () => (await store.read('MATCH (k:K) RETURN count(k) AS c, sum(k.v) AS s'))[0];

  it('sees every write between two runs of the same read', async () => {
    await store.ensureSchema(base);
    expect(await count()).toEqual({ c: 0, s: null });
    await store.upsertNodes('K', [{ id: 'a', v: 1 }]);
    expect(await count()).toEqual({ c: 1, s: 1 });
    // A bulk batch creates and drops scratch tables (catalog changes) between the reads.
    await store.upsertNodes(
      'K',
      Array.from({ length: 1500 }, (_, i) => ({ id: `k${i}`, v: 1 })),
    );
    await store.upsertRelationships(
      'L',
      'K',
      'K',
      Array.from({ length: 1500 }, (_, i) => ({ from: `k${i}`, to: `k${(i + 1) % 1500}` })),
    );
    expect(await count()).toEqual({ c: 1501, s: 1501 });
    expect(await store.read('MATCH (:K)-[l:L]->(:K) RETURN count(l) AS c')).toEqual([{ c: 1500 }]);
  });

  it('prepares again after the schema grows, and a failed statement does not stick', async () => {
    const extra = () => store.read("MATCH (k:K {id: 'a'}) RETURN k.extra AS e");
    const err = await extra().catch((e: unknown) => e);
    expect(isCgcError(err, 'QUERY_SYNTAX')).toBe(true);
    await store.ensureSchema(grown);
    await store.upsertNodes('K', [{ id: 'a', extra: 'x' }]);
    expect(await extra()).toEqual([{ e: 'x' }]);
    expect(await count()).toEqual({ c: 1501, s: 1501 });
  });

  it('refuses a write in a read query every time, also when it would touch no row', async () => {
    const write = (id: string) => store.read('MATCH (k:K {id: $id}) SET k.v = 99 RETURN k.id AS id', { id });
    for (const id of ['nobody', 'a', 'nobody', 'a']) {
      const err = await write(id).catch((e: unknown) => e);
      expect(isCgcError(err, 'READ_ONLY_VIOLATION')).toBe(true);
    }
    expect(await store.read("MATCH (k:K {id: 'a'}) RETURN k.v AS v")).toEqual([{ v: 1 }]);
  });

  it('runs a proven read-only text without the read-only transaction and still reads fresh data', async () => {
    const q = 'MATCH (k:K) WHERE k.v >= $min RETURN count(k) AS c';
    expect(await store.read(q, { min: 1 })).toEqual([{ c: 1501 }]);
    expect(await store.read(q, { min: 1 })).toEqual([{ c: 1501 }]);
    await store.upsertNodes('K', [{ id: 'new', v: 5 }]);
    expect(await store.read(q, { min: 1 })).toEqual([{ c: 1502 }]);
  });
});
