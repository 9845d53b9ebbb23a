/**
 * Indexing throughput on a real repository, into an embedded Kuzu database in a temp dir.
 * Prints files/s, MB/s, nodes, edges, seconds per phase (list, parse, resolve, write) and
 * peak RSS (worker threads included: they share the process).
 *
 *   pnpm bench:index <path> [--workers N] [--buffer-pool MB] [--heap-growth PERCENT] [--no-source] [--no-gitignore] [--twice] [--dry] [--trace-writes] [--timeline] [--as-cli]
 *
 * `--heap-growth` sets the index's `heapGrowthPercent` (default 30; 0: V8's own growth, about 2×).
 * `--dry` counts rows instead of writing them (parse + resolve only, no database).
 * `--trace-writes` prints, per label and relationship type, the adapter calls, rows per call and seconds.
 * `--as-cli` indexes as `cgc index` does the first time: a full index that records each file's reads
 * while linking, then the incremental snapshot file; the summary's `snapshot` seconds are that last part.
 * `--timeline` prints RSS and main-thread heap (used / committed) every 5 s with the phase: where the peak is.
 * `parse CPU` (Linux) is each busy thread's CPU seconds at the end of parse: the main thread (receiving,
 * interning, writing rows) competes with the parse workers for the cores.
 * Profiling: `node --cpu-prof --import tsx --conditions=@cgc/source bench/index.ts <path> --dry` writes one
 * profile per thread (main and each parse worker); `--workers 0` parses on the main thread instead.
 * `--no-gitignore` honours only `.cgcignore` (Debian's linux-source `.gitignore` ignores `/*`).
 * `BENCH_SQL=1` prints, after the first index, the engine time of each statement shape Kuzu ran
 * (string literals elided), the costliest first.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { CORE_SCHEMA, GraphStore } from '../packages/core/src/index.js';
import {
  type IndexSummary,
  indexIncremental,
  indexRepository,
  runPipeline,
} from '../packages/indexer/src/index.js';
import { printKuzuStatements, timeKuzuStatements } from './kuzu-statements.js';
import { threadCpuSeconds } from './thread-cpu.js';

const args = process.argv.slice(2);
const path = args.find(
  (a, i) =>
    !a.startsWith('--') && !['--workers', '--buffer-pool', '--heap-growth'].includes(args[i - 1] ?? ''),
);
if (!path) {
  console.error('usage: pnpm bench:index <path> [--workers N] [--no-source] [--twice]');
  process.exit(2);
}
const workersArg = args.indexOf('--workers');
const growthArg = args.indexOf('--heap-growth');
const workers = workersArg >= 0 ? Number(args[workersArg + 1]) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'cgc-bench-index-'));

// Peak main-thread heap, sampled: tells the indexer's own memory from the database's and the workers'.
let peakHeap = 0;
let phase = 'start';
const t0 = performance.now();
const timeline: string[] = [];
let ticks = 0;
const mb = (n: number) => String(Math.round(n / 1024 / 1024)).padStart(6);
setInterval(() => {
  if (phase === 'parse') sampleThreads();
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  if (++ticks % 10 === 0 && args.includes('--timeline')) {
    const at = ((performance.now() - t0) / 1000).toFixed(0).padStart(5);
    timeline.push(
      `  ${at} s ${phase.padEnd(8)} ${mb(m.rss)} ${mb(m.heapUsed)} ${mb(m.heapTotal)} ${mb(m.external)}`,
    );
  }
}, 500).unref();
// CPU seconds of each thread of this process (Linux /proc), sampled during parse: parse workers
// are gone by its end. The main thread competes with them for the cores.
const parseThreads = new Map<number, number>();
function sampleThreads(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const cpu = threadCpuSeconds(`/proc/self/task/${tid}/stat`);
      if (cpu !== undefined) parseThreads.set(Number(tid), cpu);
    }
  } catch {
    // not Linux: no per-thread figures
  }
}
let parseCpu: { main: number; others: number[] } | undefined;
// The threads' CPU at the end of the parse: those gone by the report were the parse workers.
let parseSample = new Map<number, number>();
const onPhase = (next: string) => {
  if (phase === 'parse' && next !== 'parse') {
    sampleThreads();
    const others = [...parseThreads].filter(([t]) => t !== process.pid).map(([, s]) => s);
    parseCpu = { main: parseThreads.get(process.pid) ?? 0, others: others.sort((a, b) => b - a) };
    parseSample = new Map(parseThreads);
    parseThreads.clear();
  }
  phase = next;
};

/** Main thread, parse workers, and the rest (the database's threads and the runtime's helpers), whole run. */
function cpuSplit(total: number): string | undefined {
  const main = threadCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  if (main === undefined) return undefined; // not Linux
  let workers = 0;
  for (const [tid, s] of parseSample) if (!existsSync(`/proc/self/task/${tid}`)) workers += s;
  parseSample = new Map();
  const rest = Math.max(0, total - main - workers);
  return `main thread ${main.toFixed(1)} s, parse workers ${workers.toFixed(1)} s, database and runtime threads ${rest.toFixed(1)} s`;
}

