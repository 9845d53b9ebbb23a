/**
 * Indexing throughput on a real repository, into an embedded Kuzu database in a temp dir.
 * Prints files/s, MB/s, nodes, edges, seconds per phase (list, parse, resolve, write) and
 * peak RSS (worker threads included: they share the process).
 *
 *   pnpm bench:index <path> [--workers N] [--buffer-pool MB] [--no-source] [--no-gitignore] [--twice] [--dry]
 *
 * `--dry` counts rows instead of writing them (parse + resolve only, no database).
 * `--no-gitignore` honours only `.cgcignore` (Debian's linux-source `.gitignore` ignores `/*`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { CORE_SCHEMA, GraphStore } from '../packages/core/src/index.js';
import { type IndexSummary, indexRepository, runPipeline } from '../packages/indexer/src/index.js';

const args = process.argv.slice(2);
const path = args.find(
  (a, i) => !a.startsWith('--') && !['--workers', '--buffer-pool'].includes(args[i - 1] ?? ''),
);
if (!path) {
  console.error('usage: pnpm bench:index <path> [--workers N] [--no-source] [--twice]');
  process.exit(2);
}
const workersArg = args.indexOf('--workers');
const workers = workersArg >= 0 ? Number(args[workersArg + 1]) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'cgc-bench-index-'));

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
    `  seconds      total ${p.total} = list ${p.list} + parse ${p.parse} + resolve ${p.resolve} + write ${p.write}`,
  );
  console.log(`  peak RSS     ${rss.toFixed(0)} MB`);
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
  process.exit(0);
}

// Loaded here so that `--dry` runs without the adapter package.
const { createKuzuAdapter } = await import('../packages/adapter-kuzu/src/index.js');
const poolArg = args.indexOf('--buffer-pool');
const bufferPoolSize = poolArg >= 0 ? Number(args[poolArg + 1]) * 1024 * 1024 : undefined;
const store = new GraphStore(
  createKuzuAdapter({ path: join(dir, 'db'), ...(bufferPoolSize ? { bufferPoolSize } : {}) }),
);
try {
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
  const options = {
    storeSource: !args.includes('--no-source'),
    ...(args.includes('--no-gitignore') ? { ignoreFiles: ['.cgcignore'] } : {}),
    ...(workers !== undefined ? { workers } : {}),
  };
  report('first index', await indexRepository(store, resolve(path), options));
  if (args.includes('--twice')) report('re-index', await indexRepository(store, resolve(path), options));
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
