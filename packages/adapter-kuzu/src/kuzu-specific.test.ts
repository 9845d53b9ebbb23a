import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSchema, type GraphNode, type GraphPath, GraphStore, isCgcError, loadConfig } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzuAdapter, KUZU_DB_FILE, kuzuFromConfig } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-'));
const kuzuEntry = createRequire(import.meta.url).resolve('kuzu');

const V1 = defineSchema({
  nodes: [{ label: 'Fn', key: 'id', properties: { id: 'string', name: 'string' } }],
  relationships: [{ type: 'CALLS', from: ['Fn'], to: ['Fn'], properties: {} }],
});
// What a plugin adds later: a property, a label, and a new end label for CALLS.
const V2 = defineSchema({
  nodes: [
    { label: 'Fn', key: 'id', properties: { id: 'string', name: 'string', observed: 'boolean' } },
    { label: 'Span', key: 'id', properties: { id: 'string', name: 'string' } },
  ],
  relationships: [
    { type: 'CALLS', from: ['Fn', 'Span'], to: ['Fn'], properties: { count: 'int' } },
    { type: 'RUNS', from: ['Span'], to: ['Fn'], properties: {} },
  ],
});

const stores: GraphStore[] = [];
const open = async (path: string, extra: Parameters<typeof createKuzuAdapter>[0] = {}) => {
  const s = new GraphStore(createKuzuAdapter({ path, ...extra }), { attempts: 1 });
  stores.push(s);
  await s.connect();
  return s;
};
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('kuzu adapter', () => {
  it('keeps the database file inside the configured folder', async () => {
    const dir = tmp();
    await open(dir);
    expect(existsSync(join(dir, KUZU_DB_FILE))).toBe(true);
  });

  it('evolves the schema: new property, new label, new end label, data kept', async () => {
    const dir = tmp();
    const s = await open(dir);
    await s.ensureSchema(V1);
    await s.upsertNodes('Fn', [
      { id: 'a', name: 'a' },
      { id: 'b', name: 'b' },
    ]);
    await s.upsertRelationships('CALLS', 'Fn', 'Fn', [{ from: 'a', to: 'b' }]);
    await s.ensureSchema(V2);
    await s.upsertNodes('Fn', [{ id: 'a', observed: true }]);
    await s.upsertNodes('Span', [{ id: 's1', name: 'GET /' }]);
    await s.upsertRelationships('CALLS', 'Span', 'Fn', [{ from: 's1', to: 'a', properties: { count: 3 } }]);
    await s.upsertRelationships('RUNS', 'Span', 'Fn', [{ from: 's1', to: 'b' }]);
    const rows = await s.read(
      'MATCH (s)-[r:CALLS]->(f:Fn) RETURN s.id AS src, f.id AS dst, r.count AS c ORDER BY src',
    );
    expect(rows).toEqual([
      { src: 'a', dst: 'b', c: null },
      { src: 's1', dst: 'a', c: 3 },
    ]);
    expect(await s.read("MATCH (f:Fn {id: 'a'}) RETURN f.name AS n, f.observed AS o")).toEqual([
      { n: 'a', o: true },
    ]);
  });

  it('refuses a schema that changes a stored column type with SCHEMA_INVALID', async () => {
    const s = await open(tmp());
    await s.ensureSchema(V1);
    const clash = defineSchema({
      nodes: [{ label: 'Other', key: 'id', properties: { id: 'string', name: 'int' } }],
      relationships: [],
    });
    await s.ensureSchema(clash);
    const adapter = s.adapter;
    const err = await adapter
      .ensureSchema(
        defineSchema({
          nodes: [{ label: 'Other', key: 'id', properties: { id: 'string', name: 'string' } }],
          relationships: [],
        }),
      )
      .catch((e: unknown) => e);
    expect(isCgcError(err, 'SCHEMA_INVALID'), String(err)).toBe(true);
  });

  it('keeps serving after bad Cypher, unknown tables and bad parameters', async () => {
    const s = await open(tmp());
    await s.ensureSchema(V1);
    for (const bad of ['MATCH (n RETURN n', 'MATCH (n:Nope) RETURN n', 'RETURN 1; RETURN 2']) {
      const err = await s.read(bad).catch((e: unknown) => e);
      expect(isCgcError(err, 'QUERY_SYNTAX'), `${bad}: ${String(err)}`).toBe(true);
    }
    const mixed = await s.read('RETURN $xs AS xs', { xs: [1, 2.5] }).catch((e: unknown) => e);
    expect(isCgcError(mixed, 'INVALID_INPUT'), String(mixed)).toBe(true);
    const werr = await s.write('CREATE (n:Fn {id: 1, nope: 2})').catch((e: unknown) => e);
    expect(isCgcError(werr, 'QUERY_SYNTAX'), String(werr)).toBe(true);
    await s.upsertNodes('Fn', [{ id: 'ok', name: 'still here' }]);
    expect(await s.read('MATCH (f:Fn) RETURN f.name AS n')).toEqual([{ n: 'still here' }]);
  });

  it('stops a query past its timeout with DB_TIMEOUT and keeps serving', async () => {
    const s = await open(tmp());
    const slow = 'UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n';
    const err = await s.read(slow, {}, 50).catch((e: unknown) => e);
    expect(isCgcError(err, 'DB_TIMEOUT'), String(err)).toBe(true);
    expect(await s.read('UNWIND range(1, 10) AS x RETURN sum(x) AS t')).toEqual([{ t: 55 }]);
  });

  it('refuses statements with effects outside the graph in read mode', async () => {
    const dir = tmp();
    const s = await open(dir);
    for (const q of [
      `COPY (RETURN 1) TO '${join(dir, 'leak.csv')}'`,
      `EXPORT DATABASE '${join(dir, 'export')}'`,
      `ATTACH '${join(dir, 'other')}' AS o (dbtype kuzu)`,
      'CALL threads = 1',
      '// comment\nBEGIN TRANSACTION',
      'INSTALL json',
    ]) {
      const err = await s.read(q).catch((e: unknown) => e);
      expect(isCgcError(err, 'READ_ONLY_VIOLATION'), `${q}: ${String(err)}`).toBe(true);
    }
    expect(existsSync(join(dir, 'leak.csv'))).toBe(false);
    expect(await s.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('returns relationships and variable-length paths in the shared shape', async () => {
    const s = await open(tmp());
    await s.ensureSchema(V1);
    await s.upsertNodes(
      'Fn',
      ['a', 'b', 'c'].map((id) => ({ id, name: id })),
    );
    await s.upsertRelationships('CALLS', 'Fn', 'Fn', [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ]);
    const [rel] = await s.read("MATCH (:Fn {id: 'a'})-[r:CALLS]->() RETURN r");
    expect(rel?.r).toEqual({ kind: 'relationship', type: 'CALLS', properties: {} });
    const [row] = await s.read("MATCH p = (:Fn {id: 'a'})-[:CALLS*1..5]->(:Fn {id: 'c'}) RETURN p");
    const p = row?.p as GraphPath;
    expect(p.kind).toBe('path');
    expect(p.nodes.map((n) => n.properties.id)).toEqual(['a', 'b', 'c']);
    expect(p.relationships.map((r) => r.type)).toEqual(['CALLS', 'CALLS']);
    const [short] = await s.read(
      "MATCH p = (:Fn {id: 'a'})-[:CALLS* SHORTEST 1..5]->(:Fn {id: 'c'}) RETURN length(p) AS hops",
    );
    expect(short?.hops).toBe(2);
    expect(await s.read("MATCH (f:Fn) WHERE f.name =~ '[ab]' RETURN f.id AS id ORDER BY id")).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
  });

  it('stores empty lists as empty lists and nulls as absent', async () => {
    const s = await open(tmp());
    const schema = defineSchema({
      nodes: [
        { label: 'L', key: 'id', properties: { id: 'string', xs: 'string[]', fs: 'float[]', f: 'float' } },
      ],
      relationships: [],
    });
    await s.ensureSchema(schema);
    await s.upsertNodes('L', [
      { id: 'x', xs: null, fs: [1, 2.5], f: 2 },
      { id: 'y', xs: [], fs: [], f: 0.5 },
    ]);
    expect(
      await s.read('MATCH (n:L) RETURN n.id AS id, n.xs AS xs, n.fs AS fs, n.f AS f ORDER BY id'),
    ).toEqual([
      { id: 'x', xs: null, fs: [1, 2.5], f: 2 },
      { id: 'y', xs: [], fs: [], f: 0.5 },
    ]);
    const [row] = await s.read("MATCH (n:L {id: 'x'}) RETURN n");
    expect((row!.n as GraphNode).properties).toEqual({ id: 'x', fs: [1, 2.5], f: 2 });
  });

  it('rejects a value of the wrong type for a declared property with INVALID_INPUT', async () => {
    const s = await open(tmp());
    await s.ensureSchema(V2);
    const err = await s.upsertNodes('Fn', [{ id: 'a', observed: 'yes' }]).catch((e: unknown) => e);
    expect(isCgcError(err, 'INVALID_INPUT'), String(err)).toBe(true);
  });

  it('shares one database between adapters of one process on the same path', async () => {
    const dir = tmp();
    const a = await open(dir);
    const b = await open(dir);
    await a.ensureSchema(V1);
    await b.ensureSchema(V1);
    await a.upsertNodes('Fn', [{ id: 'shared', name: 'x' }]);
    expect(await b.read('MATCH (f:Fn) RETURN f.id AS id')).toEqual([{ id: 'shared' }]);
    // Concurrent updates from both take turns on the shared scratch table.
    await Promise.all([
      a.upsertNodes('Fn', [{ id: 'shared', name: 'from a' }]),
      b.upsertNodes('Fn', [{ id: 'shared', name: 'from b' }]),
    ]);
    expect(await a.read('MATCH (f:Fn) RETURN f.name AS n')).toEqual([{ n: 'from b' }]);
    await a.close();
    expect(await b.read('MATCH (f:Fn) RETURN count(f) AS c')).toEqual([{ c: 1 }]);
  });

  it('opens read-only and refuses writes with READ_ONLY_VIOLATION', async () => {
    const dir = tmp();
    const w = await open(dir);
    await w.ensureSchema(V1);
    await w.upsertNodes('Fn', [{ id: 'a', name: 'a' }]);
    await w.close();
    const r = await open(dir, { readOnly: true });
    expect(await r.read('MATCH (f:Fn) RETURN f.id AS id')).toEqual([{ id: 'a' }]);
    const err = await r.write("CREATE (f:Fn {id: 'b'})").catch((e: unknown) => e);
    expect(isCgcError(err, 'READ_ONLY_VIOLATION'), String(err)).toBe(true);
  });

  it('reports DB_UNAVAILABLE when a read-only database does not exist', async () => {
    const adapter = createKuzuAdapter({ path: join(tmp(), 'missing'), readOnly: true });
    const err = await adapter.connect().catch((e: unknown) => e);
    expect(isCgcError(err, 'DB_UNAVAILABLE'), String(err)).toBe(true);
    await adapter.close();
  });

  it('accepts an injected API-compatible module', async () => {
    const kuzu = await import('kuzu');
    let opened = 0;
    const real = (kuzu.default ?? kuzu) as unknown as { Database: new (...a: unknown[]) => object };
    // Kuzu's Connection checks the class name, as a fork's own classes would be named.
    const Database = class Database extends (real.Database as new (...a: unknown[]) => object) {
      constructor(...args: unknown[]) {
        super(...args);
        opened++;
      }
    };
    const injected = { ...(kuzu.default ?? kuzu), Database };
    const s = await open(tmp(), { module: injected });
    expect(await s.read('RETURN 41 + 1 AS n')).toEqual([{ n: 42 }]);
    expect(opened).toBe(1);
    const bad = createKuzuAdapter({ path: tmp(), module: { nothing: true } });
    const err = await bad.connect().catch((e: unknown) => e);
    expect(isCgcError(err, 'INVALID_INPUT'), String(err)).toBe(true);
  });

  it('builds from configuration (database.kuzu.path, else <home>/kuzu)', async () => {
    const home = tmp();
    const config = loadConfig({ env: { CGC_HOME: home }, cwd: home });
    const adapter = await kuzuFromConfig(config, undefined as never);
    await adapter.connect();
    await adapter.close();
    expect(existsSync(join(home, 'kuzu', KUZU_DB_FILE))).toBe(true);
  });

  it('reports DB_LOCKED when another process holds the database', async () => {
    const dir = tmp();
    const file = join(dir, KUZU_DB_FILE);
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const k = require(${JSON.stringify(kuzuEntry)});
         const db = new k.Database(${JSON.stringify(file)});
         db.init().then(() => console.log('ready'));
         setTimeout(() => process.exit(0), 20000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((res, rej) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && res());
        holder.on('exit', (c) => rej(new Error(`holder exited ${c}`)));
      });
      const adapter = createKuzuAdapter({ path: dir });
      const err = await adapter.connect().catch((e: unknown) => e);
      expect(isCgcError(err, 'DB_LOCKED'), String(err)).toBe(true);
      expect((err as Error).message).toMatch(/another cgc process/);
      await adapter.close();
    } finally {
      holder.kill();
    }
  });
});
