/**
 * OTLP ingestion into an embedded Kuzu store: a load generator speaking OTLP/HTTP protobuf
 * at a fixed rate, then a 10x burst, against the plugin's receivers running in a child
 * process (as `cgc serve` runs them). Prints, per phase, spans/s accepted and written, lag
 * from receipt to written (queryable), peak queue depth and RSS of the receiver process,
 * refused answers and dropped spans; at the end the Span nodes are counted in the database
 * and compared with what was accepted.
 * Targets: >= 15k spans/s written per core sustained, lag < 2 s, memory bounded in the burst.
 *
 *   pnpm bench:otel [-- --rate 15000 --seconds 30 --burst-seconds 2 --spans-per-request 500
 *                      --batch 20000 --flush-ms 200 --queue 100000 --root-first --late-roots 0 --debug
 *                      --cpu-prof <dir> --window-s 15]
 *
 * Each trace's spans are sent leaf first, root last, as exporters send spans when they end
 * (`--root-first` reverses that); `--late-roots N` sends roots N requests after their children
 * (the root's service exporting on its own). `--debug` logs plan/write ms of every flush;
 * `--cpu-prof <dir>` writes a V8 CPU profile of the receiver process; `BENCH_TRACE=1` logs every adapter call with its rows and ms;
 * a second table gives written/s, written per CPU-second and the largest lag per `--window-s` seconds
 * of each phase (does the rate hold as spans accumulate?);
 * `BENCH_SQL=1` prints, when the receiver stops, the engine time of each statement shape Kuzu ran
 * (string literals elided), the costliest first.
 *
 * Request bodies are encoded before each phase starts, so the generator's own CPU does not
 * compete with the receiver for the machine's cores while it sends. The generator behaves
 * like an OTLP exporter with a raised concurrency limit (the JS exporter's default of 30
 * drops spans in a burst): up to 64 requests in flight, and on 429/503 it waits Retry-After
 * and retries (5 attempts), so "refused" counts answers and "dropped" counts spans that
 * never got in.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PipelineStatus } from '../packages/plugin-otel/src/index.js';
import { printKuzuStatements, timeKuzuStatements } from './kuzu-statements.js';
import { threadCpuSeconds } from './thread-cpu.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};

if (process.argv.includes('--server')) await server();
else await generator();

async function server(): Promise<void> {
  const { createLogger, CORE_SCHEMA, GraphStore } = await import('../packages/core/src/index.js');
  const { OTEL_SCHEMA, parseSettings, startOtelReceivers } = await import(
    '../packages/plugin-otel/src/index.js'
  );
  const { writeExampleGraph } = await import('../packages/plugin-otel/test/example-graph.js');
  const dir = process.argv[process.argv.indexOf('--dir') + 1]!;
  const { createKuzuAdapter } = await import('../packages/adapter-kuzu/src/index.js');
  const adapter = createKuzuAdapter({ path: join(dir, 'kuzu') });
  const adapterName = '@cgc/adapter-kuzu';
  if (process.env.BENCH_TRACE) {
    // per-call timings of the adapter, to see where write time goes
    const a = adapter as unknown as Record<string, (...x: unknown[]) => Promise<unknown>>;
    for (const m of ['upsertNodes', 'upsertRelationships', 'query']) {
      const orig = a[m]!.bind(adapter);
      a[m] = async (...x: unknown[]) => {
        const t0 = performance.now();
        try {
          return await orig(...x);
        } finally {
          const what =
            m === 'query'
              ? String(x[0]).slice(0, 60)
              : `${(x[0] as { label?: string; type?: string }).label ?? (x[0] as { type: string }).type} ${m === 'upsertNodes' ? (x[1] as unknown[]).length : (x[1] as { rows: unknown[] }).rows.length}`;
          process.stderr.write(`T ${(performance.now() - t0).toFixed(0)}ms ${m} ${what}\n`);
        }
      };
    }
  }
  const statements = process.env.BENCH_SQL ? timeKuzuStatements() : undefined;
  const store = new GraphStore(adapter);
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA, OTEL_SCHEMA);
  await writeExampleGraph(store);
  const receivers = await startOtelReceivers({
    store,
    settings: parseSettings({
      grpcPort: -1,
      httpPort: 0,
      host: '127.0.0.1',
      maxQueueSpans: arg('queue', 100_000),
      batchSize: arg('batch', 20_000),
      flushIntervalMs: arg('flush-ms', 200),
    }),
    logger: createLogger(process.argv.includes('--debug') ? 'debug' : 'warn'),
  });
  const send = (m: unknown) => process.send?.(m);
  send({ ready: true, port: receivers.httpPort, adapter: adapterName });
  process.on('message', async (m: { cmd: string }) => {
    if (m.cmd === 'status')
      send({
        status: receivers.status(),
        rss: process.memoryUsage().rss,
        maxRss: process.resourceUsage().maxRSS * 1024,
        // the JS heap, to tell queued spans and linker state from the database's own memory
        heap: process.memoryUsage().heapUsed,
        // CPU of the receiver process, Kuzu's threads included (µs)
        cpuUs: process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime,
        // the main thread's share (JavaScript: decoding, rows, load files); the rest is Kuzu's and V8's threads
        mainCpuUs: mainThreadCpuUs(),
      });
    if (m.cmd === 'count') {
      const [row] = await store.read('MATCH (s:Span) RETURN count(s) AS n');
      send({ spans: Number(row?.n ?? -1) });
    }
    if (m.cmd === 'stop') {
      await receivers.stop();
      if (statements) printKuzuStatements(statements, (line) => process.stderr.write(`${line}\n`));
      await store.close();
      send({ stopped: true });
      process.exit(0);
    }
  });
}

// CPU of this process's main thread (µs; Linux /proc, -1 elsewhere).
function mainThreadCpuUs(): number {
  const s = threadCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  return s === undefined ? -1 : s * 1e6;
}

async function generator(): Promise<void> {
  const { otlpTypes } = await import('../packages/plugin-otel/src/index.js');
  const rate = arg('rate', 15_000);
  const seconds = arg('seconds', 30);
  const burstSeconds = arg('burst-seconds', 2);
  const perRequest = arg('spans-per-request', 500);
  const rootFirst = process.argv.includes('--root-first');
  const lateRoots = arg('late-roots', 0);
  const heldRoots: object[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cgc-bench-otel-'));
  const cpuProf = process.argv.includes('--cpu-prof')
    ? process.argv[process.argv.indexOf('--cpu-prof') + 1]
    : undefined;
  const child = fork(fileURLToPath(import.meta.url), ['--server', '--dir', dir, ...process.argv.slice(2)], {
    execArgv: [
      '--import',
      'tsx',
      '--conditions=@cgc/source',
      // --cpu-prof <dir>: a V8 CPU profile of the receiver process, to see where time goes
      ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      const m = inbox.shift();
      if (m) resolve(m);
      else waiters.push(resolve);
    });
  // each answer goes to the oldest waiting request
  child.on('message', (m: Record<string, unknown>) => {
    const w = waiters.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const ready = await next();
  const url = `http://127.0.0.1:${ready.port}/v1/traces`;
  const status = async () => {
    child.send({ cmd: 'status' });
    return (await next()) as {
      status: PipelineStatus;
      maxRss: number;
      heap: number;
      cpuUs: number;
      mainCpuUs: number;
    };
  };

  const { request } = otlpTypes();
  const fns = ['OrderService.create', 'OrderService.list', 'saveOrder', 'createOrder', 'listOrders'];
  let seq = 0;
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
  // One request: traces of 10 spans (a SERVER root and a chain of children), half correlatable.
  const makeRequest = (): Uint8Array => {
    const spans = [];
    const now = BigInt(Date.now()) * 1_000_000n;
    for (let i = 0; i < perRequest; i++) {
      const n = ++seq;
      const inTrace = n % 10;
      const traceN = Math.floor(n / 10);
      spans.push({
        traceId: Buffer.from(hex(traceN + 1, 32), 'hex'),
        spanId: Buffer.from(hex(n, 16), 'hex'),
        ...(inTrace === 0 ? {} : { parentSpanId: Buffer.from(hex(n - 1, 16), 'hex') }),
        name: inTrace === 0 ? 'POST /api/orders' : `op-${inTrace}`,
        kind: inTrace === 0 ? 2 : inTrace === 9 ? 3 : 1,
        startTimeUnixNano: String(now + BigInt(inTrace) * 1000n),
        endTimeUnixNano: String(now + 2_000_000n),
        attributes: [
          ...(inTrace === 0
            ? [
                { key: 'http.route', value: { stringValue: '/api/orders' } },
                { key: 'http.request.method', value: { stringValue: 'POST' } },
              ]
            : inTrace % 2 === 1
              ? [{ key: 'code.function.name', value: { stringValue: fns[inTrace % fns.length] } }]
              : []),
          ...(inTrace === 9 ? [{ key: 'db.system', value: { stringValue: 'postgresql' } }] : []),
          { key: 'n', value: { intValue: n } },
        ],
      });
    }
    // Exporters send a span when it ends, and a parent ends after its children: leaf first, root last.
    if (!rootFirst)
      for (let i = 0; i < spans.length; i += 10) spans.splice(i, 10, ...spans.slice(i, i + 10).reverse());
    if (lateRoots > 0) {
      // The root's service exports separately: roots arrive `lateRoots` requests after their children.
      heldRoots.push(spans.filter((s) => !('parentSpanId' in s)));
      const due = (heldRoots.length > lateRoots ? heldRoots.shift()! : []) as typeof spans;
      spans.splice(0, spans.length, ...spans.filter((s) => 'parentSpanId' in s), ...due);
    }
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc-${seq % 4}` } }] },
          scopeSpans: [{ spans }],
        },
      ],
    };
    return request.encode(request.fromObject(body)).finish();
  };

  const counts = { sent: 0, accepted: 0, refusedAnswers: 0, dropped: 0, errors: 0 };
  const inflight = new Set<Promise<void>>();
  const post = async (body: Uint8Array, spans: number) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf' },
          body: new Blob([body as Uint8Array<ArrayBuffer>]),
        });
        await res.arrayBuffer();
        if (res.status === 200) {
          counts.accepted += spans;
          return;
        }
        if (res.status === 429 || res.status === 503) {
          counts.refusedAnswers++;
          await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        counts.errors++;
        break;
      } catch {
        counts.errors++;
        break;
      }
    }
    counts.dropped += spans;
  };
  const phase = async (spansPerSecond: number, secs: number) => {
    const total = Math.round((spansPerSecond * secs) / perRequest);
    const bodies = Array.from({ length: total }, makeRequest);
    const t0 = performance.now();
    const interval = (perRequest / spansPerSecond) * 1000;
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inflight.size >= 64) await Promise.race(inflight);
      const p = post(bodies[i]!, perRequest).finally(() => inflight.delete(p));
      bodies[i] = new Uint8Array(0);
      inflight.add(p);
      counts.sent += perRequest;
    }
    const sendSecs = (performance.now() - t0) / 1000;
    await Promise.all(inflight);
    return { offered: total * perRequest, sendSecs, t0 };
  };

  const report: Record<string, unknown>[] = [];
  const windows: Record<string, unknown>[] = [];
  const windowSecs = arg('window-s', 15);
  const runPhase = async (name: string, r: number, secs: number) => {
    const start = await status();
    const before = start.status;
    const dropped0 = counts.dropped;
    const refusedAnswers0 = counts.refusedAnswers;
    // lag and queue depth sampled while the phase runs (the status keeps only the last flush's lag)
    const peak = { lagMs: 0, queue: 0, heap: 0 };
    // Per window of `--window-s` seconds: whether the rate holds as spans accumulate.
    const phaseStart = performance.now();
    let win = { at: phaseStart, written: before.written, cpuUs: start.cpuUs, lagMs: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = await status();
        peak.lagMs = Math.max(peak.lagMs, s.status.lagMs.last);
        peak.queue = Math.max(peak.queue, s.status.queueDepth);
        peak.heap = Math.max(peak.heap, s.heap);
        win.lagMs = Math.max(win.lagMs, s.status.lagMs.last);
        const now = performance.now();
        if (now - win.at >= windowSecs * 1000) {
          const written = s.status.written - win.written;
          windows.push({
            phase: name,
            from_s: Math.round((win.at - phaseStart) / 1000),
            spans_stored: s.status.written,
            written_per_s: Math.round(written / ((now - win.at) / 1000)),
            written_per_cpu_s: Math.round(written / ((s.cpuUs - win.cpuUs) / 1e6)),
            lag_max_ms: win.lagMs,
          });
          win = { at: now, written: s.status.written, cpuUs: s.cpuUs, lagMs: 0 };
        }
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    const ph = await phase(r, secs);
    // wait until everything accepted is written
    while ((await status()).status.queueDepth > 0) await new Promise((res) => setTimeout(res, 50));
    const secsTotal = (performance.now() - ph.t0) / 1000;
    sampling = false;
    await sampler;
    const s = await status();
    peak.lagMs = Math.max(peak.lagMs, s.status.lagMs.last);
    const written = s.status.written - before.written;
    report.push({
      phase: name,
      offered_per_s: r,
      offered: ph.offered,
      accepted_per_s: Math.round((s.status.accepted - before.accepted) / ph.sendSecs),
      written_per_s: Math.round(written / secsTotal),
      drain_s: +(secsTotal - ph.sendSecs).toFixed(2),
      // cores the receiver process kept busy, and spans written per second of its CPU
      cores_used: +((s.cpuUs - start.cpuUs) / 1e6 / secsTotal).toFixed(2),
      written_per_cpu_s: Math.round(written / ((s.cpuUs - start.cpuUs) / 1e6)),
      // the main thread's share of that CPU (the rest: Kuzu's threads, V8's helpers)
      main_cpu_share: +((s.mainCpuUs - start.mainCpuUs) / (s.cpuUs - start.cpuUs)).toFixed(2),
      lag_max_ms: peak.lagMs,
      queue_peak: peak.queue,
      refused_answers: counts.refusedAnswers - refusedAnswers0,
      dropped: counts.dropped - dropped0 + (s.status.dropped - before.dropped),
      peak_rss_mb: Math.round(s.maxRss / 1024 / 1024),
      peak_heap_mb: Math.round(peak.heap / 1024 / 1024),
    });
  };
  console.log(
    `adapter: ${ready.adapter}; ${perRequest} spans/request; bodies encoded before each phase; generator retries 429/503 like an exporter`,
  );
  await runPhase('steady', rate, seconds);
  await runPhase('burst 10x', rate * 10, burstSeconds);
  const final = await status();
  child.send({ cmd: 'count' });
  const stored = Number((await next()).spans);
  console.table(report);
  if (windows.length > 1) console.table(windows);
  console.log(
    JSON.stringify({
      totals: {
        ...counts,
        written: final.status.written,
        spans_in_database: stored,
        refused_spans: final.status.refused,
        refused_requests: final.status.refusedRequests,
        dropped_in_receiver: final.status.dropped,
      },
      correlation: final.status.correlation,
      last_error: final.status.lastError,
      peak_rss_mb: Math.round(final.maxRss / 1024 / 1024),
    }),
  );
  const ok = stored === counts.accepted && final.status.written === counts.accepted;
  console.log(
    ok
      ? `verified: ${stored} Span nodes in the database = spans accepted`
      : `MISMATCH: ${stored} Span nodes in the database, ${counts.accepted} accepted, ${final.status.written} written`,
  );
  child.send({ cmd: 'stop' });
  await next();
  rmSync(dir, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}
