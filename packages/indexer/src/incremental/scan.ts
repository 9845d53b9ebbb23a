import { hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { listSourceFiles, type SourceFile } from '../files.js';
import { assignHeaders, moduleFor } from '../pipeline.js';
import { inlinePool, workerPool } from '../pool.js';
import { pythonModules, readRepoConfig } from '../repo-config.js';
import { internCalls, packCalls } from '../resolve/packed-calls.js';
import type { RepoSnapshot } from './file-state.js';
import type { ChangeSet, ParsedFile } from './update.js';

/** Options of a scan. */
export interface ScanOptions {
  readonly maxFileBytes?: number;
  readonly ignoreFiles?: readonly string[];
  readonly storeSource?: boolean;
  readonly workers?: number;
  /** How long one file may take to parse on a worker (ms, default 60 s; see pool.ts). */
  readonly fileTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly warn?: (message: string) => void;
}

async function sha1(path: string): Promise<string | undefined> {
  try {
    return hash('sha1', await readFile(path), 'hex');
  } catch {
    return undefined;
  }
}

/**
 * Compares the files that should be indexed now with the snapshot: new files, files
 * whose content hash (or language, or module name) differs, and files gone. Only
 * `suspects` are hashed when given (a watcher knows which paths changed); the others
 * are taken as unchanged. Changed files are parsed.
 */
export async function planChanges(
  snap: RepoSnapshot,
  listing: readonly SourceFile[],
  options: ScanOptions & { suspects?: ReadonlySet<string>; config?: RepoSnapshot['config'] } = {},
): Promise<ChangeSet> {
  const files = assignHeaders([...listing]);
  const pyMods = pythonModules(files, snap.root);
  const toParse: { f: SourceFile; module: string | undefined }[] = [];
  const hashes = await Promise.all(
    files.map((f) => {
      const st = snap.files.get(f.rel);
      const module = moduleFor(f, pyMods);
      if (!st || st.lang !== f.lang.id || st.module !== module) return 'parse';
      if (options.suspects && !options.suspects.has(f.rel)) return st.hash;
      return sha1(f.abs);
    }),
  );
  files.forEach((f, i) => {
    const st = snap.files.get(f.rel);
    if (hashes[i] === 'parse' || hashes[i] !== st?.hash) toParse.push({ f, module: moduleFor(f, pyMods) });
  });
  const listed = new Set(files.map((f) => f.rel));
  const deleted = new Set([...snap.files.keys()].filter((rel) => !listed.has(rel)));
  const parsed = new Map<string, ParsedFile>();
  const workers = options.workers ?? Math.min(4, availableParallelism());
  const pool =
    workers > 0 && toParse.length > 20
      ? workerPool(workers, { fileTimeoutMs: options.fileTimeoutMs })
      : inlinePool();
  const strings = new Map<string, string>();
  const intern = (x: string) => {
    const hit = strings.get(x);
    if (hit !== undefined) return hit;
    strings.set(x, x);
    return x;
  };
  try {
    const results = await Promise.all(
      toParse.map(({ f, module }) =>
        pool.parse({
          abs: f.abs,
          rel: f.rel,
          lang: f.lang.id,
          ...(module !== undefined ? { module } : {}),
          storeSource: options.storeSource ?? true,
        }),
      ),
    );
    results.forEach((r, i) => {
      const { f, module } = toParse[i]!;
      for (const m of r.warnings) options.warn?.(m);
      const st = snap.files.get(f.rel);
      if (!r.ir) {
        // Unreadable, binary or vanished: the graph must not keep an older version.
        if (st) deleted.add(f.rel);
        return;
      }
      // Touched but identical: nothing to do.
      if (st && st.hash === r.hash && st.lang === f.lang.id && st.module === module) return;
      parsed.set(f.rel, {
        state: {
          rel: f.rel,
          hash: r.hash ?? '',
          size: r.size ?? 0,
          lang: r.ir.lang,
          ...(module !== undefined ? { module } : {}),
          ir: r.ir,
          calls: internCalls(r.calls ?? packCalls(r.ir.calls), intern),
        },
      });
    });
  } finally {
    await pool.close();
  }
  const sameConfig = !options.config || JSON.stringify(options.config) === JSON.stringify(snap.config);
  return { parsed, deleted, ...(sameConfig ? {} : { config: options.config! }) };
}

/** Lists the whole repository (with its ignore rules) and plans the changes against the snapshot. */
export async function scanRepository(snap: RepoSnapshot, options: ScanOptions = {}): Promise<ChangeSet> {
  const warn = options.warn ?? (() => undefined);
  const listing = await listSourceFiles(snap.root, {
    maxFileBytes: options.maxFileBytes ?? 2 * 1024 * 1024,
    warn,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.ignoreFiles ? { ignoreFiles: options.ignoreFiles } : {}),
  });
  const config = await readRepoConfig(snap.root, warn);
  return planChanges(snap, listing, { ...options, config });
}
