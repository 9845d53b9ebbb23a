/**
 * Query latency on a generated code graph of >= 1M nodes in embedded Kuzu: p50/p95 of direct
 * callers, callees, depth-5 transitive callers and a call chain, with targets given by id (what a
 * client holds after a search) and by name (a scan on Kuzu, which has no secondary indexes).
 *
 *   pnpm bench:query [--nodes N] [--db <dir>] [--runs N] [--copy]
 *
 * The graph is written through GraphStore's bulk writer (the path the indexer uses). `--copy`
 * writes the same graph as CSV files loaded with Kuzu's COPY through `store.write`, which is much
 * faster for a 1M-node graph. With --db, an existing graph there is reused; without it, a temp
 * dir is used and removed.
 */
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CORE_SCHEMA,
  callChain,
  findAllCallers,
  findCallees,
  findCallers,
  GraphStore,
} from '../packages/core/src/index.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const total = Number(opt('nodes', '1000000'));
const runs = Number(opt('runs', '200'));
const dbArg = args.includes('--db') ? opt('db', '') : undefined;
const dir = dbArg ?? mkdtempSync(join(tmpdir(), 'cgc-bench-query-'));
const dbPath = join(dir, 'graph.kuzu');
const reuse = dbArg !== undefined && existsSync(dbPath);
const viaCopy = args.includes('--copy');

// Shape: 1% files, 5% classes, the rest functions; ~3 calls per function, mostly to nearby
// functions (same module), 10% anywhere, 2% to a few hundred shared utilities (hubs).
const files = Math.max(1, Math.floor(total * 0.01));
const classes = Math.floor(total * 0.05);
const functions = total - files - classes - 1;
const REPO = 'repo:bench';
const fnId = (i: number) => `fn:${i}`;
const fileOf = (i: number) => i % files;
const fqnOf = (i: number) => `pkg${fileOf(i) % 97}.mod${fileOf(i)}.fn_${i}`;
const nameOf = (i: number) => `fn_${i % Math.floor(functions / 3)}`;

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function callsOf(i: number, rnd: () => number): number[] {
  const out = new Set<number>();
  const n = 1 + Math.floor(rnd() * 5);
  for (let k = 0; k < n; k++) {
    const r = rnd();
    const to =
      r < 0.02
        ? Math.floor(rnd() * 300)
        : r < 0.12
          ? Math.floor(rnd() * functions)
          : Math.min(functions - 1, i + 1 + Math.floor(rnd() * 40));
    if (to !== i) out.add(to);
  }
  return [...out];
}

function progress(what: string, since: number): void {
  process.stderr.write(`  ${what} (${((performance.now() - since) / 1000).toFixed(0)} s)\n`);
}

