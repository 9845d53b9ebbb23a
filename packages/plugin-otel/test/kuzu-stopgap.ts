// A minimal real-Kuzu adapter used by these tests only while @cgc/adapter-kuzu has no
// source yet; helpers.ts prefers the real package as soon as it exports createKuzuAdapter.
import kuzu from 'kuzu';
import { CgcError, type GraphAdapter, type GraphSchema, type NodeDecl, type PropertyType, type RelDecl } from '@cgc/core';

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
        const ps = await c.prepare(cypher);
        const r = await c.execute(ps, params as never);
        const rows = await (Array.isArray(r) ? r[r.length - 1]! : r).getAll();
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
    // Row by row: UNWIND over a list of structs lets Kuzu infer field types from the values,
    // which nulls rows whose values disagree. Slow, but exact; the real adapter bulk-loads.
    async upsertNodes(decl: NodeDecl, rows) {
      for (const row of rows) {
        const keys = Object.keys(row).filter((k) => k !== decl.key && row[k] !== null && !(Array.isArray(row[k]) && (row[k] as unknown[]).length === 0));
        const set = keys.length ? `SET ${keys.map((k) => `n.${k} = $${k}`).join(', ')}` : '';
        const params = Object.fromEntries([[decl.key, row[decl.key]], ...keys.map((k) => [k, row[k]])]);
        await run(`MERGE (n:${decl.label} {${decl.key}: $${decl.key}}) ${set}`, params);
      }
    },
    async upsertRelationships(decl: RelDecl, batch) {
      for (const r of batch.rows) {
        const props = Object.entries(r.properties ?? {}).filter(([, v]) => v !== null && v !== undefined);
        const set = props.length ? `SET ${props.map(([k]) => `e.${k} = $p_${k}`).join(', ')}` : '';
        await run(
          `MATCH (a:${batch.fromLabel} {id: $f}), (b:${batch.toLabel} {id: $t}) MERGE (a)-[e:${decl.type}]->(b) ${set}`,
          { f: r.from, t: r.to, ...Object.fromEntries(props.map(([k, v]) => [`p_${k}`, v])) },
        );
      }
    },
    async deleteNodes(scope) {
      let n = 0;
      for (const l of scope.labels) {
        const r = await run(`MATCH (n:${l}) WHERE n.${scope.property} = $v DETACH DELETE n RETURN count(*) AS c`, { v: scope.value });
        n += Number(r[0]?.c ?? 0);
      }
      return n;
    },
    async query(cypher, params = {}) {
      return run(cypher, params as Record<string, unknown>);
    },
    async close() {
      await chain;
      await conn?.close();
      await db?.close();
      conn = undefined;
      db = undefined;
    },
  };
}
