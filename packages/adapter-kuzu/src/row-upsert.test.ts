import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore, isCgcError } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-row-'));
const SCHEMA = defineSchema({
  nodes: [
    {
      label: 'T',
      key: 'id',
      properties: {
        id: 'string',
        s: 'string',
        n: 'int',
        f: 'float',
        b: 'boolean',
        xs: 'string[]',
        ns: 'int[]',
        fs: 'float[]',
      },
    },
  ],
  relationships: [{ type: 'LINK', from: ['T'], to: ['T'], properties: { w: 'float', tags: 'string[]' } }],
});

const stores: GraphStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
const open = async (rowPathMax?: number) => {
  const s = new GraphStore(
    createKuzuAdapter({ path: tmp(), ...(rowPathMax === undefined ? {} : { rowPathMax }) }),
    {
      attempts: 1,
    },
  );
  stores.push(s);
  await s.ensureSchema(SCHEMA);
  return s;
};

// Nulls, empty lists, integral floats and big integers in varying order: the row path executes
// one prepared statement with each row, so its parameter types change from row to row.
const ROWS = [
  { id: 'a', s: 'x', n: 1, f: 2, b: true, xs: ['p', 'q'], ns: [1, 2], fs: [1, 2.5] },
  { id: 'b', s: null, n: null, f: null, b: null, xs: null, ns: null, fs: null },
  { id: 'c', s: "it's", n: 2 ** 53 - 1, f: 0.5, b: false, xs: [], ns: [], fs: [] },
  { id: 'd', s: 'new\nline', n: -3, f: -1e-9, b: true, xs: ['', 'ünï'], ns: [0], fs: [3] },
];

async function graph(s: GraphStore) {
  return {
    nodes: await s.read(
      'MATCH (t:T) RETURN t.id AS id, t.s AS s, t.n AS n, t.f AS f, t.b AS b, t.xs AS xs, t.ns AS ns, t.fs AS fs ORDER BY id',
    ),
    rels: await s.read(
      'MATCH (a:T)-[r:LINK]->(b:T) RETURN a.id AS f, b.id AS t, r.w AS w, r.tags AS tags ORDER BY f, t',
    ),
  };
}

async function writeAll(s: GraphStore) {
  await s.upsertNodes('T', ROWS);
  // Updates of stored nodes, lists included (STRING[] through a parameter once failed to bind).
  await s.upsertNodes('T', [
    { id: 'a', xs: [], ns: [7], fs: null },
    { id: 'b', xs: ['set', 'later'], ns: [], fs: [1] },
  ]);
  await s.upsertRelationships('LINK', 'T', 'T', [
    { from: 'a', to: 'b', properties: { w: 1, tags: [] } },
    { from: 'b', to: 'c', properties: { w: null, tags: ['x'] } },
    { from: 'a', to: 'missing', properties: { w: 1, tags: ['gone'] } },
  ]);
  await s.upsertRelationships('LINK', 'T', 'T', [
    { from: 'a', to: 'b', properties: { w: 0.25, tags: ['u'] } },
  ]);
}

describe('kuzu row path (small batches)', () => {
  it('stores the same graph as the bulk path, across types, nulls and empty lists', async () => {
    const byRow = await open();
    const bulk = await open(0);
    await writeAll(byRow);
    await writeAll(bulk);
    const g = await graph(byRow);
    expect(g).toEqual(await graph(bulk));
    expect(g.nodes[0]).toEqual({ id: 'a', s: 'x', n: 1, f: 2, b: true, xs: [], ns: [7], fs: null });
    expect(g.nodes[1]).toMatchObject({ id: 'b', s: null, xs: ['set', 'later'], ns: [], fs: [1] });
    expect(g.nodes[2]).toMatchObject({ n: 2 ** 53 - 1, xs: [], ns: [], fs: [] });
    expect(g.rels).toEqual([
      { f: 'a', t: 'b', w: 0.25, tags: ['u'] },
      { f: 'b', t: 'c', w: null, tags: ['x'] },
    ]);
  });

  it('checks every row before writing any, so a bad value leaves the batch unwritten', async () => {
    const s = await open();
    const err = await s
      .upsertNodes('T', [
        { id: 'ok', n: 1 },
        { id: 'bad', n: 1.5 },
      ])
      .catch((e: unknown) => e);
    expect(isCgcError(err, 'INVALID_INPUT'), String(err)).toBe(true);
    expect(await s.read('MATCH (t:T) RETURN count(t) AS c')).toEqual([{ c: 0 }]);
  });
});
