// A minimal real-Kuzu adapter used by these tests only while @cgc/adapter-kuzu has no
// source yet; helpers.ts prefers the real package as soon as it exports createKuzuAdapter.

import {
  CgcError,
  type GraphAdapter,
  type GraphSchema,
  type NodeDecl,
  type PropertyType,
  type RelDecl,
} from '@cgc/core';
import kuzu from 'kuzu';

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

function present(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function byShape<T extends Record<string, unknown>>(rows: T[]): T[][] {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = Object.keys(r).sort().join(',');
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return [...m.values()];
}

/** A Kuzu adapter with UNWIND/MERGE upserts (no COPY bulk path). */
export function createStopgapKuzuAdapter(options: { path: string }): GraphAdapter {
  let db: kuzu.Database | undefined;
  let conn: kuzu.Connection | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const run = async (cypher: string, params: Record<string, unknown> = {}) => {
    if (!conn) throw new CgcError('DB_UNAVAILABLE', 'kuzu: not connected', { retriable: true });
    const c = conn;
    const next = chain.then(async () => {
      try {
        if (process.env.KUZU_TRACE)
          process.stderr.write(`Q ${cypher.slice(0, 160)} ${JSON.stringify(params).slice(0, 200)}\n`);
        const t0 = performance.now();
        const ps = await c.prepare(cypher);
        const r = await c.execute(ps, params as never);
        const rows = await (Array.isArray(r) ? r[r.length - 1]! : r).getAll();
        const ms = performance.now() - t0;
        if (process.env.KUZU_SLOW && ms > Number(process.env.KUZU_SLOW)) {
          const n = Array.isArray((params as { rows?: unknown[] }).rows) ? (params as { rows: unknown[] }).rows.length : '';
          process.stderr.write(`SLOW ${ms.toFixed(0)}ms rows=${n} ${cypher.slice(0, 120)}\n`);
        }
        return rows as Record<string, unknown>[];
      } catch (err) {
        throw new CgcError('QUERY_FAILED', `kuzu: ${(err as Error).message}`, { cause: err });
      }
    });
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    name: 'kuzu-stopgap',
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
    async connect() {
      db ??= new kuzu.Database(options.path);
      conn ??= new kuzu.Connection(db);
    },
    async ensureSchema(schema: GraphSchema) {
      for (const n of schema.nodes) {
        const props = Object.entries(n.properties).map(([k, t]) => `${k} ${TYPES[t]}`);
        await run(`CREATE NODE TABLE IF NOT EXISTS ${n.label}(${props.join(', ')}, PRIMARY KEY(${n.key}))`);
      }
      for (const r of schema.relationships) {
        const pairs = r.from.flatMap((f) => r.to.map((t) => `FROM ${f} TO ${t}`));
        const props = Object.entries(r.properties).map(([k, t]) => `${k} ${TYPES[t]}`);
        await run(`CREATE REL TABLE IF NOT EXISTS ${r.type}(${[...pairs, ...props].join(', ')})`);
      }
    },
    // UNWIND batches of rows with the same non-null properties, each value cast to its declared
    // type: Kuzu infers struct field types from values and fails on null (ANY) fields.
    async upsertNodes(decl: NodeDecl, rows) {
      for (const group of byShape(rows.map((r) => present(r)))) {
        const keys = Object.keys(group[0]!).filter((k) => k !== decl.key);
        const cast = (k: string) => `CAST(r.${k} AS ${TYPES[decl.properties[k] ?? 'string']})`;
        const set = keys.length ? `SET ${keys.map((k) => `n.${k} = ${cast(k)}`).join(', ')}` : '';
        await run(`UNWIND $rows AS r MERGE (n:${decl.label} {${decl.key}: r.${decl.key}}) ${set}`, { rows: group });
      }
    },
    async upsertRelationships(decl: RelDecl, batch) {
      const rows = batch.rows.map((r) => ({ f: r.from, t: r.to, ...present(r.properties ?? {}) }));
      for (const group of byShape(rows)) {
        const keys = Object.keys(group[0]!).filter((k) => k !== 'f' && k !== 't');
        const set = keys.length ? `SET ${keys.map((k) => `e.${k} = CAST(r.${k} AS ${TYPES[decl.properties[k] ?? 'string']})`).join(', ')}` : '';
        await run(
          `UNWIND $rows AS r MATCH (a:${batch.fromLabel} {id: r.f}), (b:${batch.toLabel} {id: r.t}) MERGE (a)-[e:${decl.type}]->(b) ${set}`,
          { rows: group },
        );
      }
    },
    async deleteNodes(scope) {
      let n = 0;
      for (const l of scope.labels) {
        const r = await run(
          `MATCH (n:${l}) WHERE n.${scope.property} = $v DETACH DELETE n RETURN count(*) AS c`,
          { v: scope.value },
        );
        n += Number(r[0]?.c ?? 0);
      }
      return n;
    },
    async query(cypher, params = {}) {
      return run(cypher, params as Record<string, unknown>);
    },
    async close() {
      await chain;
      // Closing the Kuzu 0.11 database explicitly after queries crashed the process at exit
      // here; closing the connection and letting the database be collected does not.
      if (!process.env.KUZU_CLOSE_MODE) await conn?.close();
      if (process.env.KUZU_CLOSE_MODE === 'db') await db?.close();
      conn = undefined;
      db = undefined;
    },
  };
}
