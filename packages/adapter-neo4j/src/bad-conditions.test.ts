import { randomBytes } from 'node:crypto';
import { type CgcError, GraphStore, isCgcError, loadConfig } from '@cgc/core';
import { CONFORMANCE_SCHEMA } from '@cgc/core/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, serverPid, startNeo4j, stopServers } from '../test/servers.js';
import { neo4jFromConfig } from './from-config.js';
import { createNeo4jAdapter } from './neo4j-adapter.js';

const servers = inject('neo4jServers');
const main = servers[0]!;
const runDir = inject('neo4jRunDir');

async function failure(p: Promise<unknown>): Promise<CgcError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCgcError(err)) throw new Error(`expected a CgcError, got ${String(err)}`);
  return err;
}

describe('Neo4j under bad conditions', () => {
  it('names the URI and what to check when the server is down at start', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const store = new GraphStore(createNeo4jAdapter({ uri, password: 'whatever1' }), { backoffMs: 10 });
    const err = await failure(store.connect());
    expect(err.code).toBe('DB_UNAVAILABLE');
    expect(err.retriable).toBe(true);
    expect(err.message).toContain(uri);
    expect(err.message).toMatch(/server is running/);
    await store.close();
  });

  it('reports wrong credentials as DB_AUTH, not retriable', async () => {
    // Another user name than `neo4j`: failed logins lock the user for a few seconds.
    const a = createNeo4jAdapter({ uri: main.uri, username: 'intruder', password: 'not-the-password' });
    const err = await failure(a.connect());
    expect(err.code).toBe('DB_AUTH');
    expect(err.retriable).toBe(false);
    expect(err.message).toMatch(/NEO4J_USERNAME and NEO4J_PASSWORD/);
    await a.close();
    const none = createNeo4jAdapter({ uri: main.uri, username: 'nobody' });
    const err2 = await failure(none.connect());
    expect(err2.code).toBe('DB_AUTH');
    expect(err2.message).toMatch(/NEO4J_PASSWORD is not set/);
    await none.close();
  });

  it('reports an unknown database as NOT_FOUND naming it', async () => {
    const a = createNeo4jAdapter({ uri: main.uri, password: main.password, database: 'nosuchdb' });
    const err = await failure(a.connect());
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('"nosuchdb"');
    expect(err.message).toContain('NEO4J_DATABASE');
    await a.close();
  });

  it('rejects a malformed URI as CONFIG_INVALID', async () => {
    const a = createNeo4jAdapter({ uri: 'http//nope', password: 'x' });
    expect((await failure(a.connect())).code).toBe('CONFIG_INVALID');
    await a.close();
  });

  it('reads NEO4J_* variables through core config', async () => {
    const config = loadConfig({
      env: {
        CGC_HOME: '/tmp/cgc-neo4j-config-test',
        NEO4J_URI: main.uri,
        NEO4J_PASSWORD: main.password,
        NEO4J_DATABASE: 'neo4j',
      },
    });
    const a = neo4jFromConfig(config);
    await a.connect();
    expect(await a.query('RETURN 41 + 1 AS answer')).toEqual([{ answer: 42 }]);
    await a.close();
  });

  it('times out a slow query with DB_TIMEOUT and keeps serving', async () => {
    const a = createNeo4jAdapter({ uri: main.uri, password: main.password });
    await a.connect();
    const started = Date.now();
    const err = await failure(
      a.query(
        'UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(*) AS c',
        {},
        { timeoutMs: 300 },
      ),
    );
    expect(err.code).toBe('DB_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await a.query('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    await a.close();
  });

  it('refuses bad parameters and bad property values with INVALID_INPUT', async () => {
    const a = createNeo4jAdapter({ uri: main.uri, password: main.password });
    await a.connect();
    expect((await failure(a.query('RETURN $x AS x', { x: Number.NaN }))).code).toBe('INVALID_INPUT');
    expect((await failure(a.query('RETURN $x AS x', { x: 2n ** 64n }))).code).toBe('INVALID_INPUT');
    expect((await failure(a.query('RETURN $missing AS x'))).code).toBe('INVALID_INPUT');
    expect((await failure(a.query('   '))).code).toBe('INVALID_INPUT');
    const decl = CONFORMANCE_SCHEMA.nodes[0]!;
    expect((await failure(a.upsertNodes(decl, [{ id: 'bad', n: 1.5 }]))).code).toBe('INVALID_INPUT');
    await a.close();
  });

  it('keeps integers integral and declared floats fractional', async () => {
    const store = new GraphStore(createNeo4jAdapter({ uri: main.uri, password: main.password }));
    await store.connect();
    await store.ensureSchema(CONFORMANCE_SCHEMA);
    expect(
      await store.read('RETURN $x * 2 AS y, $x / 2 AS h, $big AS big', { x: 3, big: 2n ** 62n }),
    ).toEqual([{ y: 6, h: 1, big: 2n ** 62n }]);
    await store.upsertNodes('ConfItem', [{ id: 'float-check', suite: 'bad', f: 3, n: 3 }]);
    expect(
      await store.read("MATCH (n:ConfItem {id: 'float-check'}) RETURN n.f / 2 AS f, n.n / 2 AS n"),
    ).toEqual([{ f: 1.5, n: 1 }]);
    await store.deleteNodes({ labels: ['ConfItem'], property: 'suite', value: 'bad' });
    await store.close();
  });

  it('returns paths and relationships in the shared shape', async () => {
    const store = new GraphStore(createNeo4jAdapter({ uri: main.uri, password: main.password }));
    await store.connect();
    await store.ensureSchema(CONFORMANCE_SCHEMA);
    await store.upsertNodes('ConfItem', [
      { id: 'p-a', suite: 'shape' },
      { id: 'p-b', suite: 'shape' },
    ]);
    await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', [
      { from: 'p-a', to: 'p-b', properties: { weight: 1.5 } },
    ]);
    const [row] = await store.read("MATCH p = (:ConfItem {id: 'p-a'})-[r:CONF_LINK]->() RETURN p, r");
    expect(row?.r).toEqual({ kind: 'relationship', type: 'CONF_LINK', properties: { weight: 1.5 } });
    expect(row?.p).toMatchObject({
      kind: 'path',
      nodes: [
        { kind: 'node', label: 'ConfItem', properties: { id: 'p-a' } },
        { kind: 'node', label: 'ConfItem', properties: { id: 'p-b' } },
      ],
      relationships: [{ kind: 'relationship', type: 'CONF_LINK' }],
    });
    await store.deleteNodes({ labels: ['ConfItem'], property: 'suite', value: 'shape' });
    await store.close();
  });
});