async function generate(store: GraphStore): Promise<void> {
  const t0 = performance.now();
  const w = store.writer({ flushAt: 50_000 });
  await w.node('Repository', { id: REPO, repo: REPO, name: 'bench', path: '/bench', is_dependency: false });
  for (let f = 0; f < files; f++) {
    await w.node('File', {
      id: `file:${f}`,
      repo: REPO,
      file: `file:${f}`,
      name: `mod${f}.py`,
      path: `/bench/pkg${f % 97}/mod${f}.py`,
      relative_path: `pkg${f % 97}/mod${f}.py`,
      lang: 'python',
    });
  }
  for (let c = 0; c < classes; c++) {
    const f = c % files;
    await w.node('Class', {
      id: `cls:${c}`,
      repo: REPO,
      file: `file:${f}`,
      name: `C${c}`,
      fqn: `pkg${f % 97}.mod${f}.C${c}`,
      kind: 'class',
      path: `/bench/pkg${f % 97}/mod${f}.py`,
      line_number: 1 + (c % 500),
      end_line: 2 + (c % 500),
    });
  }
  for (let i = 0; i < functions; i++) {
    const f = fileOf(i);
    if (i % 200_000 === 0) progress(`functions ${i}`, t0);
    await w.node('Function', {
      id: fnId(i),
      repo: REPO,
      file: `file:${f}`,
      name: nameOf(i),
      fqn: fqnOf(i),
      kind: 'function',
      path: `/bench/pkg${f % 97}/mod${f}.py`,
      line_number: 1 + (i % 900),
      end_line: 5 + (i % 900),
      cyclomatic_complexity: 1 + (i % 17),
    });
  }
  await w.flush();
  const t1 = performance.now();
  const rnd = mulberry32(7);
  for (let i = 0; i < functions; i++) {
    if (i % 200_000 === 0) progress(`calls of function ${i}`, t1);
    await w.rel('CONTAINS', 'File', 'Function', { from: `file:${fileOf(i)}`, to: fnId(i) });
    for (const to of callsOf(i, rnd)) {
      await w.rel('CALLS', 'Function', 'Function', {
        from: fnId(i),
        to: fnId(to),
        properties: { line_number: 1 + (to % 50), confidence: 0.9 },
      });
    }
  }
  for (let c = 1; c < classes; c++) {
    if (c % 3 === 0) await w.rel('INHERITS', 'Class', 'Class', { from: `cls:${c}`, to: `cls:${c - 1}` });
  }
  await w.flush();
  const t2 = performance.now();
  console.log(
    `generated ${w.written.nodes} nodes in ${((t1 - t0) / 1000).toFixed(1)} s, ${w.written.relationships} relationships in ${((t2 - t1) / 1000).toFixed(1)} s`,
  );
}

// The same graph as generate(), as CSV files COPYed into the tables the adapter created.
async function generateByCopy(store: GraphStore): Promise<void> {
  const t0 = performance.now();
  const csv = async (name: string, rows: (write: (cols: (string | number)[]) => void) => void) => {
    const path = join(dir, `${name}.csv`);
    const out = createWriteStream(path);
    rows((cols) => out.write(`${cols.join(',')}\n`));
    await new Promise<void>((ok, fail) => out.end((err?: Error | null) => (err ? fail(err) : ok())));
    return path;
  };
  const copy = (table: string, cols: string, path: string) =>
    store.write(`COPY ${table}(${cols}) FROM '${path}' (HEADER=false)`);
  await store.upsertNodes('Repository', [
    { id: REPO, repo: REPO, name: 'bench', path: '/bench', is_dependency: false },
  ]);
  const fileCsv = await csv('files', (w) => {
    for (let f = 0; f < files; f++)
      w([`file:${f}`, REPO, `file:${f}`, `mod${f}.py`, `/bench/pkg${f % 97}/mod${f}.py`]);
  });
  await copy('File', 'id, repo, file, name, path', fileCsv);
  const classCsv = await csv('classes', (w) => {
    for (let c = 0; c < classes; c++) {
      const f = c % files;
      w([
        `cls:${c}`,
        REPO,
        `file:${f}`,
        `C${c}`,
        `pkg${f % 97}.mod${f}.C${c}`,
        'class',
        `/bench/pkg${f % 97}/mod${f}.py`,
        1 + (c % 500),
      ]);
    }
  });
  await copy('Class', 'id, repo, file, name, fqn, kind, path, line_number', classCsv);
  const fnCsv = await csv('functions', (w) => {
    for (let i = 0; i < functions; i++) {
      const f = fileOf(i);
      w([
        fnId(i),
        REPO,
        `file:${f}`,
        nameOf(i),
        fqnOf(i),
        'function',
        `/bench/pkg${f % 97}/mod${f}.py`,
        1 + (i % 900),
        5 + (i % 900),
        1 + (i % 17),
      ]);
    }
  });
  await copy(
    'Function',
    'id, repo, file, name, fqn, kind, path, line_number, end_line, cyclomatic_complexity',
    fnCsv,
  );
  const t1 = performance.now();
  const rnd = mulberry32(7);
  let calls = 0;
  const callCsv = await csv('calls', (w) => {
    for (let i = 0; i < functions; i++) {
      for (const to of callsOf(i, rnd)) {
        w([fnId(i), fnId(to), 1 + (to % 50), 0.9]);
        calls++;
      }
    }
  });
  await store.write(
    `COPY CALLS(line_number, confidence) FROM '${callCsv}' (HEADER=false, from='Function', to='Function')`,
  );
  const containsCsv = await csv('contains', (w) => {
    for (let i = 0; i < functions; i++) w([`file:${fileOf(i)}`, fnId(i)]);
  });
  await store.write(`COPY CONTAINS FROM '${containsCsv}' (HEADER=false, from='File', to='Function')`);
  const t2 = performance.now();
  console.log(
    `copied ${total} nodes in ${((t1 - t0) / 1000).toFixed(1)} s, ${calls + functions} relationships in ${((t2 - t1) / 1000).toFixed(1)} s`,
  );
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `p50 ${at(0.5).toFixed(2).padStart(8)} ms   p95 ${at(0.95).toFixed(2).padStart(8)} ms   max ${s[s.length - 1]!.toFixed(1).padStart(8)} ms`;
}

