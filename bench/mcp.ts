/**
 * MCP over HTTP: requests/s and p50/p99 latency of `tools/list` and of a callers query
 * (`analyze_code_relationships` find_callers) with 1 and 20 concurrent clients, each a
 * plain JSON-RPC POST as a Streamable HTTP client sends it (stateless server, JSON answers).
 *
 *   pnpm bench:mcp [--db kuzu|falkordb] [--repo <path>] [--requests N] [--target <function>]
 *
 * The graph is the repository at --repo (default packages/core/src), indexed first. Each row
 * sends 6000 requests by default: with 20 clients a 2000-request row lasts ~3 s, so its p99 (the
 * 20 slowest) measures whether one pause of the machine happened rather than the latency.
 * `cores` is the CPU this process (server and clients) used while the row ran.
 * FalkorDB is started from the infra cache (infra/falkordb/install.sh) on a free port.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { serveHttp } from '../apps/mcp-server/src/index.js';
import { stopFalkor } from '../apps/mcp-server/test/e2e-env.js';
import {
  type AdapterFactory,
  coreToolsPlugin,
  createEngine,
  loadConfig,
} from '../packages/core/src/index.js';
import { indexRepository } from '../packages/indexer/src/index.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const root = resolve(import.meta.dirname, '..');
const kuzuReady = existsSync(join(root, 'packages/adapter-kuzu/src/index.ts'));
const db = opt('db', kuzuReady ? 'kuzu' : 'falkordb');
const repo = resolve(opt('repo', join(root, 'packages/core/src')));
const requests = Number(opt('requests', '6000'));
const target = opt('target', 'cmp');
const work = mkdtempSync(join(tmpdir(), 'cgc-bench-mcp-'));

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}

let stopDb: () => Promise<void> = async () => undefined;
async function adapterFor(): Promise<{ env: Record<string, string>; adapter: AdapterFactory }> {
  if (db === 'kuzu') {
    const mod = (await import('../packages/adapter-kuzu/src/index.js')) as unknown as {
      kuzuFromConfig: AdapterFactory;
    };
    return { env: { CGC_DATABASE: 'kuzu', CGC_KUZU_PATH: join(work, 'kuzu') }, adapter: mod.kuzuFromConfig };
  }
  const port = await freePort();
  const run = join(work, 'run');
  await promisify(execFile)('bash', [join(root, 'infra/falkordb/start.sh'), String(port)], {
    env: { ...process.env, CGC_INFRA_RUN: run },
  });
  stopDb = () => stopFalkor(run, port);
  const mod = await import('../packages/adapter-falkordb/src/index.js');
  return {
    env: { CGC_DATABASE: 'falkordb', FALKORDB_URL: `redis://127.0.0.1:${port}`, FALKORDB_GRAPH: 'bench' },
    adapter: (config) => mod.falkorFromConfig(config),
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// The clients run in a worker thread, so their JSON work does not share the server's event loop.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, body, clients, per } = workerData;
const latencies = [];
// node:http with a keep-alive agent: undici's fetch costs the shared CPU about twice as much.
const http = require('node:http');
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'content-length': Buffer.byteLength(body) };
const post = () => new Promise((ok, fail) => {
  const t = performance.now();
  const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('error', fail);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(text);
      if (res.statusCode !== 200 || json.error || (json.result && json.result.isError)) fail(new Error(text.slice(0, 300)));
      else ok(performance.now() - t);
    });
  });
  req.on('error', fail);
  req.end(body);
});
(async () => {
  // Warm up at the measured concurrency: the server builds one pooled MCP server per concurrent request.
  await Promise.all(Array.from({ length: clients }, async () => { for (let i = 0; i < 10; i++) await post(); }));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => { for (let i = 0; i < per; i++) latencies.push(await post()); }));
  parentPort.postMessage({ latencies, secs: (performance.now() - t0) / 1000 });
})().catch((e) => parentPort.postMessage({ error: String(e.message) }));
`;

async function measure(url: string, label: string, body: string, clients: number): Promise<void> {
  const per = Math.max(1, Math.floor(requests / clients));
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const { latencies, secs, error } = await new Promise<{ latencies: number[]; secs: number; error?: string }>(
    (ok, fail) => {
      const w = new Worker(CLIENT, { eval: true, workerData: { url, body, clients, per } });
      w.once('message', (m) => {
        void w.terminate();
        ok(m);
      });
      w.once('error', fail);
    },
  );
  if (error) throw new Error(`${label} failed: ${error}`);
  const cpu = process.cpuUsage(cpu0);
  const cores = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(26)} clients ${String(clients).padStart(2)}  ${String(latencies.length).padStart(5)} req  ` +
      `${(latencies.length / secs).toFixed(0).padStart(6)} req/s  p50 ${pct(sorted, 50).toFixed(2).padStart(6)} ms  ` +
      `p99 ${pct(sorted, 99).toFixed(2).padStart(6)} ms  ${cores.toFixed(2)} cores` +
      `  (p90 ${pct(sorted, 90).toFixed(1)}, max ${sorted[sorted.length - 1]!.toFixed(1)})`,
  );
}

try {
  const { env, adapter } = await adapterFor();
  const engine = await createEngine({
    config: loadConfig({ env: { CGC_HOME: join(work, 'home'), CGC_LOG_LEVEL: 'error', ...env } }),
    adapter,
    builtins: [coreToolsPlugin({ indexer: { index: indexRepository } })],
    discover: false,
  });
  const summary = await indexRepository(await engine.store(), repo, {});
  const http = await serveHttp(engine, { port: 0 });
  const url = `${http.url}/mcp`;
  console.log(
    `MCP over HTTP, ${db}, ${repo}: ${summary.files} files, ${summary.nodes} nodes, ${summary.edges} edges`,
  );
  console.log(
    `Node ${process.version}, ${requests} requests per row, keep-alive node:http clients in a worker thread\n`,
  );
  const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  const callers = JSON.stringify({
    jsonrpc: '2.0',
    id: 2,
    method: 'tools/call',
    params: { name: 'analyze_code_relationships', arguments: { query_type: 'find_callers', target } },
  });
  for (const clients of [1, 20]) {
    await measure(url, 'tools/list', list, clients);
    await measure(url, `find_callers ${target}`, callers, clients);
  }
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await http.close();
  await engine.close();
} finally {
  await stopDb();
  rmSync(work, { recursive: true, force: true });
}
