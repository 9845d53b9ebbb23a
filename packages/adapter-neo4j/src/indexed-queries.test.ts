import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphStore } from '@cgc/core';
import { runIndexedQuerySuite } from '@cgc/core/testing';
import { indexRepository } from '@cgc/indexer';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createNeo4jAdapter } from './neo4j-adapter.js';

// Indexing the indexer's fixture repositories gives the same answers here as on Kuzu and FalkorDB:
// the suite's expected answers are written out once and shared by every backend.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'indexer', 'fixtures');

for (const server of inject('neo4jServers')) {
  describe(`Neo4j ${server.version} (indexed fixtures)`, () => {
    const create = () =>
      createNeo4jAdapter({ uri: server.uri, username: 'neo4j', password: server.password });
    // Neo4j Community has one user database shared by every suite of this project (files run one
    // after another): start from an empty graph and leave an empty one behind.
    const wipe = async () => {
      const store = new GraphStore(create());
      await store.connect();
      await store.write('MATCH (n) DETACH DELETE n');
      await store.close();
    };
    beforeAll(wipe);
    afterAll(wipe);
    runIndexedQuerySuite('neo4j', {
      create,
      index: (s, p) => indexRepository(s, p, { workers: 0 }),
      fixtures,
    });
  });
}
