// scratch profiling driver (not committed)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { serveHttp } from '../apps/mcp-server/src/index.js';
import { coreToolsPlugin, createEngine, loadConfig } from '../packages/core/src/index.js';
import { indexRepository } from '../packages/indexer/src/index.js';
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cgc-prof-'));
const mod = (await import('../packages/adapter-kuzu/src/index.js')) as any;
const engine = await createEngine({
  config: loadConfig({ env: { CGC_HOME: join(work, 'home'), CGC_LOG_LEVEL: 'error', CGC_DATABASE: 'kuzu', CGC_KUZU_PATH: join(work, 'kuzu') } }),
  adapter: mod.kuzuFromConfig, builtins: [coreToolsPlugin({ indexer: { index: indexRepository } })], discover: false,
});
await indexRepository(await engine.store(), join(root, 'packages/core/src'), {});
const http = await serveHttp(engine, { port: 0 });
const url = `${http.url}/mcp`;
const which = process.argv[2] ?? 'callers';
if (process.argv[5]?.startsWith('ID:')) {
  const rows = await (await engine.store()).read('MATCH (n:Function) WHERE n.name = $n RETURN n.id AS id', { n: process.argv[5].slice(3) });
  process.argv[5] = String(rows[0]!.id);
  console.log('target id', process.argv[5], 'of', rows.length);
}
const clients = Number(process.argv[3] ?? 20);
const n = Number(process.argv[4] ?? 2000);
const body = which === 'list' ? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) :
  JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'analyze_code_relationships', arguments: { query_type: 'find_callers', target: process.argv[5] ?? 'cmp' } } });
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, body, clients, per } = workerData;
const lat = [];
const post = async () => { const t = performance.now(); const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body }); const text = await res.text(); if (res.status !== 200 || text.includes('isError\":true')) throw new Error(text.slice(0,300)); return performance.now() - t; };
(async () => { for (let i = 0; i < 20; i++) await post(); const t0 = performance.now();
await Promise.all(Array.from({ length: clients }, async () => { for (let i = 0; i < per; i++) lat.push(await post()); }));
parentPort.postMessage({ lat, secs: (performance.now() - t0) / 1000 }); })().catch((e) => parentPort.postMessage({ error: String(e.message) }));`;
const session = new Session(); session.connect();
const prof = process.env.PROF === '1';
if (prof) { await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 }); await session.post('Profiler.start'); }
const cpu0 = process.cpuUsage();
const r: any = await new Promise((ok) => { const w = new Worker(CLIENT, { eval: true, workerData: { url, body, clients, per: Math.floor(n / clients) } }); w.once('message', (m) => { void w.terminate(); ok(m); }); });
const cpu = process.cpuUsage(cpu0);
if (prof) { const { profile } = await session.post('Profiler.stop'); writeFileSync('/tmp/mcpprof/server.cpuprofile', JSON.stringify(profile)); }
if (r.error) throw new Error(r.error);
const s = r.lat.sort((a: number, b: number) => a - b);
console.log(`${which} c=${clients} ${r.lat.length} req ${(r.lat.length / r.secs).toFixed(0)} req/s p50 ${s[Math.floor(s.length * 0.5)].toFixed(2)} p99 ${s[Math.floor(s.length * 0.99)].toFixed(2)}; process cpu (incl worker) ${((cpu.user + cpu.system) / 1000 / r.lat.length).toFixed(2)} ms/req`);
await http.close(); await engine.close();
