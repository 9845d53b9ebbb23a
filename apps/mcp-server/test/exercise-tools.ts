import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';
import { FIXTURE_REPO } from './e2e-env.js';

/** The core tool names every transport must list. */
export const CORE_TOOL_NAMES = [
  'add_code_to_graph',
  'add_package_to_graph',
  'analyze_code_relationships',
  'calculate_cyclomatic_complexity',
  'cancel_job',
  'check_job_status',
  'delete_repository',
  'execute_cypher_query',
  'find_code',
  'find_dead_code',
  'find_most_complex_functions',
  'get_repository_stats',
  'list_indexed_repositories',
  'list_jobs',
  'list_watched_paths',
  'unwatch_directory',
  'visualize_graph_query',
  'watch_directory',
];

type Content = { type: string; text: string }[];

/** Calls a tool and returns its parsed JSON answer, failing on a tool error. */
export async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const res = await client.callTool({ name, arguments: args });
  const text = (res.content as Content)[0]?.text ?? '';
  if (res.isError) throw new Error(`${name} failed: ${text}`);
  return JSON.parse(text);
}

/** Calls a tool expecting a tool error; returns its one-line message. */
export async function fails(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  const res = await client.callTool({ name, arguments: args });
  expect(res.isError, `${name} should fail`).toBe(true);
  const text = (res.content as Content)[0]!.text;
  expect(text).not.toMatch(/\n\s+at /);
  return text;
}

/** Indexes the fixture through add_code_to_graph + check_job_status; returns progress seen. */
export async function indexFixture(client: Client): Promise<number> {
  const started = await ok(client, 'add_code_to_graph', { path: FIXTURE_REPO });
  expect(started.job_id).toMatch(/[0-9a-f-]{36}/);
  expect(['queued', 'running', 'completed']).toContain(started.state);
  const done = await ok(client, 'check_job_status', { job_id: started.job_id, wait_seconds: 120 });
  expect(done.state, JSON.stringify(done.error)).toBe('completed');
  expect(done.result.files).toBe(4);
  // wait=true follows the job with MCP progress notifications.
  let progress = 0;
  const res = await client.callTool(
    { name: 'add_code_to_graph', arguments: { path: FIXTURE_REPO, wait: true } },
    undefined,
    {
      onprogress: () => {
        progress++;
      },
    },
  );
  expect(JSON.parse((res.content as Content)[0]!.text).state).toBe('completed');
  const jobs = await ok(client, 'list_jobs');
  expect(jobs.jobs.map((j: { id: string }) => j.id)).toContain(started.job_id);
  // Tools with a declared result shape also answer with structuredContent.
  const structured = await client.callTool({ name: 'list_indexed_repositories', arguments: {} });
  expect(structured.structuredContent).toMatchObject({
    total: 1,
    repositories: [{ path: FIXTURE_REPO, files: 4 }],
  });
  return progress;
}

