import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore, isCgcError } from '@cgc/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';
import { bindStatement } from './kuzu-values.js';

describe('bindStatement', () => {
  it('writes an empty list parameter into the statement as [] and leaves strings and comments alone', () => {
    const b = bindStatement("MATCH (n) WHERE n.id IN $ids AND n.s <> '$ids' /* $ids */ RETURN $ids, $x", {
      ids: [],
      x: 1,
    });
    expect(b.cypher).toBe("MATCH (n) WHERE n.id IN [] AND n.s <> '$ids' /* $ids */ RETURN [], $x");
    expect(b.params).toEqual({ x: 1 });
  });

  it('refuses IN over a null list, which kills the Kuzu 0.11 process', () => {
    for (const [cypher, params] of [
      ['MATCH (n) WHERE n.id IN $ids RETURN n', { ids: null }],
      ['MATCH (n) WHERE n.id in   $ids RETURN n', { ids: {} }],
      ['MATCH (n) WHERE n.id IN NULL RETURN n', {}],
    ] as const) {
      const err = (() => {
        try {
          bindStatement(cypher, params);
        } catch (e) {
          return e;
        }
      })();
      expect(isCgcError(err, 'INVALID_INPUT'), `${cypher}: ${String(err)}`).toBe(true);
    }
    expect(bindStatement("RETURN 'x IN NULL' AS s, $v AS v", { v: null }).params).toEqual({ v: null });
  });
});

describe('kuzu empty lists in queries', () => {
  const store = new GraphStore(createKuzuAdapter({ path: mkdtempSync(join(tmpdir(), 'cgc-kuzu-empty-')) }), {
    attempts: 1,
  });
  afterAll(() => store.close());

  // Each of these took the whole process down (segfault) on kuzu 0.11.3 before the rewrite.
  it('answers IN, UNWIND and SET with an empty list parameter', async () => {
    await store.ensureSchema(
      defineSchema({
        nodes: [{ label: 'E', key: 'id', properties: { id: 'string', xs: 'string[]' } }],
        relationships: [],
      }),
    );
    await store.upsertNodes('E', [{ id: 'a', xs: ['x'] }]);
    expect(await store.read('MATCH (n:E) WHERE n.id IN $ids RETURN n.id AS id', { ids: [] })).toEqual([]);
    expect(await store.read('MATCH (n:E) WHERE NOT n.id IN $ids RETURN n.id AS id', { ids: [] })).toEqual([
      { id: 'a' },
    ]);
    expect(await store.read('UNWIND $ids AS i RETURN i', { ids: [] })).toEqual([]);
    await store.write("MATCH (n:E {id: 'a'}) SET n.xs = $xs", { xs: [] });
    expect(await store.read('MATCH (n:E) RETURN n.xs AS xs')).toEqual([{ xs: [] }]);
    const err = await store
      .read('MATCH (n:E) WHERE n.id IN $ids RETURN n', { ids: null })
      .catch((e: unknown) => e);
    expect(isCgcError(err, 'INVALID_INPUT'), String(err)).toBe(true);
    expect(await store.read('MATCH (n:E) WHERE n.id IN $ids RETURN n.id AS id', { ids: ['a'] })).toEqual([
      { id: 'a' },
    ]);
  });
});
