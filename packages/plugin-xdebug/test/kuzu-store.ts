import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CgcError,
  CORE_SCHEMA,
  type GraphAdapter,
  type GraphParams,
  type GraphSchema,
  GraphStore,
  type NodeDecl,
  normaliseInteger,
  type PropertyType,
  type RelBatch,
  type RelDecl,
} from '@cgc/core';
import { XDEBUG_SCHEMA } from '../src/schema.js';

// Until @cgc/adapter-kuzu is published in this tree, tests use this small adapter over
// the real embedded Kuzu engine (same npm package, same on-disk database).
const TYPES: Record<PropertyType, string> = {
  string: 'STRING',
  int: 'INT64',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
  'string[]': 'STRING[]',
  'int[]': 'INT64[]',
  'float[]': 'DOUBLE[]',
  json: 'STRING',
};

type KuzuConn = {
  query(q: string): Promise<unknown>;
  prepare(q: string): Promise<unknown>;
  execute(
    s: unknown,
    p: Record<string, unknown>,
  ): Promise<{ getAll(): Promise<Record<string, unknown>[]>; close(): void }>;
};

// Empty lists carry no element type in parameters; say which one the column has.
function cast(expr: string, t: PropertyType | undefined): string {
  return t?.endsWith('[]') ? `CAST(${expr} AS ${TYPES[t]})` : expr;
}

function norm(v: unknown): unknown {
  if (typeof v === 'bigint') return normaliseInteger(v);
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  }
  return v;
}

/** A graph adapter over real embedded Kuzu at `path` (the package's adapter when present). */
export async function createTestAdapter(path: string): Promise<GraphAdapter> {
  try {
    const mod = (await import('@cgc/adapter-kuzu' as string)) as {
      createKuzuAdapter?: (o: { path: string }) => GraphAdapter;
    };
    if (mod.createKuzuAdapter) return mod.createKuzuAdapter({ path });
  } catch {
    // not built yet in this tree: use the minimal one below
  }
  return minimalKuzuAdapter(path);
}

function minimalKuzuAdapter(path: string): GraphAdapter {
  const kuzu = createRequire(import.meta.url)('kuzu') as {
    Database: new (p: string) => { close(): Promise<void> };
    Connection: new (db: unknown) => KuzuConn & { close(): Promise<void> };
  };
  const db = new kuzu.Database(path);
  const conn = new kuzu.Connection(db);
  const run = async (q: string, params: Record<string, unknown> = {}) => {
    try {
      const st = await conn.prepare(q);
      const r = await conn.execute(st, params);
      try {
        return (await r.getAll()).map((row) => norm(row) as Record<string, unknown>);
      } finally {
        r.close();
      }
    } catch (err) {
      throw new CgcError('QUERY_FAILED', `kuzu: ${(err as Error).message}`, { cause: err });
    }
  };
  return {
    name: 'kuzu-test',
    capabilities: {
      readOnlyQueries: false,
      bulkWrite: false,
      maxBatchSize: 5000,
      shortestPath: false,
      variableLengthPaths: true,
      regex: true,
      embedded: true,
      mapParams: true,
    },
    async connect() {},
    async ensureSchema(schema: GraphSchema) {
      for (const n of schema.nodes) {
        const cols = Object.entries(n.properties).map(([k, t]) => `${k} ${TYPES[t]}`);
        await conn.query(
          `CREATE NODE TABLE IF NOT EXISTS ${n.label}(${cols.join(', ')}, PRIMARY KEY(${n.key}))`,
        );
      }
      for (const r of schema.relationships) {
        const pairs = r.from.flatMap((f) => r.to.map((t) => `FROM ${f} TO ${t}`));
        const cols = Object.entries(r.properties).map(([k, t]) => `, ${k} ${TYPES[t]}`);
        await conn.query(`CREATE REL TABLE IF NOT EXISTS ${r.type}(${pairs.join(', ')}${cols.join('')})`);
      }
    },
    async upsertNodes(decl: NodeDecl, rows) {
      // Kuzu cannot bind a list parameter mixing empty and non-empty lists: group rows by
      // which list properties are empty and write those as typed empty-list literals.
      const groups = new Map<string, Record<string, unknown>[]>();
      for (const row of rows) {
        const empty = Object.keys(row).filter(
          (k) => Array.isArray(row[k]) && (row[k] as unknown[]).length === 0,
        );
        const k = empty.join(',');
        const list = groups.get(k) ?? [];
        const rest: Record<string, unknown> = { ...row };
        for (const e of empty) delete rest[e];
        list.push(rest);
        groups.set(k, list);
      }
      for (const [k, list] of groups) {
        const empty = k ? k.split(',') : [];
        const props = Object.keys(list[0]!).filter((p) => p !== decl.key);
        const sets = [
          ...props.map((p) => `n.${p} = ${cast(`r.${p}`, decl.properties[p])}`),
          ...empty.map((p) => `n.${p} = CAST([] AS ${TYPES[decl.properties[p]!]})`),
        ];
        await run(
          `UNWIND $rows AS r MERGE (n:${decl.label} {${decl.key}: r.${decl.key}})${sets.length ? ` SET ${sets.join(', ')}` : ''}`,
          { rows: list },
        );
      }
    },
    async upsertRelationships(decl: RelDecl, batch: RelBatch) {
      if (!batch.rows.length) return;
      const props = Object.keys(batch.rows[0]!.properties ?? {});
      const set = props.length
        ? ` SET ${props.map((p) => `e.${p} = ${cast(`r.p_${p}`, decl.properties[p])}`).join(', ')}`
        : '';
      const rows = batch.rows.map((r) => {
        const o: Record<string, unknown> = { f: r.from, t: r.to };
        for (const p of props) o[`p_${p}`] = r.properties?.[p];
        return o;
      });
      await run(
        `UNWIND $rows AS r MATCH (a:${batch.fromLabel} {id: r.f}), (b:${batch.toLabel} {id: r.t}) MERGE (a)-[e:${decl.type}]->(b)${set}`,
        { rows },
      );
    },
    async deleteNodes(scope) {
      let n = 0;
      for (const l of scope.labels) {
        const r = await run(
          `MATCH (x:${l}) WHERE x.${scope.property} = $v DETACH DELETE x RETURN count(*) AS n`,
          { v: scope.value },
        );
        n += Number(r[0]?.n ?? 0);
      }
      return n;
    },
    async query(cypher: string, params: GraphParams = {}) {
      return run(cypher, params as Record<string, unknown>);
    },
    async close() {
      await conn.close().catch(() => undefined);
      await db.close().catch(() => undefined);
    },
  };
}

/** A real embedded Kuzu store in a temp dir with core + Xdebug schema; `dispose` deletes it. */
export async function openTestStore(): Promise<{ store: GraphStore; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-xdebug-kuzu-'));
  const adapter = await createTestAdapter(join(dir, 'db'));
  const store = new GraphStore(adapter);
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA, XDEBUG_SCHEMA);
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
