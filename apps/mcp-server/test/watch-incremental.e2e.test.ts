import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kuzuFromConfig } from '@cgc/adapter-kuzu';
import { coreToolsPlugin, createEngine, type Engine, loadConfig } from '@cgc/core';
import { indexRepository, watchRepository } from '@cgc/indexer';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, serveHttp } from '../src/http/serve-http.js';
import { FIXTURE_REPO, ROOT } from './e2e-env.js';
import { fails, ok } from './exercise-tools.js';

// watch_directory with the host's incremental watcher (what `cgc serve` and `cgc mcp start`
// wire): saved files reach the graph without a re-index job, as with `cgc watch`.
describe('watch_directory over HTTP with the incremental watcher', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cgc-mcp-watch-'));
  const repo = join(tmp, 'py-shop');
  let engine: Engine;
  let http: HttpServer;
  let client: Client;

  beforeAll(async () => {
    cpSync(FIXTURE_REPO, repo, { recursive: true });
    engine = await createEngine({
      config: loadConfig({
        env: { CGC_HOME: join(tmp, 'home'), CGC_DATABASE: 'kuzu', CGC_LOG_LEVEL: 'error' },
      }),
      adapter: kuzuFromConfig,
      builtins: [coreToolsPlugin({ indexer: { index: indexRepository, watch: watchRepository }, cwd: ROOT })],
      discover: false,
    });
    http = await serveHttp(engine, { port: 0 });
    client = new Client({ name: 'e2e-watch', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
  });
  afterAll(async () => {
    await client?.close();
    await http?.close();
    await engine?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const names = async (query: string) =>
    (await ok(client, 'find_code', { query, repo_path: repo })).results.map(
      (h: { ref: { name: string } }) => h.ref.name,
    );
  const watchOf = async (path: string) =>
    (await ok(client, 'list_watched_paths')).watched_paths.find((p: { path: string }) => p.path === path);

  it('indexes in a job, then applies an edited file to the graph within seconds', async () => {
    const started = await ok(client, 'watch_directory', { path: repo });
    expect(started).toMatchObject({ status: 'watching', mode: 'incremental' });
    const job = await ok(client, 'check_job_status', { job_id: started.job_id, wait_seconds: 120 });
    expect(job.state, JSON.stringify(job.error)).toBe('completed');
    expect(job.kind).toBe('watch');
    expect(await watchOf(repo)).toMatchObject({ mode: 'incremental', ready: true, updates: 0 });
    expect(await names('place_order')).toContain('place_order');
    expect(await names('ship_order_express')).not.toContain('ship_order_express');
    expect((await ok(client, 'watch_directory', { path: repo })).status).toBe('already_watching');

    const t0 = performance.now();
    appendFileSync(
      join(repo, 'shop/service.py'),
      '\n\ndef ship_order_express(order):\n    return place_order(order)\n',
    );
    await expect
      .poll(() => names('ship_order_express'), { timeout: 15_000, interval: 100 })
      .toContain('ship_order_express');
    const seenMs = performance.now() - t0;
    // The new function is linked: its call to place_order is in the graph.
    const callers = await ok(client, 'analyze_code_relationships', {
      query_type: 'find_callers',
      target: 'place_order',
      repo_path: repo,
    });
    expect(callers.results.results.map((e: { caller: { name: string } }) => e.caller.name)).toContain(
      'ship_order_express',
    );
    const after = await watchOf(repo);
    expect(after.updates).toBeGreaterThanOrEqual(1);
    expect(after.lastUpdate.modified).toBeGreaterThanOrEqual(1);
    expect(after.lastError).toBeUndefined();
    // No whole-repository re-index ran: the change went through the incremental path.
    const jobs = await ok(client, 'list_jobs');
    expect(jobs.jobs.map((j: { kind: string }) => j.kind)).not.toContain('reindex');
    expect(seenMs).toBeLessThan(15_000);

    // A new file, then its removal.
    writeFileSync(join(repo, 'shop/extra.py'), 'def extra_thing():\n    return 1\n');
    await expect
      .poll(() => names('extra_thing'), { timeout: 15_000, interval: 100 })
      .toContain('extra_thing');
    rmSync(join(repo, 'shop/extra.py'));
    await expect
      .poll(() => names('extra_thing'), { timeout: 15_000, interval: 100 })
      .not.toContain('extra_thing');

    // Stopped: later edits no longer reach the graph.
    expect((await ok(client, 'unwatch_directory', { path: repo })).status).toBe('stopped');
    expect((await ok(client, 'list_watched_paths')).total).toBe(0);
    appendFileSync(join(repo, 'shop/service.py'), '\n\ndef after_unwatch():\n    return 0\n');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await names('after_unwatch')).not.toContain('after_unwatch');
    expect(await fails(client, 'unwatch_directory', { path: repo })).toMatch(/^NOT_FOUND: .* is not watched/);
  }, 120_000);

  it('reports a watch that cannot start as WATCH_FAILED and starts it again when asked', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'README.txt'), 'no source here\n');
    const started = await ok(client, 'watch_directory', { path: empty });
    const job = await ok(client, 'check_job_status', { job_id: started.job_id, wait_seconds: 60 });
    expect(job.state).toBe('failed');
    expect(job.error.code).toBe('WATCH_FAILED');
    expect(job.error.message).toContain(empty);
    const broken = await watchOf(empty);
    expect(broken).toMatchObject({ mode: 'incremental', ready: false });
    expect(broken.error).toBeTruthy();
    // Once there is code, asking again starts a fresh watch instead of answering already_watching.
    writeFileSync(join(empty, 'mod.py'), 'def now_there():\n    return 1\n');
    const again = await ok(client, 'watch_directory', { path: empty });
    expect(again.status).toBe('watching');
    const done = await ok(client, 'check_job_status', { job_id: again.job_id, wait_seconds: 60 });
    expect(done.state, JSON.stringify(done.error)).toBe('completed');
    expect(await watchOf(empty)).toMatchObject({ ready: true });
    expect(await fails(client, 'watch_directory', { path: join(empty, 'mod.py') })).toMatch(/^INVALID_INPUT/);
    expect(await fails(client, 'watch_directory', { path: join(tmp, 'missing') })).toMatch(/^NOT_FOUND/);
    expect((await ok(client, 'unwatch_directory', { path: empty })).status).toBe('stopped');
  }, 120_000);
});
