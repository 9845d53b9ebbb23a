import { type CgcError, GraphStore, isCgcError, loadConfig } from '@cgc/core';
import { CONFORMANCE_SCHEMA } from '@cgc/core/testing';
import { FalkorDB } from 'falkordb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, serverPid, startFalkor, stopServers } from '../test/servers.js';
import { createFalkorAdapter } from './falkordb-adapter.js';
import { falkorFromConfig } from './from-config.js';

const server = inject('falkorServer');
const authServer = inject('falkorAuthServer');

async function failure(p: Promise<unknown>): Promise<CgcError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCgcError(err)) throw new Error(`expected a CgcError, got ${String(err)}`);
  return err;
}

describe('FalkorDB under bad conditions', () => {
  it('names the address and what to check when the server is down at start', async () => {
    const port = await freePort();
    const store = new GraphStore(createFalkorAdapter({ host: '127.0.0.1', port }), { backoffMs: 10 });
    const err = await failure(store.connect());
    expect(err.code).toBe('DB_UNAVAILABLE');
    expect(err.retriable).toBe(true);
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).toMatch(/server is running/);
    await store.close();
  });

  it('reports a wrong or missing password as DB_AUTH, and connects with the right one', async () => {
    const wrong = createFalkorAdapter({ url: authServer.url, password: 'wrong' });
    const err = await failure(wrong.connect());
    expect(err.code).toBe('DB_AUTH');
    expect(err.retriable).toBe(false);
    expect(err.message).toMatch(/FALKORDB_PASSWORD/);
    await wrong.close();
    const missing = createFalkorAdapter({ url: authServer.url });
    expect((await failure(missing.connect())).code).toBe('DB_AUTH');
    await missing.close();
    const right = createFalkorAdapter({ url: authServer.url, password: authServer.password ?? '' });
    await right.connect();
    expect(await right.query('RETURN 1 AS one', {}, { mode: 'write' })).toEqual([{ one: 1 }]);
    await right.close();
  });

  it('reports reads of a graph never written as NOT_FOUND naming it', async () => {
    const a = createFalkorAdapter({ url: server.url, graph: 'never_written' });
    await a.connect();
    const err = await failure(a.query('MATCH (n) RETURN count(n) AS c'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('"never_written"');
    expect(err.message).toContain('FALKORDB_GRAPH');
    await a.close();
  });

  it('rejects invalid graph names and keys that are not graphs as CONFIG_INVALID', async () => {
    expect(() => createFalkorAdapter({ url: server.url, graph: '' })).toThrow(/graph name/);
    expect(() => createFalkorAdapter({ url: server.url, graph: 'has space' })).toThrow(/graph name/);
    const raw = await FalkorDB.connect({ url: server.url });
    await (await raw.connection).sendCommand(['SET', 'plain_string_key', 'x']);
    await raw.close();
    const a = createFalkorAdapter({ url: server.url, graph: 'plain_string_key' });
    expect((await failure(a.query('RETURN 1 AS one'))).code).toBe('CONFIG_INVALID');
    await a.close();
  });

  it('reads FALKORDB_* variables through core config', async () => {
    const config = loadConfig({
      env: { CGC_HOME: '/tmp/cgc-falkor-config-test', FALKORDB_URL: server.url, FALKORDB_GRAPH: 'cfg_graph' },
    });
    const a = falkorFromConfig(config);
    expect(await a.query("CREATE (n:Cfg {id: 'x'}) RETURN n.id AS id", {}, { mode: 'write' })).toEqual([
      { id: 'x' },
    ]);
    expect(await a.query('MATCH (n:Cfg) RETURN count(n) AS c')).toEqual([{ c: 1 }]);
    await a.close();
  });

  it('times out a slow query with DB_TIMEOUT and keeps serving', async () => {
    const a = createFalkorAdapter({ url: server.url, graph: 'timeouts' });
    await a.query('RETURN 1', {}, { mode: 'write' });
    const err = await failure(
      a.query(
        'UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x, y WHERE x = y + 1000000 RETURN count(*) AS c',
        {},
        { timeoutMs: 200 },
      ),
    );
    expect(err.code).toBe('DB_TIMEOUT');
    expect(await a.query('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    await a.close();
  });

  it('refuses bad parameters and bad property values with INVALID_INPUT', async () => {
    const a = createFalkorAdapter({ url: server.url, graph: 'bad_input' });
    await a.query('RETURN 1', {}, { mode: 'write' });
    expect((await failure(a.query('RETURN $x AS x', { x: Number.POSITIVE_INFINITY }))).code).toBe(
      'INVALID_INPUT',
    );
    expect((await failure(a.query('RETURN $x AS x', { x: 2n ** 64n }))).code).toBe('INVALID_INPUT');
    expect((await failure(a.query('RETURN $x AS x', { x: 'nul\u0000byte' }))).code).toBe('INVALID_INPUT');
    expect((await failure(a.query('RETURN $x AS x', { 'x) RETURN 1 //': 1 }))).code).toBe('INVALID_INPUT');
    expect((await failure(a.query('RETURN $missing AS x'))).code).toBe('INVALID_INPUT');
    const decl = CONFORMANCE_SCHEMA.nodes[0]!;
    expect((await failure(a.upsertNodes(decl, [{ id: 'bad', n: 1.5 }]))).code).toBe('INVALID_INPUT');
    await a.close();
  });

  it('round-trips strings that look like injections, escapes and 64-bit edges', async () => {
    const a = createFalkorAdapter({ url: server.url, graph: 'literals' });
    const tricky = [
      '"; MATCH (n) DETACH DELETE n //',
      'back\\slash \\n \\u00e9',
      "it's",
      '`tick`',
      'line\nbreak\ttab',
      '🚀',
    ];
    const edges = [2n ** 63n - 1n, -(2n ** 63n), 2 ** 53 + 2, -(2 ** 40)];
    const [row] = await a.query(
      'RETURN $s AS s, $e AS e, $m AS m',
      {
        s: tricky,
        e: edges,
        m: { 'odd key': 'v', nested: { deep: [1.5, null] } },
      },
      { mode: 'write' },
    );
    expect(row).toEqual({
      s: tricky,
      e: [2n ** 63n - 1n, -(2n ** 63n), BigInt(2 ** 53 + 2), -(2 ** 40)],
      m: { 'odd key': 'v', nested: { deep: [1.5, null] } },
    });
    const err = await failure(a.query('RETURN $m AS m', { m: { 'back`tick': 1 } }));
    expect(err.code).toBe('INVALID_INPUT');
    await a.close();
  });

  it('keeps integers integral and declared floats fractional', async () => {
    const store = new GraphStore(createFalkorAdapter({ url: server.url, graph: 'numbers' }));
    await store.ensureSchema(CONFORMANCE_SCHEMA);
    expect(await store.read('RETURN $x * 2 AS y, $x / 2 AS h', { x: 3 })).toEqual([{ y: 6, h: 1 }]);
    await store.upsertNodes('ConfItem', [{ id: 'float-check', f: 3, n: 3 }]);
    expect(
      await store.read("MATCH (n:ConfItem {id: 'float-check'}) RETURN n.f / 2 AS f, n.n / 2 AS n"),
    ).toEqual([{ f: 1.5, n: 1 }]);
    await store.close();
  });

  it('returns paths and relationships in the shared shape, also for labels created by the query', async () => {
    const a = createFalkorAdapter({ url: server.url, graph: 'shapes' });
    await a.query("CREATE (:Fresh {id: 'a'})-[:NEW_REL {w: 1.5}]->(:Other {id: 'b'})", {}, { mode: 'write' });
    // The adapter has not seen these labels, types or keys: it must learn their names.
    const [row] = await a.query('MATCH p = (:Fresh)-[r:NEW_REL]->(:Other) RETURN p, r');
    expect(row?.r).toEqual({ kind: 'relationship', type: 'NEW_REL', properties: { w: 1.5 } });
    expect(row?.p).toEqual({
      kind: 'path',
      nodes: [
        { kind: 'node', label: 'Fresh', properties: { id: 'a' } },
        { kind: 'node', label: 'Other', properties: { id: 'b' } },
      ],
      relationships: [{ kind: 'relationship', type: 'NEW_REL', properties: { w: 1.5 } }],
    });
    await a.close();
  });

  it('rejects what FalkorDB lacks with UNSUPPORTED', async () => {
    const a = createFalkorAdapter({ url: server.url, graph: 'shapes' });
    expect((await failure(a.query("RETURN 'abc' =~ 'a.*' AS r"))).code).toBe('UNSUPPORTED');
    await a.close();
  });
});

describe('FalkorDB server lost mid-write', () => {
  const runDir = server.runDir;
  let port = 0;
  afterAll(async () => {
    if (port) await stopServers(runDir, `falkordb-${port}`).catch(() => undefined);
  });

  it('fails clearly when the server is killed, then the same store converges after a restart', async () => {
    port = await freePort();
    await startFalkor(port, runDir);
    const store = new GraphStore(createFalkorAdapter({ host: '127.0.0.1', port, graph: 'kill' }), {
      backoffMs: 20,
      batchSize: 2000,
    });
    await store.ensureSchema(CONFORMANCE_SCHEMA);
    const n = 200_000;
    const rows = Array.from({ length: n }, (_, i) => ({ id: `kill${i}`, suite: 'kill', n: i }));
    const writing = store.upsertNodes('ConfItem', rows).then(
      () => undefined,
      (e: unknown) => e,
    );
    const probe = createFalkorAdapter({ host: '127.0.0.1', port, graph: 'kill' });
    for (let i = 0; i < 400; i++) {
      const [r] = await probe.query("MATCH (n:ConfItem) WHERE n.suite = 'kill' RETURN count(n) AS c");
      if (Number(r?.c) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await probe.close();
    process.kill(serverPid(runDir, `falkordb-${port}`), 'SIGKILL');
    const err = await writing;
    expect(isCgcError(err, 'DB_UNAVAILABLE'), String(err)).toBe(true);
    expect((err as CgcError).message).toContain(`127.0.0.1:${port}`);

    // Nothing persists on these test servers: the re-run has to write everything again.
    await startFalkor(port, runDir);
    let reconnected = false;
    for (let i = 0; i < 100 && !reconnected; i++) {
      reconnected = await store.write('RETURN 1 AS one').then(
        () => true,
        () => false,
      );
      if (!reconnected) await new Promise((r) => setTimeout(r, 100));
    }
    expect(reconnected).toBe(true);
    await store.ensureSchema(CONFORMANCE_SCHEMA);
    await store.upsertNodes('ConfItem', rows);
    expect(
      await store.read(
        "MATCH (n:ConfItem) WHERE n.suite = 'kill' RETURN count(n) AS c, count(DISTINCT n.id) AS d",
      ),
    ).toEqual([{ c: n, d: n }]);
    await store.close();
  }, 120_000);
});
