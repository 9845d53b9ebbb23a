import { runQuerySuite } from '@cgc/core/testing';
import { describe, inject } from 'vitest';
import { createNeo4jAdapter } from './neo4j-adapter.js';

for (const server of inject('neo4jServers')) {
  describe(`Neo4j ${server.version}`, () => {
    runQuerySuite('neo4j', {
      create: () => createNeo4jAdapter({ uri: server.uri, username: 'neo4j', password: server.password }),
      writeProcedures: ["CALL db.createLabel('Sneaky')", "CALL db.createProperty('sneaky')"],
    });
  });
}
