import { execFile } from 'node:child_process';
import {
  CgcError,
  type CgcPlugin,
  createEngine,
  type Engine,
  type GraphAdapter,
  loadConfig,
  z,
} from '@cgc/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, serveHttp } from './serve-http.js';

// These tests are about the HTTP edge (routing, guards, shutdown), not storage: the
// adapter below only answers the health probe, and can be told to stop answering.
let dbUp = true;
const probeAdapter: GraphAdapter = {
  name: 'probe',
  capabilities: {
    readOnlyQueries: true,
    bulkWrite: false,
    maxBatchSize: 100,
    shortestPath: false,
    variableLengthPaths: false,
    regex: false,
    embedded: false,
    mapParams: true,
  },
  connect: async () => undefined,
  ensureSchema: async () => undefined,
  upsertNodes: async () => undefined,
  upsertRelationships: async () => undefined,
  deleteNodes: async () => 0,
  query: async () => {
    if (!dbUp) await new Promise(() => undefined); // a hung database never answers
    return [{ ok: 1 }];
  },
  close: async () => undefined,
};

let releaseSlow: (() => void) | undefined;
const plugin: CgcPlugin = {
  name: 'test-tools',
  tools: [
    { name: 'echo', description: 'echoes', input: { text: z.string() }, handler: (i) => ({ text: i.text }) },
    {
      name: 'slow',
      description: 'waits until released',
      input: {},
      handler: () =>
        new Promise((r) => {
          releaseSlow = () => r('finished');
        }),
    },
    {
      name: 'steps',
      description: 'reports progress',
      input: { n: z.number().int() },
      handler: async (i, _ctx, call) => {
        const n = i.n as number;
        for (let k = 1; k <= n; k++) call.progress(k, n, `step ${k}`);
        return { steps: n };
      },
    },
  ],
};

async function makeEngine(): Promise<Engine> {
  return createEngine({
    config: loadConfig({ env: { CGC_HOME: '/nonexistent-cgc-home' } }),
    adapter: () => probeAdapter,
    builtins: [plugin],
    discover: false,
  });
}

async function connect(url: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: 'http-test', version: '0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }),
  );
  return client;
}

