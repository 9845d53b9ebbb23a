import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore } from '@cgc/core';
import kuzu from 'kuzu';
import { afterEach, describe, expect, it } from 'vitest';
import { writeJsonLines } from './batch-copy.js';
import { foldRows } from './fold-rows.js';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [
    { label: 'N', key: 'id', properties: { id: 'string', tags: 'string[]', n: 'int', note: 'string' } },
  ],
  relationships: [],
});
const opened: GraphStore[] = [];
const open = async () => {
  const path = mkdtempSync(join(tmpdir(), 'cgc-kuzu-fold-'));
  const store = new GraphStore(createKuzuAdapter({ path }), { attempts: 1 });
  opened.push(store);
  await store.ensureSchema(schema);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const defer = { fresh: true, defer: true } as const;
// A key whose JSON text has escapes: the fold reads keys from the load file's text.
const ODD = 'q"\\ü\n,"note":x';
const held = [
  ...Array.from({ length: 700 }, (_, i) => ({ id: `n${i}`, tags: ['a', 'b'], n: i })),
  { id: ODD, tags: [], n: -1 },
];
const read = async (store: GraphStore) =>
  new Map(
    (
      await store.read<{ id: string; n: number; note: string | null; t: number }>(
        'MATCH (x:N) RETURN x.id AS id, x.n AS n, x.note AS note, size(x.tags) AS t',
      )
    ).map((r) => [r.id, { n: Number(r.n), note: r.note, t: Number(r.t) }]),
  );

describe('rows upserted while their label is held (Kuzu)', () => {
  it('go into the held rows when they set properties those lack, and the rest after them', async () => {
    const store = await open();
    await store.upsertNodes('N', held.slice(0, 400), defer);
    await store.upsertNodes('N', held.slice(400), defer);
    await store.upsertNodes('N', [
      { id: 'n3', note: 'three' },
      { id: 'n450', note: 'four fifty' },
      { id: ODD, note: 'odd' },
      { id: 'new', note: 'not held' },
    ]);
    await store.flushDeferred();
    const rows = await read(store);
    expect(rows.size).toBe(702);
    expect(rows.get('n3')).toEqual({ n: 3, note: 'three', t: 2 });
    expect(rows.get('n450')).toEqual({ n: 450, note: 'four fifty', t: 2 });
    expect(rows.get(ODD)).toEqual({ n: -1, note: 'odd', t: 0 });
    expect(rows.get('n4')).toEqual({ n: 4, note: null, t: 2 });
    expect(rows.get('new')?.note).toBe('not held');
  });

  it('are written after the held rows when they set a property those have: later values win', async () => {
    const store = await open();
    await store.upsertNodes('N', held.slice(0, 500), defer);
    await store.upsertNodes('N', [{ id: 'n3', n: 33, note: 'later' }]);
    await store.upsertNodes('N', [{ id: 'n4', tags: ['z'] }], defer);
    await store.flushDeferred();
    const rows = await read(store);
    expect(rows.get('n3')).toEqual({ n: 33, note: 'later', t: 2 });
    expect(rows.get('n4')).toEqual({ n: 4, note: null, t: 1 });
    expect(rows.size).toBe(500);
  });
});

describe('rows folded in several writes', () => {
  it('merge by key, and a later write that cannot fold still wins', async () => {
    const store = await open();
    await store.upsertNodes('N', held.slice(0, 300), defer);
    await store.upsertNodes('N', [{ id: 'n1', note: 'first' }]);
    await store.upsertNodes('N', [
      { id: 'n1', note: 'second' },
      { id: 'n2', note: 'two' },
    ]);
    await store.upsertNodes('N', [{ id: 'n2', n: 22, note: 'last' }]);
    const rows = await read(store);
    expect(rows.get('n1')).toEqual({ n: 1, note: 'second', t: 2 });
    expect(rows.get('n2')).toEqual({ n: 22, note: 'last', t: 2 });
    expect(rows.size).toBe(300);
  });
});

describe('a flush with rows to fold', () => {
  it('inserts the other labels while the folded label is rewritten, then the folded one', async () => {
    const two = defineSchema({
      nodes: [
        { label: 'N', key: 'id', properties: { id: 'string', tags: 'string[]', n: 'int', note: 'string' } },
        { label: 'M', key: 'id', properties: { id: 'string', n: 'int' } },
      ],
      relationships: [],
    });
    const store = new GraphStore(createKuzuAdapter({ path: mkdtempSync(join(tmpdir(), 'cgc-kuzu-fold-')) }), {
      attempts: 1,
    });
    opened.push(store);
    await store.ensureSchema(two);
    await store.upsertNodes('N', held, defer);
    await store.upsertNodes(
      'M',
      Array.from({ length: 600 }, (_, i) => ({ id: `m${i}`, n: i })),
      defer,
    );
    await store.upsertNodes('N', [{ id: 'n7', note: 'seven' }]);
    const proto = (kuzu as unknown as { Connection: { prototype: Record<string, unknown> } }).Connection
      .prototype;
    // Statements run prepared: each COPY (its own load file) is prepared once, just before it runs.
    const prepare = proto.prepare as (this: unknown, ...x: unknown[]) => Promise<unknown>;
    const copies: string[] = [];
    proto.prepare = function (this: unknown, ...x: unknown[]) {
      const m = /^COPY `(\w+)`/.exec(String(x[0]));
      if (m) copies.push(m[1]!);
      return prepare.apply(this, x);
    };
    try {
      await store.flushDeferred();
    } finally {
      proto.prepare = prepare;
    }
    // N's file was written first, but its COPY waits for the rewrite; M's goes in meanwhile.
    expect(copies).toEqual(['M', 'N']);
    const rows = await read(store);
    expect(rows.size).toBe(701);
    expect(rows.get('n7')).toEqual({ n: 7, note: 'seven', t: 2 });
    const [m] = await store.read('MATCH (x:M) RETURN count(x) AS c, sum(x.n) AS s');
    expect({ c: Number(m!.c), s: Number(m!.s) }).toEqual({ c: 600, s: (599 * 600) / 2 });
  });
});

describe('foldRows', () => {
  it('adds the properties of each key it finds to that line, and says which keys it placed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgc-kuzu-foldrows-'));
    const [file, out] = [join(dir, 'in.json'), join(dir, 'out.json')];
    const fd = openSync(file, 'w');
    const columns = [
      { column: 'id', type: 'string' },
      { column: 'n', type: 'int' },
    ] as const;
    writeJsonLines(fd, columns, held, 'N', (r, c) => r[c as 'id' | 'n']);
    closeSync(fd);
    const rows = new Map([
      ['n1', { id: 'n1', note: 'one' }],
      [ODD, { id: ODD, note: 'odd' }],
      ['absent', { id: 'absent', note: 'none' }],
    ]);
    const placed = await foldRows(file, out, 'id', rows, [{ column: 'note', type: 'string' }], 'N');
    expect(placed.sort()).toEqual(['n1', ODD].sort());
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(held.length);
    expect(JSON.parse(lines[1]!)).toEqual({ id: 'n1', n: 1, note: 'one' });
    expect(JSON.parse(lines[2]!)).toEqual({ id: 'n2', n: 2 });
    expect(JSON.parse(lines.at(-1)!)).toEqual({ id: ODD, n: -1, note: 'odd' });
  });
});
