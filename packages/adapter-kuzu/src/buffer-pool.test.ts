import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, GraphStore } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const schema = defineSchema({
  nodes: [{ label: 'B', key: 'id', properties: { id: 'string', src: 'string' } }],
  relationships: [],
});
const opened: GraphStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
const rows = (count: number, start = 0) =>
  Array.from({ length: count }, (_, i) => ({ id: `b${start + i}`, src: `${'x'.repeat(300)}${start + i}` }));

describe('a COPY larger than the buffer pool', () => {
  it('fails with the pool size and the setting that fixes it, drops the held rows and keeps serving', async () => {
    const path = mkdtempSync(join(tmpdir(), 'cgc-kuzu-pool-'));
    const store = new GraphStore(createKuzuAdapter({ path, bufferPoolSize: 64 * 1024 * 1024 }), {
      attempts: 1,
    });
    opened.push(store);
    await store.ensureSchema(schema);
    await store.upsertNodes('B', rows(10));
    // Held, then inserted with one COPY: ~60k rows of 300 characters do not fit 64 MB.
    await store.upsertNodes('B', rows(60_000, 10), { fresh: true, defer: true });
    const failed = await store.flushDeferred().then(
      () => undefined,
      (err: unknown) => err as Error & { code?: string; details?: Record<string, unknown> },
    );
    expect(failed?.message).toMatch(/buffer pool \(64 MB\)/);
    expect(failed?.message).toMatch(/database\.kuzu\.bufferPoolMb .*CGC_KUZU_BUFFER_POOL_MB/);
    expect(failed?.details?.bufferPoolMb).toBe(64);
    // The held rows are dropped (no retry fits them): reads, which insert what is held first, work,
    // and what was stored before is all there.
    const [r] = await store.read('MATCH (b:B) RETURN count(b) AS c');
    expect(Number(r!.c)).toBe(10);
    await store.upsertNodes('B', rows(5, 100_000));
    const [after] = await store.read('MATCH (b:B) RETURN count(b) AS c');
    expect(Number(after!.c)).toBe(15);
  });
});
