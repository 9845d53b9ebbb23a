import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandIO,
  createLogger,
  type GraphAdapter,
  GraphStore,
  type PluginContext,
  queriesPlugin,
} from '@cgc/core';
import { loadFixtureGraph, runQuerySuite } from '@cgc/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-kuzu-queries-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runQuerySuite('kuzu', { create: () => createKuzuAdapter({ path: tmp() }) });

// The same answers when transitive walks run breadth-first in core instead of as
// variable-length statements: the capability flag, not the engine, picks the shape.
function withoutVariableLength(adapter: GraphAdapter): GraphAdapter {
  return {
    name: adapter.name,
    capabilities: { ...adapter.capabilities, variableLengthPaths: false },
    connect: () => adapter.connect(),
    ensureSchema: (schema) => adapter.ensureSchema(schema),
    upsertNodes: (decl, rows) => adapter.upsertNodes(decl, rows),
    upsertRelationships: (decl, batch) => adapter.upsertRelationships(decl, batch),
    deleteNodes: (scope) => adapter.deleteNodes(scope),
    query: (cypher, params, options) => adapter.query(cypher, params, options),
    close: () => adapter.close(),
  };
}
runQuerySuite('kuzu (breadth-first walks)', {
  create: () => withoutVariableLength(createKuzuAdapter({ path: tmp() })),
});

describe('query commands on kuzu', () => {
  let store: GraphStore;
  const commands = new Map((queriesPlugin().commands ?? []).map((c) => [c.name, c]));
  const ctx = (): PluginContext =>
    ({ store: async () => store, logger: createLogger('silent'), settings: {} }) as unknown as PluginContext;
  async function run(
    name: string,
    args: Record<string, string | undefined>,
    options: Record<string, unknown> = {},
  ) {
    const lines: string[] = [];
    const io: CommandIO = {
      print: (t) => lines.push(t),
      json: (v) => lines.push(JSON.stringify(v)),
      isTTY: false,
      signal: new AbortController().signal,
    };
    const code = await commands.get(name)!.run!(args, options, ctx(), io);
    return { code, out: lines.join('\n') };
  }

  beforeAll(async () => {
    store = new GraphStore(createKuzuAdapter({ path: tmp() }));
    await store.connect();
    await loadFixtureGraph(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('prints readable tables by default and JSON with --json', async () => {
    const text = await run('analyze', { type: 'callers', target: 'create_order' }, { repo: 'shop' });
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toMatch(/^caller\s+kind\s+call site\s+defined at$/);
    expect(text.out).toContain('app.main.main');
    expect(text.out).toContain('/fx/shop/app/main.py:5');
    const json = await run(
      'analyze',
      { type: 'callers', target: 'create_order' },
      { repo: 'shop', json: true },
    );
    expect(
      JSON.parse(json.out).result.results.map((e: { caller: { name: string } }) => e.caller.name),
    ).toEqual(['main', 'test_create_order']);
  });

  it('runs find, dead-code, complexity, stats, list and query', async () => {
    expect((await run('find', { text: 'crete_ordr' }, { fuzzy: true })).out).toContain('fuzzy (name)');
    expect((await run('dead-code', {}, { repo: 'web' })).out).toContain('src/api.ts:internalUnused');
    expect((await run('complexity', {}, { limit: '1' })).out).toMatch(
      /9\s+app\.services\.orders\.legacy_export/,
    );
    expect((await run('stats', { repo: 'shop' })).out).toMatch(/functions\s+28/);
    expect((await run('list', {}, {})).out).toMatch(/shop\s+\/fx\/shop\s+5/);
    const q = await run('query', { cypher: "MATCH (f:Function {name: 'main'}) RETURN f.fqn AS fqn" });
    expect(q.out).toContain('app.main.main');
    expect(q.out).toContain('(1 row)');
  });

  it('refuses bad arguments and writes with coded errors', async () => {
    await expect(run('find', { text: 'x' }, { limit: 'ten' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(run('analyze', { type: 'nope', target: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(run('query', { cypher: 'MATCH (n) DETACH DELETE n' })).rejects.toMatchObject({
      code: 'READ_ONLY_VIOLATION',
    });
    await expect(run('delete', {}, { all: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(run('delete', { repo: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes a repository', async () => {
    expect((await run('delete', { repo: 'lib' })).out).toMatch(/deleted lib \(\/fx\/lib\): 4 nodes/);
    expect((await run('list', {}, { json: true })).out).not.toContain('repo:lib');
  });
});
