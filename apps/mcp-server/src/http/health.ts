import { type Engine, isCgcError } from '@cgc/core';

// Errors meaning the database did not answer; any other error is an answer (an empty
// FalkorDB graph, say), so the database is up.
const DOWN = ['DB_UNAVAILABLE', 'DB_TIMEOUT', 'DB_AUTH', 'DB_LOCKED', 'CLOSED', 'INTERNAL'] as const;

/** What `/healthz` answers. */
export type Health = { status: 'ok'; tools: number } | { status: 'unhealthy' };

/**
 * Asks the database a trivial question with a deadline. The answer must come within
 * `timeoutMs` whatever the database does (hangs, refuses, is being reopened), so a
 * probe never waits on a dead backend.
 */
export async function checkHealth(engine: Engine, timeoutMs: number): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  const probe = (async () => {
    const store = await engine.store();
    await store.adapter.query('RETURN 1 AS ok', {}, { mode: 'read', timeoutMs });
    return true;
  })().catch((err: unknown) => isCgcError(err) && !isCgcError(err, ...DOWN));
  try {
    const ok = await Promise.race([probe, deadline]);
    return ok ? { status: 'ok', tools: engine.registry.tools.length } : { status: 'unhealthy' };
  } finally {
    clearTimeout(timer);
  }
}
