import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { CORE_SCHEMA, GraphStore, isCgcError } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundWriter } from './background-writer.js';
import { SplitSink } from './split-sink.js';

const dir = mkdtempSync(join(tmpdir(), 'cgc-bg-writer-'));
let store: GraphStore;

beforeAll(async () => {
  store = new GraphStore(createKuzuAdapter({ path: join(dir, 'db') }));
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BackgroundWriter', () => {
  it('keeps rows in order across background flushes (edges and partial rows after their nodes)', async () => {
    const w = new BackgroundWriter(store, { flushAt: 3 });
    const repo = 'repo:bg-order';
    await w.node('File', { id: 'file:bg', repo, name: 'a.c', path: '/a.c' });
    for (let i = 0; i < 10; i++) {
      await w.node('Function', { id: `fn:bg${i}`, repo, name: `f${i}`, fqn: `f${i}` });
      await w.rel('CONTAINS', 'File', 'Function', { from: 'file:bg', to: `fn:bg${i}` });
    }
    // Calls between functions flushed in earlier batches, then partial rows for them.
    for (let i = 1; i < 10; i++)
      await w.rel('CALLS', 'Function', 'Function', { from: `fn:bg${i}`, to: 'fn:bg0' });
    await w.flush();
    for (let i = 0; i < 10; i++) await w.node('Function', { id: `fn:bg${i}`, unresolved: `g${i}` });
    await w.drain();
    const contains = await store.read<{ c: number }>(
      'MATCH (:File {id: $f})-[:CONTAINS]->(g:Function) RETURN count(g) AS c',
      { f: 'file:bg' },
    );
    const calls = await store.read<{ c: number }>(
      "MATCH (a:Function)-[:CALLS]->(:Function {id: 'fn:bg0'}) WHERE a.repo = $repo RETURN count(a) AS c",
      { repo },
    );
    const fns = await store.read<{ name: string; u: string }>(
      'MATCH (g:Function) WHERE g.repo = $repo RETURN g.name AS name, g.unresolved AS u ORDER BY name',
      { repo },
    );
    expect(Number(contains[0]?.c)).toBe(10);
    expect(Number(calls[0]?.c)).toBe(9);
    expect(fns).toHaveLength(10);
    expect(fns[3]).toEqual({ name: 'f3', u: 'g3' });
    expect(w.written.nodes).toBe(21);
    expect(w.written.relationships).toBe(19);
  });

  it('reports a failed background flush on the next call and on drain', async () => {
    const w = new BackgroundWriter(store, { flushAt: 2 });
    await w.node('Function', { id: 'fn:bg-bad', not_a_property: 1 });
    // The second row starts the flush without waiting for it.
    await w.node('Function', { id: 'fn:bg-bad2' });
    const err = await w.drain().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCgcError(err, 'SCHEMA_UNDECLARED')).toBe(true);
    expect(() => w.node('Function', { id: 'fn:bg-after' })).toThrow(/not declared/);
  });

  it('writes directories and small CONTAINS edges after the files they point to, also when drained early', async () => {
    const repo = 'repo:bg-split';
    const bulk = new BackgroundWriter(store, { flushAt: 4 });
    // Three small rows force an early drain while files are still buffered in the bulk writer.
    const w = new SplitSink(store, bulk, { max: 3 });
    await w.node('Repository', { id: repo, repo, name: 'r', path: '/r' });
    for (let d = 0; d < 3; d++) {
      const dir = `dir:bg${d}`;
      await w.node('Directory', { id: dir, repo, name: `d${d}`, path: `/r/d${d}` });
      await w.rel('CONTAINS', 'Repository', 'Directory', { from: repo, to: dir });
      for (let f = 0; f < 3; f++) {
        const file = `file:bg${d}-${f}`;
        await w.node('File', { id: file, repo, name: `f${f}.c`, path: `/r/d${d}/f${f}.c` });
        await w.rel('CONTAINS', 'Directory', 'File', { from: dir, to: file });
      }
    }
    await w.drain();
    const rows = await store.read<{ d: string; c: number }>(
      'MATCH (:Repository {id: $repo})-[:CONTAINS]->(d:Directory)-[:CONTAINS]->(f:File) RETURN d.name AS d, count(f) AS c ORDER BY d',
      { repo },
    );
    expect(rows.map((r) => [r.d, Number(r.c)])).toEqual([
      ['d0', 3],
      ['d1', 3],
      ['d2', 3],
    ]);
    expect(w.written).toEqual({ nodes: 13, relationships: 12 });
  });
});
