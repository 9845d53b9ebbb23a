import type { GraphRow, QueryOptions } from '@cgc/core';
import type { KuzuConnection } from './kuzu-module.js';
import { fromKuzu } from './kuzu-values.js';
import type { StatementCache } from './statement-cache.js';

// The binding refuses 0 ("no timeout"), so the reset is a timeout of ~24 days.
const NO_TIMEOUT_MS = 2 ** 31 - 1;

/** Runs a statement on a connection with the query's timeout, returning rows in the shared shape. */
export async function runTimed(
  conn: KuzuConnection,
  options: QueryOptions,
  fn: () => Promise<Record<string, unknown>[]>,
): Promise<GraphRow[]> {
  const timeout = options.timeoutMs;
  if (timeout !== undefined) conn.setQueryTimeout?.(Math.max(1, Math.ceil(timeout)));
  try {
    const rows = await fn();
    return rows.map((r) => {
      const out: GraphRow = {};
      for (const [k, v] of Object.entries(r)) out[k] = fromKuzu(v);
      return out;
    });
  } finally {
    if (timeout !== undefined) conn.setQueryTimeout?.(NO_TIMEOUT_MS);
  }
}

/**
 * Runs a read on a read connection inside a read-only transaction, so that the engine refuses
 * a write; a text once proven read-only runs on its own (3 engine calls fewer).
 */
export async function runReadOnly(
  conn: KuzuConnection,
  cache: StatementCache,
  statement: string,
  params: Record<string, unknown>,
  options: QueryOptions,
): Promise<GraphRow[]> {
  if (cache.provenReadOnly(statement)) return runTimed(conn, options, () => cache.run(statement, params));
  await cache.run('BEGIN TRANSACTION READ ONLY');
  try {
    const rows = await runTimed(conn, options, () => cache.run(statement, params));
    cache.markReadOnly(statement);
    return rows;
  } finally {
    // Kuzu already rolled back if the statement failed; nothing was written either way.
    await cache.run('ROLLBACK').catch(() => undefined);
  }
}