function printTimeline(): void {
  if (timeline.length === 0) return;
  console.log('  timeline (every 5 s)       rss   heap  heap-committed  external (MB)');
  for (const line of timeline) console.log(line);
  timeline.length = 0;
}

function report(label: string, s: IndexSummary): void {
  const mb = s.bytes / 1024 / 1024;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`\n${label}: ${s.repository.path}`);
  console.log(`  files        ${s.files} (${s.filesSkipped} skipped), ${mb.toFixed(1)} MB`);
  console.log(
    `  languages    ${Object.entries(s.languages)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `  throughput   ${(s.files / s.seconds.total).toFixed(0)} files/s, ${(mb / s.seconds.total).toFixed(2)} MB/s`,
  );
  console.log(`  graph        ${s.nodes} nodes, ${s.edges} edges`);
  console.log(
    `  calls        ${s.calls.total} sites: ${s.calls.resolved} resolved, ${s.calls.unresolved} unresolved`,
  );
  const p = s.seconds;
  console.log(
    `  seconds      total ${p.total} = list ${p.list} + parse ${p.parse} + resolve ${p.resolve} + write ${p.write}${p.snapshot !== undefined ? ` + snapshot ${p.snapshot}` : ''}`,
  );
  console.log(
    `  peak RSS     ${rss.toFixed(0)} MB (main-thread heap peak ${(peakHeap / 1024 / 1024).toFixed(0)} MB)`,
  );
  const cpu = process.cpuUsage();
  console.log(
    `  CPU          user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s`,
  );
  const split = cpuSplit((cpu.user + cpu.system) / 1e6);
  if (split) console.log(`  CPU split    ${split} (whole run)`);
  if (parseCpu) {
    const busy = parseCpu.others.filter((t) => t >= 0.5);
    console.log(
      `  parse CPU    main thread ${parseCpu.main.toFixed(1)} s, other threads ${busy.map((t) => t.toFixed(1)).join(' + ')} s (until the end of parse)`,
    );
    parseCpu = undefined;
  }
  console.log(`  warnings     ${s.warningCount}`);
}

if (args.includes('--dry')) {
  let nodes = 0;
  let rels = 0;
  const sink = {
    node: async () => {
      nodes++;
    },
    rel: async () => {
      rels++;
    },
  };
  const t = performance.now();
  const r = await runPipeline(resolve(path), sink, {
    onProgress: (p) => onPhase(p.phase),
    storeSource: !args.includes('--no-source'),
    ...(args.includes('--no-gitignore') ? { ignoreFiles: ['.cgcignore'] } : {}),
    ...(workers !== undefined ? { workers } : {}),
  });
  const total = Math.round(performance.now() - t) / 1000;
  report('dry run (no database)', {
    repository: { id: r.repo.id, path: r.repo.root, name: r.repo.name },
    files: r.parsed,
    filesSkipped: r.listed - r.parsed,
    bytes: r.bytes,
    nodes,
    edges: rels,
    calls: { total: r.link.calls, resolved: r.link.resolvedCalls, unresolved: r.link.unresolvedCalls },
    languages: r.languages,
    seconds: { ...r.seconds, write: 0, total },
    warnings: r.warnings,
    warningCount: r.warningCount,
  });
  printTimeline();
  process.exit(0);
}

// Loaded here so that `--dry` runs without the adapter package.
const { createKuzuAdapter } = await import('../packages/adapter-kuzu/src/index.js');
const poolArg = args.indexOf('--buffer-pool');
const bufferPoolSize = poolArg >= 0 ? Number(args[poolArg + 1]) * 1024 * 1024 : undefined;
const adapter = createKuzuAdapter({ path: join(dir, 'db'), ...(bufferPoolSize ? { bufferPoolSize } : {}) });
const statements = process.env.BENCH_SQL ? timeKuzuStatements() : undefined;
const traced = new Map<string, { calls: number; rows: number; ms: number; max: number }>();
if (args.includes('--trace-writes')) {
  const time = async (key: string, rows: number, work: Promise<void>) => {
    const t = performance.now();
    await work;
    const e = traced.get(key) ?? { calls: 0, rows: 0, ms: 0, max: 0 };
    const ms = performance.now() - t;
    traced.set(key, { calls: e.calls + 1, rows: e.rows + rows, ms: e.ms + ms, max: Math.max(e.max, ms) });
  };
  const nodes = adapter.upsertNodes.bind(adapter);
  const rels = adapter.upsertRelationships.bind(adapter);
  adapter.upsertNodes = (decl, rows, options) =>
    time(`node ${decl.label}${options?.defer ? ' (deferred)' : ''}`, rows.length, nodes(decl, rows, options));
  adapter.upsertRelationships = (decl, batch) =>
    time(
      `rel ${decl.type} ${batch.fromLabel}->${batch.toLabel}${batch.defer ? ' (deferred)' : ''}`,
      batch.rows.length,
      rels(decl, batch),
    );
  const flush = adapter.flushDeferred?.bind(adapter);
  // The deferred nodes' and relationships' inserts (one COPY per table on a first index).
  if (flush) adapter.flushDeferred = (scope) => time(`flushDeferred ${scope ?? 'all'}`, 0, flush(scope));
}
function printTrace(): void {
  if (traced.size === 0) return;
  console.log('  adapter calls (label/type: calls, rows, rows per call, seconds, slowest call s, rows/s)');
  for (const [k, e] of [...traced].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `    ${k.padEnd(40)} ${String(e.calls).padStart(5)} ${String(e.rows).padStart(9)} ${String(Math.round(e.rows / e.calls)).padStart(7)} ${(e.ms / 1000).toFixed(1).padStart(7)} ${(e.max / 1000).toFixed(1).padStart(6)} ${String(Math.round(e.rows / (e.ms / 1000))).padStart(8)}`,
    );
  }
  traced.clear();
}
const store = new GraphStore(adapter);
try {
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
  const options = {
    onProgress: (p: { phase: string }) => onPhase(p.phase),
    storeSource: !args.includes('--no-source'),
    ...(args.includes('--no-gitignore') ? { ignoreFiles: ['.cgcignore'] } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(growthArg >= 0 ? { heapGrowthPercent: Number(args[growthArg + 1]) } : {}),
  };
  if (args.includes('--as-cli')) {
    const stateDir = join(dir, 'state');
    const s = await indexIncremental(store, resolve(path), { ...options, stateDir });
    if (!s.full) throw new Error('expected a full index on a fresh database');
    report('first index (as cgc index)', s.full);
  } else report('first index', await indexRepository(store, resolve(path), options));
  printTrace();
  if (statements) {
    console.log('  engine time by statement (ms, count, shape)');
    printKuzuStatements(statements, (line) => console.log(`  ${line}`));
  }
  printTimeline();
  if (args.includes('--twice')) {
    report('re-index', await indexRepository(store, resolve(path), options));
    printTrace();
    printTimeline();
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
