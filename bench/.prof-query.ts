import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeCode, coreToolsPlugin, createEngine, loadConfig } from '../packages/core/src/index.js';
import { indexRepository } from '../packages/indexer/src/index.js';
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cgc-prof-'));
const mod = (await import('../packages/adapter-kuzu/src/index.js')) as any;
const engine = await createEngine({
  config: loadConfig({ env: { CGC_HOME: join(work, 'home'), CGC_LOG_LEVEL: 'error', CGC_DATABASE: 'kuzu', CGC_KUZU_PATH: join(work, 'kuzu') } }),
  adapter: mod.kuzuFromConfig, builtins: [coreToolsPlugin({ indexer: { index: indexRepository } })], discover: false,
});
const store = await engine.store();
await indexRepository(store, join(root, 'packages/core/src'), {});
const target = process.argv[2] ?? 'cmp';
const log: string[] = [];
const orig = store.read.bind(store);
(store as any).read = (c: string, p: any, o: any) => { log.push(c); return orig(c, p, o); };
const r = await analyzeCode(store, 'find_callers', target);
console.log('reads per call', log.length); for (const l of log) console.log('  ', l.slice(0, 160));
console.log('targets', (r.result as any).targets.length, 'results', (r.result as any).results.length);
(store as any).read = orig;
async function bench(label: string, n: number, conc: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const lat: number[] = []; const c0 = process.cpuUsage(); const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { for (let i = 0; i < n / conc; i++) { const t = performance.now(); await fn(); lat.push(performance.now() - t); } }));
  const secs = (performance.now() - t0) / 1000; const cpu = process.cpuUsage(c0);
  lat.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} c=${conc} ${(n / secs).toFixed(0)}/s p50 ${lat[Math.floor(n / 2)]!.toFixed(2)} p99 ${lat[Math.floor(n * 0.99)]!.toFixed(2)} cpu ${((c0 && (cpu.user + cpu.system)) / 1000 / n).toFixed(2)} ms/op`);
}
const byId = 'MATCH (n:Function) WHERE n.id = $id RETURN n.id AS id';
const byName = 'MATCH (n:Function) WHERE n.name = $name RETURN n.id AS id';
const stmts = log.map((c) => c);
const t = (r.result as any).targets[0].id;
for (const [i, c] of stmts.entries()) await bench('q' + i + ' ' + c.slice(0, 40), 1000, 1, () => store.read(c, c.includes('$id') ? { id: t } : { name: target }));
if (process.env.ONLY) {
  await engine.close();
  const kuzu = (await import('/work/main/node_modules/.pnpm/kuzu@0.11.3/node_modules/kuzu/index.mjs')).default as any;
  const db = new kuzu.Database(join(work, 'kuzu', 'graph.kuzu')); const conn = new kuzu.Connection(db);
  const cpuOf = async (label: string, n: number, fn: () => Promise<unknown>) => { for (let i = 0; i < 20; i++) await fn(); const c0 = process.cpuUsage(); const t0 = performance.now(); for (let i = 0; i < n; i++) await fn(); const cpu = process.cpuUsage(c0); console.log(`${label.padEnd(50)} wall ${((performance.now() - t0) / n).toFixed(3)} ms cpu ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms`); };
  if (process.env.THREADS) conn.setMaxNumThreadForExec(Number(process.env.THREADS));
  for (const [i, c] of stmts.entries()) {
    const params = c.includes('$id') ? { id: t } : { name: target };
    await cpuOf('prepare q' + i, 500, async () => { await conn.prepare(c); });
    const ps = await conn.prepare(c);
    await cpuOf('execute+getAll (prepared once) q' + i, 500, async () => { const r = await conn.execute(ps, params); await r.getAll(); r.close(); });
    await cpuOf('execute+getAllSync (prepared once) q' + i, 500, async () => { const r = await conn.execute(ps, params); r.getAllSync(); r.close(); });
    await cpuOf('prepare+execute+getAll q' + i, 500, async () => { const r = await conn.execute(await conn.prepare(c), params); await r.getAll(); r.close(); });
  }
  await cpuOf('BEGIN RO + ROLLBACK prepare+exec', 500, async () => { for (const c of ['BEGIN TRANSACTION READ ONLY', 'ROLLBACK']) { const r = await conn.execute(await conn.prepare(c), {}); await r.getAll(); r.close(); } });
  const b = await conn.prepare('BEGIN TRANSACTION READ ONLY'), rb = await conn.prepare('ROLLBACK');
  await cpuOf('BEGIN RO + ROLLBACK prepared once', 500, async () => { for (const p of [b, rb]) { const r = await conn.execute(p, {}); await r.getAll(); r.close(); } });
  await cpuOf('conn.query q2 (no params path)', 500, async () => { const r = await conn.query(stmts[2]!.replace('$id', JSON.stringify(t))); await r.getAll(); r.close(); });
  if (process.env.EXPLAIN) {
    const q2 = stmts[2]!;
    const r = await conn.query('EXPLAIN ' + q2.replace('$id', JSON.stringify(t))); const rows = await r.getAll(); console.log(String(Object.values(rows[0]!)[0]).split("\n").filter((l) => /[A-Z_]+\[\d+\]|Table|Direction|Join/.test(l)).map((l) => l.replace(/[│┌┐└┘─┬┴]/g, "").trim()).join(" | "));
    const variants = [q2, q2.replace('MATCH (far:Function)-[r:CALLS]->(near:Function) WHERE near.id = $id', 'MATCH (near:Function {id: $id})<-[r:CALLS]-(far:Function)'), 'MATCH (near:Function)<-[r:CALLS]-(far:Function) WHERE near.id = $id RETURN far.id AS f_id', 'MATCH (near:Function) WHERE near.id = $id RETURN near.id'];
    for (const [i, v] of variants.entries()) { const ps = await conn.prepare(v); await cpuOf('variant ' + i + ' ' + v.slice(0, 60), 500, async () => { const r = await conn.execute(ps, { id: t }); await r.getAll(); r.close(); }); }
  }
  if (process.env.PAR) {
    const stmt = stmts[2]!; const params = { id: t };
    for (const [nconn, th] of [[1, 0], [1, 1], [2, 1], [2, 0]] as const) {
      const conns = Array.from({ length: nconn }, () => (th ? new kuzu.Connection(db, th) : new kuzu.Connection(db)));
      const pss = await Promise.all(conns.map((c: any) => c.prepare(stmt)));
      const N = 3000; let done = 0; const t0 = performance.now(); const c0 = process.cpuUsage();
      await Promise.all(conns.map(async (c: any, i: number) => { while (done < N) { done++; const r = await c.execute(pss[i], params); await r.getAll(); r.close(); } }));
      const cpu = process.cpuUsage(c0);
      console.log(`conns ${nconn} threads ${th || 'default'}: ${(N / ((performance.now() - t0) / 1000)).toFixed(0)} exec/s, cpu ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms/exec`);
    }
  }
  process.exit(0);
}
for (const conc of [1, 20]) {
  await bench('store.read RETURN 1', 1000, conc, () => store.read('RETURN 1 AS x'));
  await bench('store.read Function by id', 1000, conc, () => store.read(byId, { id: 'nope' }));
  await bench('store.read Function by name', 1000, conc, () => store.read(byName, { name: target }));
  await bench('analyzeCode find_callers', 1000, conc, () => analyzeCode(store, 'find_callers', target));
}
await engine.close();