function curl(args: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-w', '\n%{http_code}', ...args], (err, stdout) => {
      if (err) return reject(err);
      const i = stdout.lastIndexOf('\n');
      resolve({ body: stdout.slice(0, i), status: Number(stdout.slice(i + 1)) });
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: JSON-RPC replies are checked field by field below.
const rpcJson = async (r: Response): Promise<any> => r.json();

const ACCEPT = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/mcp`, { method: 'POST', headers: { ...ACCEPT, ...headers }, body });

describe('HTTP transport (open, loopback)', () => {
  let engine: Engine;
  let http: HttpServer;
  beforeAll(async () => {
    engine = await makeEngine();
    http = await serveHttp(engine, { port: 0, maxBodyBytes: 10_000, healthTimeoutMs: 500 });
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
  });

  it('serves the SDK Streamable HTTP client: list and call tools', async () => {
    const client = await connect(http.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['echo', 'slow', 'steps']);
    const res = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    expect(JSON.parse((res.content as { text: string }[])[0]!.text)).toEqual({ text: 'hi' });
    await client.close();
  });

  it('answers a plain curl JSON-RPC POST with JSON', async () => {
    const r = await curl([
      '-X',
      'POST',
      `${http.url}/mcp`,
      '-H',
      'Accept: application/json, text/event-stream',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
    ]);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.id).toBe(1);
    expect(body.result.tools).toHaveLength(3);
  });

  it('sends progress notifications over HTTP when the client gives a progress token', async () => {
    const client = await connect(http.url);
    const seen: number[] = [];
    const res = await client.callTool({ name: 'steps', arguments: { n: 3 } }, undefined, {
      onprogress: (p) => seen.push(p.progress),
    });
    expect(res.isError).toBeFalsy();
    expect(seen).toEqual([1, 2, 3]);
    await client.close();
  });

  it('reports health: 200 with the tool count, 503 within the deadline when the database hangs', async () => {
    const ok = await fetch(`${http.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await rpcJson(ok)).toEqual({ status: 'ok', tools: 3 });
    dbUp = false;
    const started = Date.now();
    const bad = await fetch(`${http.url}/healthz`);
    expect(bad.status).toBe(503);
    expect(await rpcJson(bad)).toEqual({ status: 'unhealthy' });
    expect(Date.now() - started).toBeLessThan(5000);
    dbUp = true;
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
  });

  it('answers CORS preflight with the default origin', async () => {
    const r = await fetch(`${http.url}/mcp`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(r.status).toBeLessThan(300);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers bad input clearly and keeps serving', async () => {
    const invalid = await post(http.url, '{"jsonrpc":');
    expect(invalid.status).toBe(400);
    expect((await rpcJson(invalid)).error.code).toBe(-32700);

    const unknownMethod = await post(http.url, '{"jsonrpc":"2.0","id":2,"method":"nope/nothing"}');
    expect((await rpcJson(unknownMethod)).error.code).toBe(-32601);

    const call = (name: string, args: unknown) =>
      post(
        http.url,
        JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name, arguments: args } }),
      );
    const unknownTool = await rpcJson(await call('nope', {}));
    expect(unknownTool.result?.isError ?? unknownTool.error).toBeTruthy();
    expect(JSON.stringify(unknownTool)).toMatch(/nope/);

    const wrongType = await rpcJson(await call('echo', { text: 42 }));
    expect(wrongType.result.isError).toBe(true);
    expect(wrongType.result.content[0].text).toMatch(/text/);

    const big = await post(
      http.url,
      JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list', pad: 'x'.repeat(20_000) }),
    );
    expect(big.status).toBe(413);
    expect((await rpcJson(big)).error.message).toMatch(/larger than 10000 bytes/);

    const notJsonRpc = await post(http.url, '42');
    expect(notJsonRpc.status).toBe(400);

    const get = await fetch(`${http.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect((await fetch(`${http.url}/nowhere`)).status).toBe(404);

    const still = await rpcJson(await call('echo', { text: 'alive' }));
    expect(JSON.parse(still.result.content[0].text)).toEqual({ text: 'alive' });
  });

  it('refuses a foreign Host or Origin while bound to loopback (DNS rebinding)', async () => {
    const body = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
    const foreignOrigin = await post(http.url, body, { origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    expect((await rpcJson(foreignOrigin)).error.message).toMatch(/Origin/);
    const r = await curl([
      '-X',
      'POST',
      `${http.url}/mcp`,
      '-H',
      'Host: evil.example:8045',
      '-H',
      'Accept: application/json, text/event-stream',
      '-H',
      'Content-Type: application/json',
      '-d',
      body,
    ]);
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/Host/);
    expect((await post(http.url, body, { origin: 'http://localhost:5173' })).status).toBe(200);
  });

  it('serves 20 concurrent clients', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => connect(http.url)));
    const results = await Promise.all(
      clients.map((c, i) => c.callTool({ name: 'echo', arguments: { text: `client ${i}` } })),
    );
    results.forEach((res, i) => {
      expect(JSON.parse((res.content as { text: string }[])[0]!.text)).toEqual({ text: `client ${i}` });
    });
    await Promise.all(clients.map((c) => c.close()));
  });
});

describe('HTTP transport (token, CORS origin, shutdown)', () => {
  let engine: Engine;
  let http: HttpServer;
  beforeAll(async () => {
    engine = await makeEngine();
    http = await serveHttp(engine, { port: 0, token: 's3cret', corsOrigin: 'https://app.example.com' });
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
  });

  it('requires the bearer token', async () => {
    const body = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
    const none = await post(http.url, body);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    const wrong = await post(http.url, body, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect((await rpcJson(wrong)).error.message).toMatch(/wrong bearer token/);
    const client = await connect(http.url, { authorization: 'Bearer s3cret' });
    expect((await client.listTools()).tools).toHaveLength(3);
    await client.close();
  });

  it('echoes the configured CORS origin and accepts it past the Origin check', async () => {
    const pre = await fetch(`${http.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const r = await post(http.url, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', {
      origin: 'https://app.example.com',
      authorization: 'Bearer s3cret',
    });
    expect(r.status).toBe(200);
  });

  it('finishes in-flight calls on shutdown and then stops accepting', async () => {
    const client = await connect(http.url, { authorization: 'Bearer s3cret' });
    const pending = client.callTool({ name: 'slow', arguments: {} });
    await expect.poll(() => releaseSlow !== undefined).toBe(true);
    const closing = http.close();
    await new Promise((r) => setTimeout(r, 50));
    releaseSlow!();
    const res = await pending;
    expect(JSON.parse((res.content as { text: string }[])[0]!.text)).toBe('finished');
    await closing;
    await expect(fetch(`${http.url}/healthz`)).rejects.toThrow();
    await client.close().catch(() => undefined);
  });
});

describe('HTTP transport errors', () => {
  it('fails to start with a clear error when the port is taken', async () => {
    const engine = await makeEngine();
    const a = await serveHttp(engine, { port: 0 });
    await expect(serveHttp(engine, { port: a.port })).rejects.toThrow(/EADDRINUSE|in use/);
    await a.close();
    await engine.close();
    expect(new CgcError('INVALID_INPUT', 'x').code).toBe('INVALID_INPUT');
  });
});
