export { neo4jFromConfig } from './from-config.js';
export { createNeo4jAdapter, type Neo4jAdapterOptions } from './neo4j-adapter.js';
