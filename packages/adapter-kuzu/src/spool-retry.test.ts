import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore, isCgcError } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [{ label: 'N', key: 'id', properties: { id: 'string', tags: 'string[]' } }],
  relationships: [{ type: 'L', from: ['N'], to: ['N'], properties: { w: 'int' } }],
});

/**
 * The real Kuzu module whose connections fail the next `failures.left` COPY statements with the
 * error a checkpoint gives when readers stay too long (one the store retries).
 */
async function flakyKuzu() {
  const kuzu = await import('kuzu');
  const real = (kuzu.default ?? kuzu) as unknown as {
    Connection: new (...a: unknown[]) => { prepare(s: string): Promise<unknown> };
  };
  const failures = { left: 0, copies: 0 };
  // Kuzu checks the class name of what it is given, as a fork's own classes would be named.
  const Connection = class Connection extends real.Connection {
    override async prepare(statement: string): Promise<unknown> {
      if (/^\s*COPY\b/i.test(statement)) {
        failures.copies++;
        if (failures.left > 0) {
          failures.left--;
          throw new Error(
            'Timeout waiting for active transactions to leave the system before checkpointing.',
          );
        }
      }
      return super.prepare(statement);
    }
  };
  return { module: { ...(kuzu.default ?? kuzu), Connection }, failures };
}

const opened: GraphStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
const open = async (attempts: number, declared = schema) => {
  const { module, failures } = await flakyKuzu();
  const path = mkdtempSync(join(tmpdir(), 'cgc-kuzu-spool-retry-'));
  const store = new GraphStore(createKuzuAdapter({ path, module }), { attempts, backoffMs: 1 });
  opened.push(store);
  await store.ensureSchema(declared);
  return { store, failures };
};
const defer = { fresh: true, defer: true } as const;
const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, tags: ['a', `t${i}`] }));
const chain = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}`, properties: { w: i } }));
const counts = async (store: GraphStore) => {
  const [n] = await store.read('MATCH (x:N) RETURN count(x) AS c, sum(size(x.tags)) AS t');
  const [l] = await store.read('MATCH (:N)-[l:L]->(:N) RETURN count(l) AS c, sum(l.w) AS s');
  return { nodes: Number(n!.c), tags: Number(n!.t), edges: Number(l!.c), weights: Number(l!.s) };
};
const expected = { nodes: 2000, tags: 4000, edges: 1999, weights: (1998 * 1999) / 2 };

describe('held rows survive a failed insert (Kuzu)', () => {
  // The first COPY to fail is the nodes' when they are still held, else the relationships'.
  it.each([
    ['node', false],
    ['relationship', true],
  ])('a held-%s COPY that fails once is retried by the store and loses no row', async (_, nodesFirst) => {
    const { store, failures } = await open(3);
    await store.upsertNodes('N', nodes(2000), defer);
    await store.upsertRelationships('L', 'N', 'N', chain(1999), defer);
    if (nodesFirst) await store.flushDeferred([]); // the nodes only
    failures.left = 1;
    await store.flushDeferred();
    expect(failures.left).toBe(0);
    expect(await counts(store)).toEqual(expected);
  });

  it('without retries the failure is reported, and the rows are still held for the next flush', async () => {
    const { store, failures } = await open(1);
    await store.upsertNodes('N', nodes(2000), defer);
    await store.upsertRelationships('L', 'N', 'N', chain(1999), defer);
    failures.left = 2;
    const first = await store.flushDeferred().catch((e: unknown) => e);
    expect(isCgcError(first), String(first)).toBe(true);
    const second = await store.flushDeferred().catch((e: unknown) => e);
    expect(isCgcError(second), String(second)).toBe(true);
    // Rows written while the held ones wait go after them.
    await store.upsertNodes('N', [{ id: 'late', tags: ['z'] }], defer);
    await store.flushDeferred();
    expect(await counts(store)).toEqual({ ...expected, nodes: 2001, tags: 4001 });
  });
});

describe('a flush that fails while it folds rows into held ones (Kuzu)', () => {
  const two = defineSchema({
    nodes: [
      { label: 'N', key: 'id', properties: { id: 'string', tags: 'string[]', note: 'string' } },
      { label: 'M', key: 'id', properties: { id: 'string', n: 'int' } },
    ],
    relationships: [],
  });
  const state = async (store: GraphStore) => {
    const [n] = await store.read(
      "MATCH (x:N) RETURN count(x) AS c, sum(size(x.tags)) AS t, sum(CASE WHEN x.note = 'noted' THEN 1 ELSE 0 END) AS notes",
    );
    const [m] = await store.read('MATCH (x:M) RETURN count(x) AS c, sum(x.n) AS s');
    return {
      n: Number(n!.c),
      tags: Number(n!.t),
      notes: Number(n!.notes),
      m: Number(m!.c),
      sum: Number(m!.s),
    };
  };
  const whole = { n: 2000, tags: 4000, notes: 500, m: 600, sum: (599 * 600) / 2 };

  // The other label's COPY fails while the folded label's files are being rewritten.
  it.each([1, 3])('loses and doubles nothing (%i attempt(s))', async (attempts) => {
    const { store, failures } = await open(attempts, two);
    await store.upsertNodes('N', nodes(2000), defer);
    await store.upsertNodes(
      'M',
      Array.from({ length: 600 }, (_, i) => ({ id: `m${i}`, n: i })),
      defer,
    );
    await store.upsertNodes(
      'N',
      Array.from({ length: 500 }, (_, i) => ({ id: `n${i * 4}`, note: 'noted' })),
    );
    failures.left = 1;
    const first = await store.flushDeferred().catch((e: unknown) => e);
    if (attempts === 1) {
      expect(isCgcError(first), String(first)).toBe(true);
      await store.flushDeferred();
    } else expect(first).toBeUndefined();
    expect(failures.left).toBe(0);
    expect(await state(store)).toEqual(whole);
  });
});