/** Calls every core tool on the indexed fixture and checks what each answers. */
export async function exerciseQueryTools(client: Client): Promise<void> {
  const repos = await ok(client, 'list_indexed_repositories');
  const repo = repos.repositories.find((r: { path: string }) => r.path === FIXTURE_REPO);
  expect(repo).toMatchObject({ name: 'py-shop', files: 4 });

  const found = await ok(client, 'find_code', { query: 'place_order', repo_path: FIXTURE_REPO });
  expect(found.results[0].ref.fqn).toBe('shop.service.place_order');
  const fuzzy = await ok(client, 'find_code', { query: 'plce_ordr', fuzzy_search: true });
  expect(fuzzy.results.map((h: { ref: { name: string } }) => h.ref.name)).toContain('place_order');

  const an = (query_type: string, target: string, extra: Record<string, unknown> = {}) =>
    ok(client, 'analyze_code_relationships', { query_type, target, ...extra });
  const callers = await an('find_callers', 'persist');
  expect(callers.results.results.map((e: { caller: { fqn: string } }) => e.caller.fqn)).toContain(
    'shop.models.Base.save',
  );
  const callees = await an('find_callees', 'shop.service.place_order');
  expect(callees.results.results.map((e: { callee: { name: string } }) => e.callee.name)).toContain('Order');
  const allCallers = await an('find_all_callers', 'persist', { depth: 5 });
  expect(allCallers.results.results.length).toBeGreaterThan(0);
  expect((await an('find_all_callees', 'main')).results.results.length).toBeGreaterThan(0);
  const chain = await an('call_chain', 'main->place_order');
  expect(chain.results.results[0].nodes.map((n: { name: string }) => n.name)).toEqual([
    'main',
    'place_order',
  ]);
  expect((await an('find_importers', 'shop.models')).results.results.length).toBeGreaterThan(0);
  expect((await an('module_deps', 'shop.models')).results.importedBy.length).toBeGreaterThan(0);
  expect(
    (await an('class_hierarchy', 'Base')).results.results[0].children.map(
      (c: { ref: { name: string } }) => c.ref.name,
    ),
  ).toContain('Order');
  expect((await an('overrides', 'shop.models.Base.save')).results).toHaveProperty('results');
  expect((await an('who_modifies', 'TAX_RATE')).results).toHaveProperty('results');
  expect((await an('variable_scope', 'TAX_RATE')).results).toHaveProperty('results');
  expect((await an('find_complexity', '*')).results.results.length).toBeGreaterThan(0);
  expect((await an('find_functions_by_argument', 'amount')).results.results[0].function.name).toBe('refund');
  expect((await an('find_functions_by_decorator', 'retry')).results.results[0].function.name).toBe('refund');
  expect((await an('dead_code', '')).results).toHaveProperty('results');

  const dead = await ok(client, 'find_dead_code', { repo_path: FIXTURE_REPO, include_exported: true });
  expect(dead.results.map((h: { function: { name: string } }) => h.function.name)).toContain('unused_helper');
  const cc = await ok(client, 'calculate_cyclomatic_complexity', { function_name: 'persist' });
  expect(cc.results[0]).toMatchObject({ function: { name: 'persist' } });
  expect(cc.results[0].complexity).toBeGreaterThanOrEqual(1);
  const top = await ok(client, 'find_most_complex_functions', { limit: 3 });
  expect(top.results.length).toBeGreaterThan(0);
  expect(top.results.length).toBeLessThanOrEqual(3);

  const stats = await ok(client, 'get_repository_stats', { repo_path: FIXTURE_REPO });
  expect(stats).toMatchObject({ scope: 'repository', files: 4 });
  expect(stats.functions).toBeGreaterThanOrEqual(6);
  const cypher = await ok(client, 'execute_cypher_query', {
    cypher_query: 'MATCH (f:Function) WHERE f.repo = $repo RETURN count(f) AS n',
    params: { repo: repo.id },
  });
  expect(cypher.results[0].n).toBe(stats.functions);
  expect(
    await fails(client, 'execute_cypher_query', { cypher_query: "CREATE (:Function {id: 'x'})" }),
  ).toMatch(/READ_ONLY|read|write/i);
  expect(await fails(client, 'execute_cypher_query', { cypher_query: 'MATCH (n RETURN n' })).toMatch(
    /QUERY|syntax|invalid/i,
  );
  const viz = await ok(client, 'visualize_graph_query', {
    cypher_query: 'MATCH (a:Function)-[r:CALLS]->(b:Function) WHERE a.repo = $repo RETURN a, r, b',
    params: { repo: repo.id },
  });
  expect(viz.edges.length).toBeGreaterThan(0);
  expect(viz.mermaid).toMatch(/^flowchart LR/);

  expect(
    await fails(client, 'analyze_code_relationships', { query_type: 'find_callers', target: 'no_such_fn' }),
  ).toMatch(/^NOT_FOUND: no function named "no_such_fn"/);
  expect(await fails(client, 'check_job_status', { job_id: 'nope' })).toMatch(/^NOT_FOUND/);
  expect(await fails(client, 'add_code_to_graph', { path: '/definitely/not/here' })).toMatch(
    /^NOT_FOUND: path not found/,
  );
  expect(await fails(client, 'add_package_to_graph', { package_name: 'x', language: 'ruby' })).toMatch(
    /^UNSUPPORTED/,
  );
  expect(await fails(client, 'find_code', { query: 42 })).toMatch(/query/);
}

/** watch_directory → change → re-index job → unwatch; add_package_to_graph; delete_repository. */
export async function exerciseWatchAndDelete(client: Client): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-watch-'));
  try {
    writeFileSync(join(dir, 'a.py'), 'def alpha():\n    return 1\n');
    const w = await ok(client, 'watch_directory', { path: dir });
    expect(w.status).toBe('watching');
    expect((await ok(client, 'check_job_status', { job_id: w.job_id, wait_seconds: 60 })).state).toBe(
      'completed',
    );
    expect(
      (await ok(client, 'list_watched_paths')).watched_paths.map((p: { path: string }) => p.path),
    ).toContain(dir);
    writeFileSync(join(dir, 'b.py'), 'def beta():\n    return 2\n');
    // The change settles and a re-index job runs in the server (waited for without
    // querying the graph meanwhile), then the new function is there.
    const watchOf = async () =>
      (await ok(client, 'list_watched_paths')).watched_paths.find((p: { path: string }) => p.path === dir);
    await expect
      .poll(async () => (await watchOf())?.lastJobId, { timeout: 20_000, interval: 200 })
      .toBeTruthy();
    const watched = await watchOf();
    expect(watched.changes).toBeGreaterThan(0);
    const reindex = await ok(client, 'check_job_status', { job_id: watched.lastJobId, wait_seconds: 60 });
    expect(reindex.kind).toBe('reindex');
    expect(reindex.state, JSON.stringify(reindex.error)).toBe('completed');
    const found = await ok(client, 'find_code', { query: 'beta', repo_path: dir });
    expect(found.results[0].ref.name).toBe('beta');
    expect((await ok(client, 'unwatch_directory', { path: dir })).status).toBe('stopped');
    expect(await fails(client, 'unwatch_directory', { path: dir })).toMatch(/^NOT_FOUND: .* is not watched/);
    const deleted = await ok(client, 'delete_repository', { repo_path: dir });
    expect(deleted.status).toBe('deleted');
    expect(deleted.deleted).toBeGreaterThan(2);
    expect(await fails(client, 'delete_repository', { repo_path: dir })).toMatch(/^NOT_FOUND/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
