import { join } from 'node:path';
import { CgcError, isCgcError } from '../errors.js';
import type { PluginContext } from '../plugin.js';
import { describeJob, type ToolRuntime } from './runtime.js';

/**
 * Where repository snapshots live: the folder `cgc index` and `cgc watch` use, so a
 * repository indexed by either opens incrementally here instead of being indexed again.
 */
export function indexStateDir(home: string): string {
  return join(home, 'index-state');
}

/**
 * watch_directory through the host's incremental watcher: one job indexes the folder (from
 * its snapshot when that still matches the graph) and opens the watch; from then on each
 * saved file is parsed and linked on its own, with no job per change.
 */
export async function watchIncrementally(
  rt: ToolRuntime,
  ctx: PluginContext,
  abs: string,
): Promise<Record<string, unknown>> {
  const watchFn = rt.indexer!.watch!;
  const index = ctx.config.index;
  let job: ReturnType<ToolRuntime['jobs']['start']> | undefined;
  const watch = await rt.watches.watchIncremental(abs, (hooks) => {
    job = rt.jobs.start(
      'watch',
      async (j) => {
        // Cancelling the job while it indexes stops the watch before it starts.
        const stop = () => hooks.signal.aborted || rt.watches.unwatch(abs);
        j.signal.addEventListener('abort', stop, { once: true });
        try {
          const store = await ctx.store();
          const handle = await watchFn(store, abs, {
            stateDir: indexStateDir(ctx.config.home),
            signal: hooks.signal,
            logger: ctx.logger,
            maxFileBytes: index.maxFileBytes,
            storeSource: index.storeSource,
        fileTimeoutMs: index.fileTimeoutMs,
            ignoreFiles: index.ignoreFiles,
            ...(index.workers === undefined ? {} : { workers: index.workers }),
            onProgress: (p) => j.progress(p.done, p.total, p.file ? `${p.phase}: ${p.file}` : p.phase),
            onUpdate: (u) =>
              hooks.updated({
                added: u.added.length,
                modified: u.modified.length,
                deleted: u.deleted.length,
                latencyMs: u.latencyMs,
              }),
            onError: (e) => {
              hooks.failedBatch(isCgcError(e) ? `${e.code}: ${e.message}` : e.message);
              ctx.logger.warn(`watch ${abs}: ${e.message}`);
            },
          });
          hooks.attach(handle);
          return { watching: handle.root };
        } catch (err) {
          if (j.signal.aborted || hooks.signal.aborted) throw err;
          const message = err instanceof Error ? err.message : String(err);
          hooks.broke(message);
          throw new CgcError('WATCH_FAILED', `cannot watch ${abs}: ${message}`, {
            cause: err,
            ...(isCgcError(err) ? { details: { code: err.code } } : {}),
          });
        } finally {
          j.signal.removeEventListener('abort', stop);
        }
      },
      { description: `watch ${abs}`, params: { path: abs } },
    );
    return job;
  });
  if (!job) return { status: 'already_watching', watch };
  return {
    status: 'watching',
    mode: 'incremental',
    watch,
    job_id: job.id,
    initial_index_job: describeJob(job),
    message: `Indexing ${abs} (job ${job.id}; incremental when it was indexed before), then applying each change as it is saved.`,
  };
}
