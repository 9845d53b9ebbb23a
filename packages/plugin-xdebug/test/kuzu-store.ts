import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { CORE_SCHEMA, type GraphAdapter, GraphStore } from '@cgc/core';
import { XDEBUG_SCHEMA } from '../src/schema.js';

/** A real embedded Kuzu adapter at `path`. */
export function createTestAdapter(path: string): GraphAdapter {
  return createKuzuAdapter({ path });
}

/** A real embedded Kuzu store in a temp dir with core + Xdebug schema; `dispose` deletes it. */
export async function openTestStore(): Promise<{ store: GraphStore; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-xdebug-kuzu-'));
  const store = new GraphStore(createTestAdapter(join(dir, 'db')));
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA, XDEBUG_SCHEMA);
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
