import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kuzuFromConfig } from '@cgc/adapter-kuzu';
import { coreToolsPlugin, createEngine, type Engine, loadConfig } from '@cgc/core';
import { indexRepository } from '@cgc/indexer';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, serveHttp } from '../src/http/serve-http.js';
import { FIXTURE_REPO, ROOT } from './e2e-env.js';
import {
  CORE_TOOL_NAMES,
  exerciseQueryTools,
  exerciseWatchAndDelete,
  indexFixture,
  ok,
} from './exercise-tools.js';

/** An engine with the core tools on a fresh embedded Kuzu home, served over HTTP for one describe block. */
function kuzuServer(prefix: string, env: Record<string, string> = {}): { url: () => string } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  let engine: Engine | undefined;
  let http: HttpServer | undefined;
  beforeAll(async () => {
    engine = await createEngine({
      config: loadConfig({ env: { CGC_HOME: home, CGC_DATABASE: 'kuzu', CGC_LOG_LEVEL: 'error', ...env } }),
      adapter: kuzuFromConfig,
      builtins: [coreToolsPlugin({ indexer: { index: indexRepository }, cwd: ROOT })],
      discover: false,
    });
    http = await serveHttp(engine, { port: 0 });
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
    rmSync(home, { recursive: true, force: true });
  });
  return { url: () => http!.url };
}

// The default backend: the same tool walk-through on the embedded Kuzu database.
describe('core tools end to end on embedded Kuzu over HTTP', () => {
  const server = kuzuServer('cgc-mcp-kuzu-');

  it('indexes the fixture in a job and answers every core tool', async () => {
    const client = new Client({ name: 'e2e-kuzu', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url()}/mcp`)));
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(CORE_TOOL_NAMES);
    expect((await fetch(`${server.url()}/healthz`)).status).toBe(200);
    await indexFixture(client);
    await exerciseQueryTools(client);
    await exerciseWatchAndDelete(client);
    await client.close();
  }, 120_000);
});

// add_code_to_graph used to ignore the `index.*` settings that `cgc index` follows.
describe('MCP index jobs follow the index settings', () => {
  const server = kuzuServer('cgc-mcp-kuzu-cfg-', { CGC_MAX_FILE_BYTES: '16' });

  it('skips files over index.maxFileBytes, as cgc index does', async () => {
    const client = new Client({ name: 'e2e-kuzu-cfg', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url()}/mcp`)));
    const job = await ok(client, 'add_code_to_graph', { path: FIXTURE_REPO, wait: true });
    expect(job.state, JSON.stringify(job.error)).toBe('completed');
    // Only the empty `shop/__init__.py` is within the limit; the three modules are skipped.
    expect(job.result.files).toBe(1);
    expect(JSON.stringify(job.result.warnings)).toMatch(
      /shop\/models\.py: \d+ bytes is over the 16-byte limit/,
    );
    await client.close();
  }, 60_000);
});
