import { expect, it } from 'vitest';
import { analyzeCode } from '../queries/analyze.js';
import {
  callChain,
  findAllCallees,
  findAllCallers,
  findCallees,
  findCallers,
} from '../queries/relationships.js';
import type { CodeRef } from '../queries/types.js';
import type { QuerySuiteContext } from './query-suite.js';

/** The FQN of a ref, or its name for files and modules: how expected answers are written. */
export const q = (r: CodeRef) => r.fqn ?? r.name;

const ORDERS = '/fx/shop/app/services/orders.py';

/** Callers, callees, transitive walks and call chains. */
export function relationTests(ctx: QuerySuiteContext): void {
  it('finds direct callers of every function the name matches, with call sites', async () => {
    const r = await findCallers(ctx.store(), 'create_order');
    expect(r.targets.map(q)).toEqual(['app.services.orders.create_order', 'src/api.ts:create_order']);
    expect(r.results.map((e) => [q(e.caller), q(e.callee), e.line])).toEqual([
      ['app.main.main', 'app.services.orders.create_order', 5],
      ['src/api.ts:handler', 'src/api.ts:create_order', 14],
      ['tests.test_orders.test_create_order', 'app.services.orders.create_order', 5],
    ]);
    expect(r.truncated).toBe(false);
    const first = r.results[0]!;
    expect(first.caller).toEqual({
      id: 'fn:shop:app.main.main',
      label: 'Function',
      name: 'main',
      fqn: 'app.main.main',
      kind: 'function',
      path: '/fx/shop/app/main.py',
      line: 3,
      endLine: 6,
      repo: 'repo:shop',
    });
    expect(first).toMatchObject({ lines: [5], confidence: 0.9, resolution: 'fixture' });
  });

  it('narrows an ambiguous target by repository or file', async () => {
    const byRepo = await findCallers(ctx.store(), 'create_order', { repo: 'web' });
    expect(byRepo.targets.map(q)).toEqual(['src/api.ts:create_order']);
    expect(byRepo.results.map((e) => q(e.caller))).toEqual(['src/api.ts:handler']);
    const byFile = await findCallers(ctx.store(), 'create_order', { file: 'app/services/orders.py' });
    expect(byFile.targets.map((t) => t.path)).toEqual([ORDERS]);
    const byFqn = await findCallers(ctx.store(), 'orders.create_order');
    expect(byFqn.targets.map(q)).toEqual(['app.services.orders.create_order']);
  });

  it('resolves a qualified method name at a segment boundary only', async () => {
    const r = await findCallers(ctx.store(), 'Order.total');
    expect(r.targets.map(q)).toEqual(['app.models.Order.total']);
    expect(r.results.map((e) => [q(e.caller), e.line])).toEqual([
      ['app.models.SpecialOrder.total', 46],
      ['app.routes.get_order', 7],
    ]);
  });

  it('counts file-level code as a caller', async () => {
    const r = await findCallers(ctx.store(), 'bootstrap');
    expect(r.results.map((e) => [e.caller.label, e.caller.name, e.line])).toEqual([['File', 'main.py', 20]]);
  });

  it('finds callees, constructor calls to classes included', async () => {
    const r = await findCallees(ctx.store(), 'create_order', { repo: 'shop' });
    expect(r.results.map((e) => [e.callee.label, q(e.callee), e.line])).toEqual([
      ['Class', 'app.models.Order', 10],
      ['Function', 'app.models.Order.save', 12],
      ['Function', 'app.services.orders.check_stock', 8],
      ['Function', 'app.services.orders.notify', 13],
      ['Function', 'app.services.orders.validate_items', 7],
    ]);
    const multi = await findCallees(ctx.store(), 'validate_items');
    expect(multi.results.map((e) => e.lines)).toEqual([[20, 23]]);
  });

  it('limits results and says so', async () => {
    const r = await findCallers(ctx.store(), 'create_order', { limit: 1 });
    expect(r.results).toHaveLength(1);
    expect(r.truncated).toBe(true);
  });

  it('walks callees transitively, nearest first, with bounded depth', async () => {
    const all = await findAllCallees(ctx.store(), 'create_order', { repo: 'shop' });
    expect(all.results.map((h) => [q(h.ref), h.depth])).toEqual([
      ['app.models.Order', 1],
      ['app.models.Order.save', 1],
      ['app.services.orders.check_stock', 1],
      ['app.services.orders.notify', 1],
      ['app.services.orders.validate_items', 1],
      ['app.models.BaseModel.save', 2],
      ['app.services.orders.log_event', 2],
      ['app.models.BaseModel.validate', 3],
    ]);
    expect(all.results.find((h) => h.ref.name === 'log_event')?.via).toBe(
      'fn:shop:app.services.orders.notify',
    );
    const two = await findAllCallees(ctx.store(), 'create_order', { repo: 'shop', depth: 2 });
    expect(two.results).toHaveLength(7);
  });

  it('walks callers transitively through file-level code and recursion', async () => {
    const r = await findAllCallers(ctx.store(), 'check_stock');
    expect(r.results.map((h) => [q(h.ref), h.depth])).toEqual([
      ['app.services.orders.create_order', 1],
      ['app.services.orders.validate_items', 1],
      ['app.main.main', 2],
      ['tests.test_orders.test_create_order', 2],
    ]);
    const rec = await findAllCallers(ctx.store(), 'recursive_walk');
    expect(rec.results).toEqual([]);
    const file = await findAllCallers(ctx.store(), 'configure');
    expect(file.results.map((h) => [h.ref.label, q(h.ref), h.depth])).toEqual([
      ['Function', 'app.main.bootstrap', 1],
      ['File', 'main.py', 2],
    ]);
  });

  it('finds call chains, shortest first, within the depth', async () => {
    const r = await callChain(ctx.store(), 'main', 'check_stock');
    expect(r.results.map((c) => c.nodes.map((n) => n.name))).toEqual([
      ['main', 'create_order', 'check_stock'],
      ['main', 'create_order', 'validate_items', 'check_stock'],
    ]);
    expect(r.results.map((c) => c.calls.map((x) => x.line))).toEqual([
      [5, 8],
      [5, 7, 20],
    ]);
    expect(r.results[1]!.calls[2]!.lines).toEqual([20, 23]);
    const short = await callChain(ctx.store(), 'main', 'check_stock', { depth: 2 });
    expect(short.results.map((c) => c.length)).toEqual([2]);
    const deep = await callChain(ctx.store(), 'main', 'BaseModel.validate');
    expect(deep.results.map((c) => c.nodes.map(q))).toEqual([
      [
        'app.main.main',
        'app.services.orders.create_order',
        'app.models.Order.save',
        'app.models.BaseModel.save',
        'app.models.BaseModel.validate',
      ],
    ]);
    expect((await callChain(ctx.store(), 'check_stock', 'main')).results).toEqual([]);
  });

  it('dispatches the Python tool query types and aliases', async () => {
    const chain = await analyzeCode(ctx.store(), 'call_chain', 'main->check_stock', { context: '3' });
    expect(chain.queryType).toBe('call_chain');
    expect((chain.result as { results: unknown[] }).results).toHaveLength(2);
    const calls = await analyzeCode(ctx.store(), 'calls', 'notify');
    expect(calls.queryType).toBe('find_callees');
    const scope = await analyzeCode(ctx.store(), 'variable_scope', 'total', { context: 'app/models.py' });
    expect((scope.result as { results: unknown[] }).results).toHaveLength(1);
    const top = await analyzeCode(ctx.store(), 'find_complexity', '', { context: '2' });
    expect((top.result as { results: { complexity: number }[] }).results.map((h) => h.complexity)).toEqual([
      9, 7,
    ]);
  });

  it('rejects bad input with clear coded errors', async () => {
    const s = ctx.store();
    await expect(findCallers(s, 'no_such_function')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findCallers(s, '   ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(findCallers(s, 'main', { repo: 'no-such-repo' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(findAllCallers(s, 'main', { depth: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(findAllCallers(s, 'main', { depth: 1000 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(findCallers(s, 'main', { limit: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(analyzeCode(s, 'bogus', 'main')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(analyzeCode(s, 'call_chain', 'main')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // Quotes and Cypher in a target are data, never query text.
    await expect(findCallers(s, "x' OR 1=1 //")).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
}
