import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, type Engine, GraphStore, listRepositories } from '@cgc/core';
import { indexRepository } from '@cgc/indexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountGraphRpc } from '../src/http/graph-rpc.js';
import { createRemoteAdapter } from '../src/http/remote-adapter.js';
import { type HttpServer, serveHttp } from '../src/http/serve-http.js';
import {
  FIXTURE_REPO,
  falkorEngine,
  falkorEnv,
  falkorInstalled,
  freePort,
  startFalkor,
  stopFalkor,
} from './e2e-env.js';

// The one-writer path: a second process works through the server's store over the
// internal graph endpoint. FalkorDB stands in for the server's database here; the
// endpoint forwards to whatever adapter the server holds.
describe.runIf(falkorInstalled())(
  'the internal graph endpoint and the remote adapter (needs FalkorDB)',
  () => {
    const runDir = mkdtempSync(join(tmpdir(), 'cgc-remote-'));
    let port: number;
    let engine: Engine;
    let http: HttpServer;
    const token = 'internal-secret';

    beforeAll(async () => {
      port = await freePort();
      const url = await startFalkor(port, runDir);
      engine = await falkorEngine(falkorEnv(url, 'remote', join(runDir, 'home')));
      http = await serveHttp(engine, {
        port: 0,
        token: 'mcp-token',
        mount: (app) => mountGraphRpc(app, engine, token),
      });
    });
    afterAll(async () => {
      await http?.close();
      await engine?.close();
      await stopFalkor(runDir, port);
      rmSync(runDir, { recursive: true, force: true });
    });

    it('indexes and queries through the server, with the server seeing the same graph', async () => {
      const adapter = await createRemoteAdapter({ url: http.url, token });
      expect(adapter.name).toMatch(/via cgc serve/);
      const store = new GraphStore(adapter);
      await store.connect();
      await store.ensureSchema(CORE_SCHEMA);
      const summary = await indexRepository(store, FIXTURE_REPO, { workers: 0 });
      expect(summary.files).toBe(4);
      const mine = await listRepositories(store);
      const theirs = await listRepositories(await engine.store());
      expect(mine).toEqual(theirs);
      expect(mine.map((r) => r.path)).toContain(FIXTURE_REPO);
      // Values keep their types across the wire (bigints included).
      const [row] = await store.read('RETURN 9007199254740993 AS big, 1.5 AS f, "s" AS s, [1, 2] AS l');
      expect(row).toEqual({ big: 9007199254740993n, f: 1.5, s: 's', l: [1, 2] });
      await store.close();
      await expect(adapter.query('RETURN 1')).rejects.toMatchObject({ code: 'CLOSED' });
    });

    it('carries the server-side error code back', async () => {
      const adapter = await createRemoteAdapter({ url: http.url, token });
      await expect(adapter.query('MATCH (n RETURN n')).rejects.toMatchObject({
        code: expect.stringMatching(/QUERY_/),
      });
      await expect(adapter.query("CREATE (:Function {id: 'w'})", {}, { mode: 'read' })).rejects.toMatchObject(
        {
          code: expect.stringMatching(/READ_ONLY|QUERY_/),
        },
      );
    });

    it('refuses a wrong internal token, also when the MCP token is given', async () => {
      await expect(createRemoteAdapter({ url: http.url, token: 'mcp-token' })).rejects.toMatchObject({
        code: 'DB_AUTH',
      });
      const r = await fetch(`${http.url}/internal/graph`, { method: 'POST', body: '{"op":"info"}' });
      expect(r.status).toBe(401);
    });

    it('answers bad internal requests with INVALID_INPUT and keeps serving', async () => {
      const post = (body: string) =>
        fetch(`${http.url}/internal/graph`, {
          method: 'POST',
          headers: { 'x-cgc-internal-token': token },
          body,
        }).then((r) => r.json());
      expect(await post('{not json')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await post('{"op":"dropEverything"}')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await post('{"op":"info"}')).toMatchObject({ ok: true, value: { name: expect.any(String) } });
    });

    it('says the server is unavailable when it is gone', async () => {
      await expect(createRemoteAdapter({ url: 'http://127.0.0.1:9', token })).rejects.toMatchObject({
        code: 'DB_UNAVAILABLE',
        retriable: true,
      });
    });
  },
);
