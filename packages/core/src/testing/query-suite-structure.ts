import { expect, it } from 'vitest';
import { functionComplexity, mostComplexFunctions } from '../queries/complexity.js';
import { findDeadCode } from '../queries/dead-code.js';
import { classHierarchy, findOverrides } from '../queries/hierarchy.js';
import { findImporters, moduleDeps } from '../queries/imports.js';
import { findFunctionsByArgument, findFunctionsByDecorator } from '../queries/symbols.js';
import { variableScope, whoModifies } from '../queries/variables.js';
import type { QuerySuiteContext } from './query-suite.js';
import { q } from './query-suite-relations.js';

/** Imports, variables, class hierarchy, overrides, parameters, decorators, complexity, dead code. */
export function structureTests(ctx: QuerySuiteContext): void {
  it('finds importers of a module and of the file it maps to', async () => {
    const r = await findImporters(ctx.store(), 'app.services.orders');
    expect(r.targets.map((t) => [t.label, q(t)])).toEqual([
      ['Module', 'app.services.orders'],
      ['File', 'orders.py'],
    ]);
    expect(r.results.map((e) => [q(e.importer), e.line, e.importedName])).toEqual([
      ['main.py', 1, 'create_order'],
      ['routes.py', 1, null],
      ['test_orders.py', 1, 'create_order'],
    ]);
    const models = await findImporters(ctx.store(), 'app.models');
    expect(models.results.map((e) => [q(e.importer), e.imported.label, q(e.imported), e.line])).toEqual([
      ['orders.py', 'Module', 'app.models', 1],
      ['orders.py', 'File', 'models.py', 1],
      ['routes.py', 'Module', 'app.models', 2],
    ]);
    const file = await findImporters(ctx.store(), 'src/api.ts');
    expect(file.results.map((e) => [e.importer.path, e.importedName])).toEqual([
      ['/fx/web/src/listeners.ts', 'formatMoney'],
    ]);
    const ext = await findImporters(ctx.store(), 'express', { repo: 'web' });
    expect(ext.results.map((e) => [q(e.importer), e.alias])).toEqual([['api.ts', 'express']]);
  });

  it('answers module dependencies both ways', async () => {
    const r = await moduleDeps(ctx.store(), 'app.services.orders');
    expect(r.importedBy.map((e) => q(e.importer))).toEqual(['main.py', 'routes.py', 'test_orders.py']);
    expect(r.imports.map((e) => [q(e.imported), e.line, e.alias])).toEqual([
      ['app.models', 1, null],
      ['json', 2, null],
      ['logging', 3, 'log'],
      ['models.py', 1, null],
    ]);
    expect(r.coImported.map((c) => [q(c.module), c.files])).toEqual([
      ['app.models', 1],
      ['logging', 1],
    ]);
  });

  it('finds who modifies a variable and its scopes, narrowed by file', async () => {
    const r = await whoModifies(ctx.store(), 'total');
    expect(r.results.map((s) => [s.scope, q(s.container), s.variable.line, s.value])).toEqual([
      ['function', 'app.models.Order.total', 32, 'sum(i.price for i in self.items)'],
      ['function', 'app.services.orders.create_order', 9, '0'],
    ]);
    const scoped = await variableScope(ctx.store(), 'total', { file: 'app/models.py' });
    expect(scoped.results.map((s) => q(s.container))).toEqual(['app.models.Order.total']);
    const global = await whoModifies(ctx.store(), 'MAX_ITEMS');
    expect(global.results.map((s) => [s.scope, s.container.label, s.container.path])).toEqual([
      ['file', 'File', '/fx/shop/app/services/orders.py'],
    ]);
  });

  it('walks the class hierarchy up and down, with methods', async () => {
    const r = await classHierarchy(ctx.store(), 'Order');
    expect(r.targets.map(q)).toEqual(['app.models.Order']);
    const h = r.results[0]!;
    expect(h.parents.map((p) => [q(p.ref), p.depth, p.relation])).toEqual([
      ['app.models.BaseModel', 1, 'inherits'],
      ['app.models.Persistable', 2, 'implements'],
    ]);
    expect(h.children.map((c) => [q(c.ref), c.depth, c.relation])).toEqual([
      ['app.models.SpecialOrder', 1, 'inherits'],
    ]);
    expect(h.methods.map(q)).toEqual([
      'app.models.Order.save',
      'app.models.Order.total',
      'app.models.Order.validate',
    ]);
    const root = await classHierarchy(ctx.store(), 'app.models.Persistable');
    expect(root.results[0]!.children.map((c) => [c.ref.name, c.depth])).toEqual([
      ['BaseModel', 1],
      ['Order', 2],
      ['SpecialOrder', 3],
    ]);
  });

  it('finds real overrides along the hierarchy, not same-named methods', async () => {
    const save = await findOverrides(ctx.store(), 'save');
    expect(save.targets.map(q)).toEqual([
      'app.models.BaseModel.save',
      'app.models.Order.save',
      'app.models.Persistable.save',
      'app.services.orders.Report.save',
    ]);
    expect(save.results.map((o) => [q(o.method), q(o.base), o.depth, o.relation])).toEqual([
      ['app.models.BaseModel.save', 'app.models.Persistable.save', 1, 'implements'],
      ['app.models.Order.save', 'app.models.BaseModel.save', 1, 'inherits'],
    ]);
    const total = await findOverrides(ctx.store(), 'total');
    expect(total.results.map((o) => [q(o.method), q(o.class), q(o.base), q(o.baseClass)])).toEqual([
      [
        'app.models.SpecialOrder.total',
        'app.models.SpecialOrder',
        'app.models.Order.total',
        'app.models.Order',
      ],
    ]);
    const one = await findOverrides(ctx.store(), 'Order.validate');
    expect(one.results.map((o) => q(o.base))).toEqual(['app.models.BaseModel.validate']);
  });

  it('finds functions by parameter, from Parameter nodes or the args list', async () => {
    const items = await findFunctionsByArgument(ctx.store(), 'items');
    expect(items.results.map((h) => [q(h.function), h.position])).toEqual([
      ['app.services.orders.create_order', 1],
      ['app.services.orders.validate_items', 0],
    ]);
    const typed = await findFunctionsByArgument(ctx.store(), 'order_id');
    expect(typed.results.map((h) => [q(h.function), h.type])).toEqual([
      ['app.routes.OrderController.show', null],
      ['app.routes.get_order', 'int'],
    ]);
    const argsOnly = await findFunctionsByArgument(ctx.store(), 'msg');
    expect(argsOnly.results.map((h) => [q(h.function), h.position])).toEqual([
      ['app.services.orders.log_event', 0],
    ]);
  });

  it('finds functions by decorator text or name', async () => {
    for (const d of ['retry', '@retry', '@retry(3)']) {
      const r = await findFunctionsByDecorator(ctx.store(), d);
      expect(
        r.results.map((h) => [q(h.function), h.decorators]),
        d,
      ).toEqual([['app.services.orders.notify', ['@retry(3)']]]);
    }
    const route = await findFunctionsByDecorator(ctx.store(), 'app.get');
    expect(route.results.map((h) => q(h.function))).toEqual(['app.routes.get_order']);
    expect((await findFunctionsByDecorator(ctx.store(), 'retr')).results).toEqual([]);
    await expect(findFunctionsByDecorator(ctx.store(), '@')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports complexity of every match and the most complex functions', async () => {
    const one = await functionComplexity(ctx.store(), 'create_order');
    expect(one.results.map((h) => [q(h.function), h.complexity])).toEqual([
      ['app.services.orders.create_order', 4],
      ['src/api.ts:create_order', 2],
    ]);
    const top = await mostComplexFunctions(ctx.store(), { limit: 5 });
    expect(top.results.map((h) => [q(h.function), h.complexity])).toEqual([
      ['app.services.orders.legacy_export', 9],
      ['src/api.ts:handler', 7],
      ['app.services.orders.validate_items', 6],
      ['app.models.Order.validate', 4],
      ['app.services.orders.create_order', 4],
    ]);
    const deps = await mostComplexFunctions(ctx.store(), { limit: 1, includeDependencies: true });
    expect(deps.results.map((h) => q(h.function))).toEqual(['lib.util.heavy']);
    const web = await mostComplexFunctions(ctx.store(), { repo: 'web', min: 2 });
    expect(web.results.map((h) => h.complexity)).toEqual([7, 2]);
  });

  it('finds dead code with a reason, leaving out what is used in other ways', async () => {
    const r = await findDeadCode(ctx.store());
    const shop = r.results.filter((h) => h.function.repo === 'repo:shop' || h.function.repo === 'repo:web');
    expect(shop.map((h) => [q(h.function), h.reason])).toEqual([
      ['app.models.SpecialOrder.describe', 'no-callers'],
      ['app.routes.on_order_created', 'no-callers'],
      ['app.services.orders.Report.save', 'no-callers'],
      ['app.services.orders._helper', 'no-callers'],
      ['app.services.orders.legacy_export', 'no-callers'],
      ['app.services.orders.only_tested', 'only-tests'],
      ['app.services.orders.recursive_walk', 'only-recursive'],
      ['src/api.ts:internalUnused', 'no-callers'],
    ]);
    expect(r.results[0]!.explanation).toMatch(/no call/);
    const web = await findDeadCode(ctx.store(), { repo: 'web' });
    expect(web.results.map((h) => q(h.function))).toEqual(['src/api.ts:internalUnused']);
    expect(web.excluded).toEqual({
      'entry-point': 0,
      test: 0,
      magic: 0,
      framework: 1,
      exported: 2,
      interface: 0,
      override: 0,
    });
    const shopOnly = await findDeadCode(ctx.store(), { repo: 'shop', excludeDecorators: ['bus.handles'] });
    expect(shopOnly.results.map((h) => h.function.name)).not.toContain('on_order_created');
    expect(shopOnly.excluded).toEqual({
      'entry-point': 1,
      test: 2,
      magic: 1,
      framework: 3,
      exported: 0,
      interface: 1,
      override: 2,
    });
    const exported = await findDeadCode(ctx.store(), { repo: 'web', includeExported: true });
    expect(exported.results.map((h) => h.function.name)).toEqual([
      'formatMoney',
      'handler',
      'internalUnused',
    ]);
  });
}
