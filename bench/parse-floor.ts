/**
 * What the parsing libraries alone cost on a tree: the files `cgc index` would parse, split over N
 * worker threads, each file only parsed (`--mode parse`: tree-sitter on the file's text), also
 * prepared (`prep`: the language's own blanking first, as the indexer does), also queried (`captures`:
 * the language's capture query, the indexer's walk without its JavaScript), or extracted (`full`: the
 * indexer's extraction, without hashing, messaging, linking or writing). Prints wall seconds and
 * each thread's CPU seconds (Linux), the floor under `pnpm bench:index`'s parse phase.
 *
 *   pnpm bench:parse-floor <path> [--mode parse|prep|captures|full] [--threads N] [--no-gitignore]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Language } from 'web-tree-sitter';
import { parserFor } from '../packages/indexer/src/extract/extract.js';
import { captureQuery } from '../packages/indexer/src/extract/walk.js';
import { extractSource, languageById, listSourceFiles, loadGrammar } from '../packages/indexer/src/index.js';
import { threadCpuSeconds } from './thread-cpu.js';

interface Job {
  readonly files: { abs: string; rel: string; lang: string }[];
  readonly mode: string;
}
interface Done {
  readonly bytes: number;
  readonly cpu: number;
  readonly captures: number;
}

async function work({ files, mode }: Job): Promise<Done> {
  const languages = new Map<string, Language | undefined>();
  let bytes = 0;
  let captures = 0;
  const c0 = threadCpuSeconds('/proc/thread-self/stat') ?? Number.NaN;
  for (const f of files) {
    const spec = languageById(f.lang)!;
    if (!languages.has(spec.id)) languages.set(spec.id, await loadGrammar(spec, () => {}));
    const language = languages.get(spec.id);
    if (!language) continue;
    const text = readFileSync(f.abs, 'utf8');
    bytes += Buffer.byteLength(text);
    if (mode === 'full') {
      extractSource(spec, language, text, { path: f.rel });
      continue;
    }
    const tree = parserFor(language).parse(mode === 'parse' ? text : (spec.prepare?.(text) ?? text));
    if (!tree) continue;
    if (mode === 'captures' && spec.nodeTypes) {
      const q = captureQuery(language, spec.id, [...spec.nodeTypes, ...spec.complexity], spec.queryPatterns);
      captures += q.captures(tree.rootNode).length;
    }
    tree.delete();
  }
  return { bytes, cpu: (threadCpuSeconds('/proc/thread-self/stat') ?? Number.NaN) - c0, captures };
}

function startWorker(job: Job): Promise<Done> {
  // The bench runs under tsx: the worker registers it before loading this file again.
  const require = createRequire(import.meta.url);
  const api = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Promise((ok, fail) => {
    const w = new Worker(code, { eval: true, workerData: job });
    w.once('message', ok);
    w.once('error', fail);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const root = args.find(
    (a, i) => !a.startsWith('--') && !['--mode', '--threads'].includes(args[i - 1] ?? ''),
  );
  const mode = opt('mode', 'parse');
  const threads = Number(opt('threads', '2'));
  if (!root || !['parse', 'prep', 'captures', 'full'].includes(mode) || !(threads >= 1)) {
    console.error(
      'usage: pnpm bench:parse-floor <path> [--mode parse|prep|captures|full] [--threads N] [--no-gitignore]',
    );
    process.exit(2);
  }
  const listed = await listSourceFiles(resolve(root), {
    maxFileBytes: 2 * 1024 * 1024,
    warn: () => {},
    ...(args.includes('--no-gitignore') ? { ignoreFiles: ['.cgcignore'] } : {}),
  });
  const files = listed.map((f) => ({ abs: f.abs, rel: f.rel, lang: f.lang.id }));
  const t0 = performance.now();
  const done = await Promise.all(
    Array.from({ length: threads }, (_, i) =>
      startWorker({ files: files.filter((_, j) => j % threads === i), mode }),
    ),
  );
  const wall = (performance.now() - t0) / 1000;
  const mb = done.reduce((s, d) => s + d.bytes, 0) / 1e6;
  const cpu = done.reduce((s, d) => s + d.cpu, 0);
  console.log(`parse floor (${mode}): ${root}`);
  console.log(`  files        ${files.length}, ${mb.toFixed(1)} MB`);
  console.log(`  seconds      wall ${wall.toFixed(1)} with ${threads} thread(s), worker start-up included`);
  console.log(
    `  CPU          ${done.map((d) => d.cpu.toFixed(1)).join(' + ')} = ${cpu.toFixed(1)} s, ${(mb / (cpu / threads) / threads).toFixed(2)} MB/s per thread`,
  );
  if (mode === 'captures') console.log(`  captures     ${done.reduce((s, d) => s + d.captures, 0)}`);
}

if (isMainThread) await main();
else parentPort!.postMessage(await work(workerData as Job));
