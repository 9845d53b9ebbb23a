export { type ConformanceOptions, runAdapterConformance } from './conformance.js';
export { CONFORMANCE_SCHEMA } from './conformance-schema.js';
export {
  CODE_GRAPH_FIXTURE,
  clearFixtureGraph,
  FIXTURE_REPOS,
  type FixtureGraph,
  loadFixtureGraph,
} from './query-fixture.js';
export { type QuerySuiteContext, type QuerySuiteOptions, runQuerySuite } from './query-suite.js';
export { type IndexedQuerySuiteOptions, runIndexedQuerySuite } from './query-suite-indexed.js';
