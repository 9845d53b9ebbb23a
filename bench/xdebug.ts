/**
 * Xdebug capture throughput with a real PHP + Xdebug and an embedded Kuzu store:
 *   1. live: PHP requests stepping through the DBGp listener (frames/s, round trips/s),
 *      one request alone and several at once;
 *   2. import: a machine-readable trace of a large run streamed into the graph (calls/s, MB/s);
 * with peak RSS. Targets: >= 2k frames/s live, >= 100k calls/s imported.
 *
 *   pnpm bench:xdebug [-- --live-calls 5000 --import-calls 300000 --parallel 4]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../packages/core/src/index.js';
import { indexRepository } from '../packages/indexer/src/index.js';
import {
  CallRecorder,
  ChainBuilder,
  importTraceFile,
  resolveSettings,
  XdebugRuntime,
} from '../packages/plugin-xdebug/src/index.js';
import { openTestStore } from '../packages/plugin-xdebug/test/kuzu-store.js';
import { runPhpTrace } from '../packages/plugin-xdebug/test/php.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUSY = join(ROOT, 'examples/php-edge/busy.php');

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const cpuSecs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function php(args: string[], port: number): Promise<number | null> {
  const child = spawn(
    'php',
    [
      '-d',
      'xdebug.mode=debug',
      '-d',
      'xdebug.start_with_request=yes',
      '-d',
      `xdebug.client_port=${port}`,
      ...args,
    ],
    { stdio: 'ignore' },
  );
  return new Promise((r) => child.on('exit', r));
}

async function live(calls: number, parallel: number, strategy: 'step' | 'breakpoints') {
  const { store, dispose } = await openTestStore();
  // examples/php-edge indexed by the real indexer: breakpoints are planned from its graph.
  await indexRepository(store, dirname(BUSY), { workers: 0 });
  const rt = new XdebugRuntime(
    store,
    resolveSettings({ enabled: true, port: 0, maxSessionMs: 600_000, strategy }),
    createLogger('error'),
  );
  const port = await rt.startListener();
  const out: Record<string, unknown>[] = [];
  for (const n of [1, parallel]) {
    const before = rt.listener!.status();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, () => php([BUSY, String(calls)], port)));
    await rt.listener!.idle();
    const tCapture = (performance.now() - t0) / 1000;
    await rt.flush();
    const tAll = (performance.now() - t0) / 1000;
    const after = rt.listener!.status();
    const frames = after.calls - before.calls;
    const steps = after.steps - before.steps;
    out.push({
      strategy,
      requests: n,
      frames,
      seconds: +tAll.toFixed(2),
      'frames/s (incl. graph write)': Math.round(frames / tAll),
      'frames/s (capture)': Math.round(frames / tCapture),
      'round trips/s': Math.round((2 * steps) / tCapture),
    });
  }
  await rt.close();
  await dispose();
  return out;
}

async function importBench(calls: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-xdebug-bench-'));
  try {
    const t0 = performance.now();
    const file = runPhpTrace(BUSY, dir, [String(calls)]);
    const phpSecs = (performance.now() - t0) / 1000;
    const size = statSync(file).size;
    // Parsing and aggregation alone (batches dropped), then the same into the graph.
    const tp = performance.now();
    const cp = process.cpuUsage();
    const parsed = await importTraceFile(file, {
      builder: new ChainBuilder(),
      recorder: new CallRecorder({ write: async () => undefined }),
    });
    const parseSecs = (performance.now() - tp) / 1000;
    const parseCpu = cpuSecs(cp);
    const { store, dispose } = await openTestStore();
    const rt = new XdebugRuntime(store, resolveSettings({}), createLogger('error'));
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const [r] = await rt.importTraces(file);
    const secs = (performance.now() - t1) / 1000;
    const cpu = cpuSecs(c1);
    clearInterval(sampler);
    await rt.close();
    await dispose();
    if (r?.error) throw new Error(r.error.message);
    const recorded = r!.stats!.recorded;
    return {
      'trace MB': +mb(size),
      'php calls/s (trace mode)': Math.round(r!.stats!.calls / phpSecs),
      'calls imported': recorded,
      seconds: +secs.toFixed(2),
      'calls/s parse only': Math.round(parsed.stats!.recorded / parseSecs),
      'calls/s into graph': Math.round(recorded / secs),
      'calls/cpu-s parse': Math.round(parsed.stats!.recorded / parseCpu),
      'calls/cpu-s graph': Math.round(recorded / cpu),
      'rss before MB': +mb(rssBefore),
      'rss growth during import MB': +mb(rssPeak - rssBefore),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const liveCalls = arg('live-calls', 5000);
const importCalls = arg('import-calls', 300_000);
const parallel = arg('parallel', 4);
console.log(`live capture: busy.php ${liveCalls} (x1 and x${parallel} at once)`);
console.table([
  ...(await live(liveCalls, parallel, 'step')),
  ...(await live(liveCalls, parallel, 'breakpoints')),
]);
console.log(`trace import: busy.php ${importCalls}`);
console.table([await importBench(importCalls)]);
console.log(`peak RSS: ${mb(peakRss())} MB   (targets: >= 2000 frames/s live, >= 100000 calls/s imported)`);
