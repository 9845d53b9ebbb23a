import { expect, it } from 'vitest';
import { findCode } from '../queries/find-code.js';
import type { QuerySuiteContext } from './query-suite.js';
import { q } from './query-suite-relations.js';

/** find_code: names (exact, prefix, substring, fuzzy) and content, ranked. */
export function searchTests(ctx: QuerySuiteContext): void {
  it('ranks exact names first, then partial names, then content', async () => {
    const r = await findCode(ctx.store(), 'create_order');
    expect(r.results.map((h) => [q(h.ref), h.match, h.field])).toEqual([
      ['app.services.orders.create_order', 'exact', 'name'],
      ['src/api.ts:create_order', 'exact', 'name'],
      ['tests.test_orders.test_create_order', 'substring', 'name'],
      ['app.main.main', 'content', 'source'],
    ]);
    const scores = r.results.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBe(1);
  });

  it('matches an exact FQN', async () => {
    const r = await findCode(ctx.store(), 'app.models.Order');
    expect(r.results.map((h) => [h.ref.label, q(h.ref), h.match, h.field])).toEqual([
      ['Class', 'app.models.Order', 'exact', 'fqn'],
    ]);
  });

  it('matches prefixes case-insensitively, closer names first', async () => {
    const r = await findCode(ctx.store(), 'VALID', { labels: ['Function'] });
    expect(r.results.map((h) => [q(h.ref), h.match])).toEqual([
      ['app.models.BaseModel.validate', 'prefix'],
      ['app.models.Order.validate', 'prefix'],
      ['app.services.orders.validate_items', 'prefix'],
      ['app.services.orders.create_order', 'content'],
    ]);
  });

  it('searches docstrings and sources, and variables by name', async () => {
    const r = await findCode(ctx.store(), 'tax');
    expect(r.results.map((h) => [h.ref.label, q(h.ref), h.match, h.field])).toEqual([
      ['Variable', 'TAX_RATE', 'prefix', 'name'],
      ['Function', 'app.models.Order.total', 'content', 'docstring'],
    ]);
  });

  it('ranks fuzzy matches by edit distance, over every engine', async () => {
    const r = await findCode(ctx.store(), 'crete_ordr', { modes: ['fuzzy'] });
    expect(r.results.map((h) => [q(h.ref), h.match])).toEqual([
      ['app.services.orders.create_order', 'fuzzy'],
      ['src/api.ts:create_order', 'fuzzy'],
    ]);
    const auto = await findCode(ctx.store(), 'legacy_exprot');
    expect(auto.results.map((h) => [q(h.ref), h.match])).toEqual([
      ['app.services.orders.legacy_export', 'fuzzy'],
    ]);
    const none = await findCode(ctx.store(), 'zzzzzzzz');
    expect(none.results).toEqual([]);
  });

  it('restricts the search to a repository and a limit', async () => {
    const r = await findCode(ctx.store(), 'create_order', { repo: '/fx/web' });
    expect(r.results.map((h) => q(h.ref))).toEqual(['src/api.ts:create_order']);
    const one = await findCode(ctx.store(), 'create_order', { limit: 1 });
    expect(one).toMatchObject({ truncated: true });
    expect(one.results).toHaveLength(1);
  });

  it('rejects bad search input', async () => {
    await expect(findCode(ctx.store(), '')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(findCode(ctx.store(), 'x'.repeat(600))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(findCode(ctx.store(), 'x', { editDistance: 9 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const quoted = await findCode(ctx.store(), "' OR 1=1 RETURN n //");
    expect(quoted.results).toEqual([]);
  });
}
