import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphAdapter } from '../adapter.js';
import { findDeadCode } from '../queries/dead-code.js';
import { findCode } from '../queries/find-code.js';
import { classHierarchy, findOverrides } from '../queries/hierarchy.js';
import { findImporters } from '../queries/imports.js';
import { callChain, findAllCallers, findCallers } from '../queries/relationships.js';
import { repositoryStats } from '../queries/repositories.js';
import { GraphStore } from '../store.js';
import { q } from './query-suite-relations.js';

/** How {@link runIndexedQuerySuite} gets an engine and an indexer. */
export interface IndexedQuerySuiteOptions {
  /** Creates a fresh, unconnected adapter. */
  readonly create: () => GraphAdapter;
  /** Indexes a repository into the store (`indexRepository` of `@cgc/indexer`). */
  readonly index: (store: GraphStore, path: string) => Promise<unknown>;
  /** The indexer's fixture folder (`packages/indexer/fixtures`). */
  readonly fixtures: string;
}

/**
 * Query answers on repositories indexed for real (the indexer's python/packages, php/laravel and
 * typescript/aliases fixtures): proves the queries and the graph the indexer writes fit together.
 * Core cannot depend on the indexer, so the indexer (or an app) passes it in.
 */
export function runIndexedQuerySuite(name: string, options: IndexedQuerySuiteOptions): void {
  describe(`${name} queries on indexed fixture repositories`, () => {
    let store: GraphStore;
    const python = join(options.fixtures, 'python/packages');
    const php = join(options.fixtures, 'php/laravel');
    const ts = join(options.fixtures, 'typescript/aliases');
    beforeAll(async () => {
      store = new GraphStore(options.create());
      await store.connect();
      for (const repo of [python, php, ts]) await options.index(store, repo);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('python: callers, transitive callers and call chains', async () => {
      const callers = await findCallers(store, 'helper', { repo: python });
      expect(callers.results.map((e) => [q(e.caller), e.line])).toEqual([
        ['app.models.Order.describe', 19],
        ['app.services.order_service.OrderService.list_orders', 24],
        ['app.services.order_service.OrderService.list_orders.inner', 21],
      ]);
      const all = await findAllCallers(store, 'Base._validate', { repo: python });
      expect(all.results.map((h) => [q(h.ref), h.depth])).toEqual([
        ['app.models.Base.save', 1],
        ['app.services.order_service.OrderService.list_orders', 2],
      ]);
      const chain = await callChain(store, 'list_orders', '_validate', { repo: python });
      expect(chain.results.map((c) => c.nodes.map(q))).toEqual([
        [
          'app.services.order_service.OrderService.list_orders',
          'app.models.Base.save',
          'app.models.Base._validate',
        ],
      ]);
    });

    it('python: hierarchy, importers and dead code', async () => {
      const h = await classHierarchy(store, 'app.models.Order');
      expect(h.results[0]!.parents.map((p) => q(p.ref))).toEqual(['app.models.Base']);
      expect(h.results[0]!.methods.map((m) => m.name)).toEqual(['__init__', 'describe']);
      const imp = await findImporters(store, 'app/models.py', { repo: python });
      expect(imp.results.map((e) => e.importer.path)).toEqual([
        join(python, 'app/services/order_service.py'),
      ]);
      const dead = (await findDeadCode(store, { repo: python })).results.map((d) => q(d.function));
      expect(dead).toContain('app.services.order_service.OrderService.make');
      expect(dead).not.toContain('app.models.helper');
      expect(dead).not.toContain('app.models.Base._validate');
    });

    it('php: callers by Class::method, overrides through interfaces, routes keep handlers alive', async () => {
      const create = await findCallers(store, 'OrderService::create');
      expect(create.results.map((e) => q(e.caller))).toEqual([
        'App\\Http\\Controllers\\OrderController::store',
      ]);
      const save = await findCallers(store, 'Model::save');
      expect(save.results.map((e) => q(e.caller))).toEqual([
        'App\\Models\\Order::charge',
        'App\\Services\\OrderService::create',
      ]);
      const over = await findOverrides(store, 'charge', { repo: php });
      expect(over.results.map((o) => [q(o.method), q(o.base), o.relation])).toEqual([
        ['App\\Models\\Order::charge', 'App\\Models\\Billable::charge', 'implements'],
      ]);
      const h = await classHierarchy(store, 'App\\Models\\Order');
      expect(h.results[0]!.parents.map((p) => [q(p.ref), p.relation])).toEqual([
        ['App\\Models\\Billable', 'implements'],
        ['App\\Models\\Model', 'inherits'],
        ['App\\Support\\Loggable', 'includes'],
      ]);
      const trait = await classHierarchy(store, 'App\\Support\\Loggable');
      expect(trait.results[0]!.children.map((c) => [q(c.ref), c.relation])).toEqual([
        ['App\\Models\\Order', 'includes'],
      ]);
      const dead = (await findDeadCode(store, { repo: php })).results.map((d) => q(d.function));
      expect(dead).not.toContain('App\\Http\\Controllers\\OrderController::store');
      expect(await repositoryStats(store, php)).toMatchObject({ routes: 2 });
    });

    it('typescript: callers and search', async () => {
      const callers = await findCallers(store, 'getDashboard', { repo: ts });
      expect(callers.results.map((e) => q(e.caller))).toEqual(['src/main.ts:main']);
      const found = await findCode(store, 'dashboard', { repo: ts });
      expect(found.results[0]).toMatchObject({
        match: 'prefix',
        ref: { fqn: 'src/services/dashboard.ts:DashboardService' },
      });
    });
  });
}
