import { existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** The file name of the database inside the configured folder. */
export const KUZU_DB_FILE = 'graph.kuzu';

/**
 * A quarter of physical memory, at most 2 GiB. Kuzu's own default (80% of memory) let indexing the
 * Linux kernel reach 4.2 GB RSS; the kernel indexed with 512 MB, and queries on 1M nodes fit in 2 GB.
 */
export function defaultBufferPool(): number {
  return Math.min(2 * 1024 ** 3, Math.floor(totalmem() / 4));
}

/** The default database folder: `$CGC_HOME/kuzu`, else `~/.cgc/kuzu`. */
export function defaultKuzuPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.CGC_HOME ? resolve(env.CGC_HOME) : join(homedir(), '.cgc'), 'kuzu');
}

/** The database file for a configured path (a folder is created unless read-only). */
export function databaseFile(path: string, readOnly: boolean): string {
  if (path === ':memory:') return path;
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isFile()) return abs;
  if (!readOnly) mkdirSync(abs, { recursive: true });
  return join(abs, KUZU_DB_FILE);
}
