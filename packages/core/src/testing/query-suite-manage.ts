import { expect, it } from 'vitest';
import { isCgcError } from '../errors.js';
import { findCode } from '../queries/find-code.js';
import { runReadOnlyQuery } from '../queries/read-only.js';
import { resolveRepo } from '../queries/refs.js';
import { deleteRepository, listRepositories, repositoryStats } from '../queries/repositories.js';
import { FIXTURE_REPOS, loadFixtureGraph } from './query-fixture.js';
import type { QuerySuiteContext } from './query-suite.js';

const SHOP_COUNTS = {
  files: 5,
  directories: 3,
  modules: 4,
  classes: 6,
  functions: 28,
  variables: 4,
  routes: 1,
  calls: 18,
  imports: 9,
  inherits: 2,
};

/** Repositories (list, stats, delete) and read-only Cypher. */
export function manageTests(ctx: QuerySuiteContext): void {
  it('lists repositories with their file counts', async () => {
    const repos = (await listRepositories(ctx.store())).filter((r) =>
      (FIXTURE_REPOS as readonly string[]).includes(r.id),
    );
    expect(repos.map((r) => [r.name, r.path, r.isDependency, r.files])).toEqual([
      ['lib', '/fx/lib', true, 1],
      ['shop', '/fx/shop', false, 5],
      ['web', '/fx/web', false, 2],
    ]);
  });

  it('resolves a repository by id, path or name', async () => {
    for (const key of ['repo:shop', '/fx/shop', '/fx/shop/', 'shop']) {
      expect((await resolveRepo(ctx.store(), key)).id, key).toBe('repo:shop');
    }
    await expect(resolveRepo(ctx.store(), '/fx/nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts files, symbols and edges per repository and overall', async () => {
    const shop = await repositoryStats(ctx.store(), 'shop');
    expect(shop).toMatchObject({ scope: 'repository', ...SHOP_COUNTS });
    const web = await repositoryStats(ctx.store(), '/fx/web');
    expect(web).toMatchObject({
      files: 2,
      directories: 1,
      modules: 1,
      classes: 1,
      functions: 5,
      calls: 1,
      imports: 2,
    });
    const all = await repositoryStats(ctx.store());
    expect(all.scope).toBe('all');
    expect(all.functions).toBeGreaterThanOrEqual(34);
    if (all.scope === 'all') expect(all.repositories).toBeGreaterThanOrEqual(3);
  });

  it('runs read-only Cypher with parameters', async () => {
    const r = await runReadOnlyQuery(
      ctx.store(),
      'MATCH (f:Function) WHERE f.repo = $r RETURN count(f) AS n',
      {
        r: 'repo:shop',
      },
    );
    expect(r).toEqual({ columns: ['n'], rows: [{ n: 28 }], rowCount: 1, truncated: false });
    // Keywords inside strings and comments are data, not clauses.
    const quoted = await runReadOnlyQuery(
      ctx.store(),
      "MATCH (f:Function) WHERE f.name = 'CREATE (x) COPY t FROM' /* LOAD CSV */ RETURN count(f) AS n",
    );
    expect(quoted.rows).toEqual([{ n: 0 }]);
    const capped = await runReadOnlyQuery(
      ctx.store(),
      'MATCH (f:Function) RETURN f.id AS id',
      {},
      { maxRows: 2 },
    );
    expect(capped).toMatchObject({ rowCount: expect.any(Number), truncated: true });
    expect(capped.rows).toHaveLength(2);
  });

  it('refuses every write, however it is spelled, and leaves the graph unchanged', async () => {
    const attempts = [
      "CREATE (n:Module {id: 'pwned', repo: 'repo:shop'})",
      "  cReAtE (n:Module {id: 'pwned', repo: 'repo:shop'}) RETURN n",
      "/* harmless */ MERGE (n:Module {id: 'pwned', repo: 'repo:shop'})",
      "MATCH (f:Function) WHERE f.repo = 'repo:shop' // comment\n  DETACH\n\tDELETE f",
      "MATCH (f:Function) SET f.name = 'pwned'",
      'MATCH (f:Function) REMOVE f.name',
      "MATCH (f:Function {id: 'fn:shop:app.main.main'}) WITH f MATCH (g:Function) DELETE g",
      "COPY Function FROM '/tmp/cgc-pwned.csv'",
      "COPY (MATCH (f:Function) RETURN f.id) TO '/tmp/cgc-pwned.csv'",
      "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
      "LOAD FROM '/etc/passwd' RETURN *",
      "CALL apoc.load.json('http://127.0.0.1/')",
      ...(ctx.options.writeProcedures ?? []),
    ];
    for (const cypher of attempts) {
      const err = await runReadOnlyQuery(ctx.store(), cypher).catch((e: unknown) => e);
      expect(
        isCgcError(err, 'READ_ONLY_VIOLATION', 'QUERY_SYNTAX', 'UNSUPPORTED'),
        `${cypher} -> ${String(err)}`,
      ).toBe(true);
    }
    const writes = await runReadOnlyQuery(ctx.store(), "CREATE (n:Module {id: 'pwned2'})").catch(
      (e: unknown) => e,
    );
    expect(isCgcError(writes, 'READ_ONLY_VIOLATION'), String(writes)).toBe(true);
    expect(await repositoryStats(ctx.store(), 'shop')).toMatchObject(SHOP_COUNTS);
    const pwned = await runReadOnlyQuery(
      ctx.store(),
      "MATCH (n:Module) WHERE n.id STARTS WITH 'pwned' RETURN n.id AS id",
    );
    expect(pwned.rows).toEqual([]);
  });

  it('rejects bad queries with clear errors and keeps serving', async () => {
    await expect(runReadOnlyQuery(ctx.store(), '   ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(runReadOnlyQuery(ctx.store(), 'RETURN 1', { 'bad-name': 1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(runReadOnlyQuery(ctx.store(), 'MATCH (n RETURN n')).rejects.toMatchObject({
      code: 'QUERY_SYNTAX',
    });
    expect((await runReadOnlyQuery(ctx.store(), 'RETURN 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('deletes a repository with everything indexed from it, and nothing else', async () => {
    const s = ctx.store();
    await expect(deleteRepository(s, 'no-such-repo')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await deleteRepository(s, 'lib');
    expect(r).toMatchObject({ repository: { id: 'repo:lib' }, deleted: 4 });
    expect((await listRepositories(s)).map((x) => x.id)).not.toContain('repo:lib');
    const left = await runReadOnlyQuery(
      s,
      "MATCH (n:Function) WHERE n.repo = 'repo:lib' RETURN count(n) AS n",
    );
    expect(left.rows).toEqual([{ n: 0 }]);
    expect(await repositoryStats(s, 'shop')).toMatchObject(SHOP_COUNTS);
    expect((await findCode(s, 'heavy', { modes: ['exact'] })).results).toEqual([]);
    await loadFixtureGraph(s);
    expect((await listRepositories(s)).map((x) => x.id)).toContain('repo:lib');
  });
}