describe('Neo4j server lost mid-write', () => {
  const version = main.version;
  const password = `cgc-${randomBytes(6).toString('hex')}`;
  let port = 0;
  afterAll(async () => {
    if (port) await stopServers(runDir, `neo4j-${port}`).catch(() => undefined);
  });

  it('times out against a frozen server, fails clearly when killed, and converges when re-run', async () => {
    port = await freePort();
    const server = await startNeo4j(version, port, password, runDir);
    const store = new GraphStore(createNeo4jAdapter({ uri: server.uri, password }), {
      backoffMs: 50,
      batchSize: 2000,
    });
    await store.connect();
    await store.ensureSchema(CONFORMANCE_SCHEMA);
    const pid = serverPid(runDir, `neo4j-${port}`);

    // A frozen server: the client-side deadline answers instead of hanging.
    process.kill(pid, 'SIGSTOP');
    try {
      const err = await failure(store.read('RETURN 1 AS one', {}, 200));
      expect(err.code).toBe('DB_TIMEOUT');
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    const n = 24_000;
    const rows = Array.from({ length: n }, (_, i) => ({ id: `kill${i}`, suite: 'kill', n: i }));
    const writing = store.upsertNodes('ConfItem', rows).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Kill once the first batches have landed, so the failure hits in the middle of the write.
    const probe = createNeo4jAdapter({ uri: server.uri, password });
    for (let i = 0; i < 300; i++) {
      const [r] = await probe.query("MATCH (n:ConfItem) WHERE n.suite = 'kill' RETURN count(n) AS c");
      if (Number(r?.c) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await probe.close();
    process.kill(pid, 'SIGKILL');
    const err = await writing;
    expect(isCgcError(err, 'DB_UNAVAILABLE'), String(err)).toBe(true);
    expect((err as CgcError).message).toContain(server.uri);

    // Same data folder, same port: the same store reconnects by itself.
    await startNeo4j(version, port, password, runDir, { CGC_INFRA_KEEP_DATA: '1' });
    const [before] = await store.read("MATCH (n:ConfItem) WHERE n.suite = 'kill' RETURN count(n) AS c");
    // Every UNWIND batch is one transaction: whole batches or nothing.
    expect(Number(before?.c) % 2000).toBe(0);
    expect(Number(before?.c)).toBeLessThan(n);
    await store.upsertNodes('ConfItem', rows);
    const [after] = await store.read(
      "MATCH (n:ConfItem) WHERE n.suite = 'kill' RETURN count(n) AS c, count(DISTINCT n.id) AS d",
    );
    expect(after).toEqual({ c: n, d: n });
    await store.close();
  }, 240_000);
});
