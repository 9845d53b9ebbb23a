import { runQuerySuite } from '@cgc/core/testing';
import { inject } from 'vitest';
import { createFalkorAdapter } from './falkordb-adapter.js';

const server = inject('falkorServer');

runQuerySuite('falkordb', {
  create: () => createFalkorAdapter({ url: server.url, graph: 'cgc_queries' }),
  writeProcedures: [
    "CALL db.idx.fulltext.createNodeIndex('Function', 'name')",
    "CALL db.idx.fulltext.drop('Function')",
  ],
});
