import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runIndexedQuerySuite } from '@cgc/core/testing';
import { indexRepository } from '@cgc/indexer';
import { inject } from 'vitest';
import { createFalkorAdapter } from './falkordb-adapter.js';

// Indexing the indexer's fixture repositories gives the same answers here as on Kuzu and Neo4j:
// the suite's expected answers are written out once and shared by every backend.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'indexer', 'fixtures');
const server = inject('falkorServer');

runIndexedQuerySuite('falkordb', {
  create: () => createFalkorAdapter({ url: server.url, graph: `cgc_indexed_${process.pid}` }),
  index: (store, path) => indexRepository(store, path, { workers: 0 }),
  fixtures,
});
