import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '@cgc/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, serveHttp } from '../src/http/serve-http.js';
import {
  FIXTURE_REPO,
  falkorEngine,
  falkorEnv,
  falkorInstalled,
  freePort,
  ROOT,
  startFalkor,
  stopFalkor,
} from './e2e-env.js';
import {
  CORE_TOOL_NAMES,
  exerciseQueryTools,
  exerciseWatchAndDelete,
  fails,
  indexFixture,
  ok,
} from './exercise-tools.js';

const TSX = pathToFileURL(
  join(dirname(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;
const installed = falkorInstalled();

describe.runIf(installed)('core tools end to end on FalkorDB (needs infra/falkordb/install.sh)', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'cgc-mcp-e2e-'));
  let port: number;
  let url: string;
  let engine: Engine;
  let http: HttpServer;

  beforeAll(async () => {
    port = await freePort();
    url = await startFalkor(port, runDir);
    engine = await falkorEngine(falkorEnv(url, 'mcp_e2e', join(runDir, 'home')));
    http = await serveHttp(engine, { port: 0, healthTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
    await stopFalkor(runDir, port);
    rmSync(runDir, { recursive: true, force: true });
  });

  const httpClient = async () => {
    const client = new Client({ name: 'e2e-http', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
    return client;
  };

  it('over HTTP: lists the core tools, indexes in a background job, answers every tool', async () => {
    const client = await httpClient();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(CORE_TOOL_NAMES);
    for (const t of tools) {
      expect(t.description!.length, t.name).toBeGreaterThan(30);
      for (const [k, v] of Object.entries(t.inputSchema.properties ?? {})) {
        expect((v as { description?: string }).description, `${t.name}.${k}`).toBeTruthy();
      }
    }
    const withOutput = tools.filter((t) => t.outputSchema).map((t) => t.name);
    expect(withOutput.sort()).toEqual([
      'check_job_status',
      'list_indexed_repositories',
      'list_jobs',
      'list_watched_paths',
    ]);
    const progress = await indexFixture(client);
    expect(progress).toBeGreaterThan(0);
    await exerciseQueryTools(client);
    await exerciseWatchAndDelete(client);
    await client.close();
  }, 120_000);

  it('over stdio: the SDK client drives a stdio server process with the same tools', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', TSX, '--conditions=@cgc/source', join(ROOT, 'apps/mcp-server/test/stdio-server.ts')],
      env: { ...process.env, ...falkorEnv(url, 'mcp_e2e_stdio', join(runDir, 'home-stdio')) } as Record<
        string,
        string
      >,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e-stdio', version: '0' });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(CORE_TOOL_NAMES);
    await indexFixture(client);
    await exerciseQueryTools(client);
    await client.close();
  }, 120_000);

  it('answers 20 concurrent clients querying the graph', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => httpClient()));
    const answers = await Promise.all(
      clients.map((c, i) =>
        i % 2
          ? ok(c, 'analyze_code_relationships', { query_type: 'find_callers', target: 'persist' })
          : ok(c, 'find_code', { query: 'place_order' }),
      ),
    );
    answers.forEach((a, i) => {
      if (i % 2) expect(a.results.results.length).toBeGreaterThan(0);
      else expect(a.results[0].ref.name).toBe('place_order');
    });
    await Promise.all(clients.map((c) => c.close()));
  });

  it('cancels a running job', async () => {
    const client = await httpClient();
    const started = await ok(client, 'add_code_to_graph', { path: join(ROOT, 'packages') });
    const cancelled = await ok(client, 'cancel_job', { job_id: started.job_id });
    expect(cancelled.cancelRequested || cancelled.state === 'cancelled').toBe(true);
    const final = await ok(client, 'check_job_status', { job_id: started.job_id, wait_seconds: 60 });
    expect(final.state).toBe('cancelled');
    await client.close();
  });

  it('reports the database stopping mid-session and recovers when it returns', async () => {
    const client = await httpClient();
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    await stopFalkor(runDir, port);
    const t0 = Date.now();
    const down = await fetch(`${http.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unhealthy' });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await fails(client, 'list_indexed_repositories')).toMatch(/^DB_|QUERY_FAILED/);
    await startFalkor(port, runDir);
    await expect
      .poll(async () => (await fetch(`${http.url}/healthz`)).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
    // The restarted server kept nothing (no persistence): indexing again works on the same session.
    const again = await ok(client, 'add_code_to_graph', { path: FIXTURE_REPO, wait: true });
    expect(again.state, JSON.stringify(again.error)).toBe('completed');
    const repos = (await ok(client, 'list_indexed_repositories')).repositories;
    expect(repos.map((r: { path: string }) => r.path)).toEqual([FIXTURE_REPO]);
    await client.close();
  }, 60_000);
});

it.runIf(!installed)('core tools end to end need FalkorDB: run infra/falkordb/install.sh', () => {
  expect(installed).toBe(false);
});
