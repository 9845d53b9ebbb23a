import { afterAll, beforeAll, describe } from 'vitest';
import type { GraphAdapter } from '../adapter.js';
import { GraphStore } from '../store.js';
import { loadFixtureGraph } from './query-fixture.js';
import { manageTests } from './query-suite-manage.js';
import { relationTests } from './query-suite-relations.js';
import { searchTests } from './query-suite-search.js';
import { structureTests } from './query-suite-structure.js';

/** How the query suite gets an adapter on a real engine. */
export interface QuerySuiteOptions {
  /** Creates a fresh, unconnected adapter. */
  readonly create: () => GraphAdapter;
  /**
   * Statements in the engine's own dialect that would write through a procedure or an engine
   * extension; each must be refused by `runReadOnlyQuery` (e.g. `CALL db.createLabel('X')` on Neo4j).
   */
  readonly writeProcedures?: readonly string[];
}

/** What each group of query tests gets: the store holding the fixture graph. */
export interface QuerySuiteContext {
  store(): GraphStore;
  readonly options: QuerySuiteOptions;
}

/**
 * The core query suite: writes the fixture graph (`fixtures/code-graph.json`) through the store and
 * checks every query of `@cgc/core` against answers written out. Adapter packages call it unchanged,
 * so the answers are proven identical on every engine.
 */
export function runQuerySuite(name: string, options: QuerySuiteOptions): void {
  describe(`${name} core queries`, () => {
    let store: GraphStore | undefined;
    beforeAll(async () => {
      store = new GraphStore(options.create(), { backoffMs: 20 });
      await store.connect();
      await loadFixtureGraph(store);
    });
    afterAll(async () => {
      await store?.close();
    });
    const ctx: QuerySuiteContext = {
      store: () => {
        if (!store) throw new Error('query suite store is not open');
        return store;
      },
      options,
    };
    describe('relationships', () => relationTests(ctx));
    describe('structure', () => structureTests(ctx));
    describe('search', () => searchTests(ctx));
    describe('repositories and read-only queries', () => manageTests(ctx));
  });
}