async function measure(label: string, n: number, fn: (i: number) => Promise<number>): Promise<void> {
  await fn(0); // warm-up
  const ms: number[] = [];
  let rows = 0;
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    rows += await fn(i);
    ms.push(performance.now() - t);
  }
  console.log(`${label.padEnd(34)} ${stats(ms)}   ${(rows / n).toFixed(1)} results`);
}

const { createKuzuAdapter } = await import('../packages/adapter-kuzu/src/index.js');
const store = new GraphStore(createKuzuAdapter({ path: dbPath }));
try {
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
  if (reuse) console.log(`reusing ${dbPath}`);
  else if (viaCopy) await generateByCopy(store);
  else await generate(store);
  const count = await store.one<{ n: number }>('MATCH (n:Function) RETURN count(n) AS n');
  const edges = await store.one<{ n: number }>(
    'MATCH (:Function)-[r:CALLS]->(:Function) RETURN count(r) AS n',
  );
  console.log(`graph: ${total} nodes (${count?.n} functions), ${edges?.n} CALLS edges, Kuzu at ${dbPath}\n`);

  const pick = (i: number) => fnId(1000 + ((i * 7919) % (functions - 2000)));
  // Chain endpoints three calls apart, found by following the generator's own calls.
  const rnd = mulberry32(7);
  const adjacency = new Map<number, number[]>();
  for (let i = 0; i < Math.min(functions, 200_000); i++) adjacency.set(i, callsOf(i, rnd));
  const chainPair = (i: number): [string, string] => {
    let a = 1000 + ((i * 104729) % Math.min(190_000, functions - 2000));
    const from = a;
    for (let hop = 0; hop < 3; hop++) a = adjacency.get(a)?.[0] ?? a;
    return [fnId(from), fnId(a)];
  };
  const point = runs;
  const heavy = Math.max(20, Math.floor(runs / 4));
  await measure('callers (by id)', point, async (i) => (await findCallers(store, pick(i))).results.length);
  await measure('callees (by id)', point, async (i) => (await findCallees(store, pick(i))).results.length);
  await measure(
    'callers (by name, scan)',
    Math.max(20, Math.floor(runs / 10)),
    async (i) => (await findCallers(store, nameOf(1000 + i * 31))).results.length,
  );
  await measure(
    'transitive callers depth 5 (id)',
    heavy,
    async (i) => (await findAllCallers(store, pick(i), { depth: 5, limit: 10_000 })).results.length,
  );
  await measure('call chain depth 5 (ids)', heavy, async (i) => {
    const [a, b] = chainPair(i);
    return (await callChain(store, a, b, { depth: 5 })).results.length;
  });
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await store.close();
  if (dbArg === undefined) rmSync(dir, { recursive: true, force: true });
}
