import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore } from '@cgc/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [{ label: 'K', key: 'id', properties: { id: 'string', v: 'int' } }],
  relationships: [],
});
const store = new GraphStore(createKuzuAdapter({ path: mkdtempSync(join(tmpdir(), 'cgc-kuzu-bulk-')) }), {
  attempts: 1,
});
afterAll(() => store.close());

describe('kuzu bulk path key look-up', () => {
  // 600 keys are probed one by one, 1600 through one UNWIND (its first batch, 800 rows, finds an empty table).
  it.each([600, 1600])('inserts new and updates stored nodes in a batch of %i', async (n) => {
    await store.ensureSchema(schema);
    await store.write('MATCH (k:K) DELETE k');
    const ids = Array.from({ length: n }, (_, i) => `k${i}`);
    await store.upsertNodes(
      'K',
      ids.filter((_, i) => i % 2 === 0).map((id) => ({ id, v: 1 })),
    );
    await store.upsertNodes(
      'K',
      ids.map((id) => ({ id, v: 2 })),
    );
    expect(await store.read('MATCH (k:K) RETURN count(k) AS c, min(k.v) AS lo, max(k.v) AS hi')).toEqual([
      { c: n, lo: 2, hi: 2 },
    ]);
  });
});
