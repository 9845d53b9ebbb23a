import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { runIndexedQuerySuite } from '@cgc/core/testing';
import { indexRepository } from './index-repository.js';

// The core query set on repositories this indexer really parsed, on the embedded database.
runIndexedQuerySuite('kuzu', {
  create: () => createKuzuAdapter({ path: mkdtempSync(join(tmpdir(), 'cgc-iq-')) }),
  index: (store, path) => indexRepository(store, path, { workers: 0 }),
  fixtures: join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures'),
});
