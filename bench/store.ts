/**
 * Write throughput of one adapter through GraphStore's bulk writer: a generated code graph of
 * >= 100k nodes and >= 300k relationships, then p95 latency of a callers query and of a depth-5
 * variable-length query, the p50/p95 latency of 200 small upserts (10 nodes, then 10
 * relationships, per call), and the peak RSS of this process.
 *
 *   pnpm bench:store -- --adapter kuzu|neo4j|falkordb [--functions N] [--calls-per-function K] [--runs N]
 *
 * kuzu writes to a temp folder (removed afterwards). neo4j and falkordb read NEO4J_URI,
 * NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE / FALKORDB_URL, FALKORDB_HOST, FALKORDB_PORT,
 * FALKORDB_PASSWORD, FALKORDB_GRAPH and write into that database (its bench labels are deleted first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, type GraphAdapter, GraphStore } from '../packages/core/src/index.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const adapterName = opt('adapter', 'kuzu');
const functions = Number(opt('functions', '100000'));
const callsPer = Number(opt('calls-per-function', '2.2'));
const runs = Number(opt('runs', '200'));
const env = process.env;
const cleanup: (() => void)[] = [];

type Factory = () => Promise<GraphAdapter>;
// Each backend is one small async factory: adding one is adding a line here.
const ADAPTERS: Record<string, Factory> = {
  kuzu: async () => {
    const { createKuzuAdapter } = await import('../packages/adapter-kuzu/src/index.js');
    const dir = env.CGC_KUZU_PATH ?? mkdtempSync(join(tmpdir(), 'cgc-bench-store-'));
    if (!env.CGC_KUZU_PATH) cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return createKuzuAdapter({ path: dir });
  },
  neo4j: async () => {
    const { createNeo4jAdapter } = await import('../packages/adapter-neo4j/src/index.js');
    return createNeo4jAdapter({
      uri: env.NEO4J_URI ?? 'bolt://localhost:7687',
      username: env.NEO4J_USERNAME ?? 'neo4j',
      ...(env.NEO4J_PASSWORD ? { password: env.NEO4J_PASSWORD } : {}),
      ...(env.NEO4J_DATABASE ? { database: env.NEO4J_DATABASE } : {}),
    });
  },
  falkordb: async () => {
    const { createFalkorAdapter } = await import('../packages/adapter-falkordb/src/index.js');
    return createFalkorAdapter({
      ...(env.FALKORDB_URL ? { url: env.FALKORDB_URL } : {}),
      host: env.FALKORDB_HOST ?? 'localhost',
      port: Number(env.FALKORDB_PORT ?? 6379),
      ...(env.FALKORDB_PASSWORD ? { password: env.FALKORDB_PASSWORD } : {}),
      graph: env.FALKORDB_GRAPH ?? 'cgc_bench_store',
    });
  },
};

const factory = ADAPTERS[adapterName];
if (!factory) {
  console.error(`unknown --adapter ${adapterName}; one of ${Object.keys(ADAPTERS).join(', ')}`);
  process.exit(2);
}

const REPO = 'repo:bench-store';
const files = Math.max(1, Math.ceil(functions / 50));
const calls = Math.round(functions * callsPer);
// A deterministic generator, so every adapter gets the same graph.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const fnId = (i: number) => `fn:${i}`;
const fileOf = (i: number) => `file:${Math.floor(i / 50)}`;

const store = new GraphStore(await factory());
await store.connect();
await store.ensureSchema(CORE_SCHEMA);
await store.deleteNodes({ labels: ['File', 'Function'], property: 'repo', value: REPO });

const t0 = performance.now();
const w = store.writer();
for (let f = 0; f < files; f++) {
  await w.node('File', {
    id: `file:${f}`,
    repo: REPO,
    file: `src/m${f}.ts`,
    name: `m${f}.ts`,
    path: `/r/src/m${f}.ts`,
    lang: 'typescript',
  });
}
for (let i = 0; i < functions; i++) {
  await w.node('Function', {
    id: fnId(i),
    repo: REPO,
    file: `src/m${Math.floor(i / 50)}.ts`,
    name: `fn${i}`,
    fqn: `m${Math.floor(i / 50)}.fn${i}`,
    kind: 'function',
    line_number: (i % 50) * 10 + 1,
    end_line: (i % 50) * 10 + 9,
    lang: 'typescript',
  });
}
await w.flush();
const t1 = performance.now();
for (let i = 0; i < functions; i++)
  await w.rel('CONTAINS', 'File', 'Function', { from: fileOf(i), to: fnId(i) });
for (let c = 0; c < calls; c++) {
  const from = c % functions;
  // Mostly calls to nearby functions (same module), some anywhere.
  const to = rand(10) < 8 ? Math.min(functions - 1, from + 1 + rand(60)) : rand(functions);
  await w.rel('CALLS', 'Function', 'Function', {
    from: fnId(from),
    to: fnId(to),
    properties: { line_number: 1 + rand(500), confidence: 0.9, resolution: 'import' },
  });
}
await w.flush();
const t2 = performance.now();

const nodes = files + functions;
const [nc] = await store.read("MATCH (n:Function) WHERE n.repo = 'repo:bench-store' RETURN count(n) AS c");
const [rc] = await store.read(
  "MATCH (a:Function)-[r:CALLS]->(:Function) WHERE a.repo = 'repo:bench-store' RETURN count(r) AS c",
);
const rels = w.written.relationships;

async function p95(cypher: string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const id = fnId(rand(functions));
    const s = performance.now();
    await store.read(cypher, { id });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}
const callers = await p95('MATCH (c:Function)-[:CALLS]->(f:Function {id: $id}) RETURN c.id AS id');
const deep = await p95(
  'MATCH (f:Function {id: $id})<-[:CALLS*1..5]-(c:Function) RETURN count(DISTINCT c) AS n',
);

// A second write of 10k existing nodes measures the update path (keys found, SET in place).
const t3 = performance.now();
await store.upsertNodes(
  'Function',
  Array.from({ length: 10_000 }, (_, i) => ({ id: fnId(i), docstring: `updated ${i}` })),
);
const t4 = performance.now();

// Small-batch latency: what an MCP tool, the OTEL ingester or a watch re-index pays per call.
const pct = (times: number[], q: number) =>
  [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const smallNodes: number[] = [];
const smallRels: number[] = [];
for (let i = 0; i < 200; i++) {
  // Half the rows are new, half update a stored node.
  const rows = Array.from({ length: 10 }, (_, j) =>
    j % 2 === 0
      ? { id: `small:${i}:${j}`, repo: REPO, name: `small${i}_${j}`, line_number: j }
      : { id: fnId(rand(functions)), repo: REPO, name: `touched${i}_${j}`, line_number: j },
  );
  let s0 = performance.now();
  await store.upsertNodes('Function', rows);
  smallNodes.push(performance.now() - s0);
  const edges = rows.map((r) => ({
    from: r.id,
    to: fnId(rand(functions)),
    properties: { line_number: i, confidence: 1, resolution: 'small' },
  }));
  s0 = performance.now();
  await store.upsertRelationships('CALLS', 'Function', 'Function', edges);
  smallRels.push(performance.now() - s0);
}
await store.close();
for (const c of cleanup) c();

const s = (ms: number) => ms / 1000;
const rows: [string, string][] = [
  ['adapter', adapterName],
  ['nodes written', `${nodes} (${Number(nc?.c) + files} stored)`],
  ['relationships written', `${rels} (CALLS stored: ${Number(rc?.c)})`],
  ['nodes/s', `${Math.round(nodes / s(t1 - t0))} (${s(t1 - t0).toFixed(1)} s)`],
  ['relationships/s', `${Math.round(rels / s(t2 - t1))} (${s(t2 - t1).toFixed(1)} s)`],
  ['update 10k existing nodes', `${s(t4 - t3).toFixed(1)} s`],
  ['10-node upsert p50 / p95', `${pct(smallNodes, 0.5).toFixed(1)} / ${pct(smallNodes, 0.95).toFixed(1)} ms`],
  ['10-rel upsert p50 / p95', `${pct(smallRels, 0.5).toFixed(1)} / ${pct(smallRels, 0.95).toFixed(1)} ms`],
  ['callers p50 / p95', `${callers.p50.toFixed(1)} / ${callers.p95.toFixed(1)} ms`],
  ['depth-5 callers p50 / p95', `${deep.p50.toFixed(1)} / ${deep.p95.toFixed(1)} ms`],
  ['peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
