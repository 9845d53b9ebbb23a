import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CgcError } from '../errors.js';
import type { JobManager, JobSnapshot } from '../jobs/job-manager.js';
import type { WatchManager } from '../jobs/watch-manager.js';
import type { PluginContext, ToolCallContext } from '../plugin.js';
import type { IndexerCapability, PackageResolver } from './capabilities.js';

/** What the stateful core tools share within one process. */
export interface ToolRuntime {
  readonly jobs: JobManager;
  readonly watches: WatchManager;
  readonly indexer: IndexerCapability | undefined;
  readonly resolvePackage: PackageResolver;
  readonly cwd: string;
}

/** An absolute path that exists, or NOT_FOUND saying which path was looked for. */
export async function existingPath(
  rt: ToolRuntime,
  path: string,
): Promise<{ abs: string; isDirectory: boolean }> {
  if (!path.trim()) throw new CgcError('INVALID_INPUT', 'path must not be empty');
  const abs = resolve(rt.cwd, path);
  const info = await stat(abs).catch(() => undefined);
  if (!info)
    throw new CgcError('NOT_FOUND', `path not found: ${abs} (relative paths resolve against ${rt.cwd})`);
  return { abs, isDirectory: info.isDirectory() };
}

/** Starts an indexing job on the shared job manager; the work runs in this process. */
export function startIndexJob(
  rt: ToolRuntime,
  ctx: PluginContext,
  abs: string,
  options: { kind?: string; isDependency?: boolean } = {},
): JobSnapshot {
  const indexer = rt.indexer;
  if (!indexer) {
    throw new CgcError(
      'UNSUPPORTED',
      'indexing is not available in this server (the @cgc/indexer package is not installed)',
    );
  }
  const kind = options.kind ?? 'index';
  return rt.jobs.start(
    kind,
    async (job) => {
      const store = await ctx.store();
      const index = ctx.config.index;
      // The same settings as `cgc index`: the configuration applies to MCP index jobs too.
      return indexer.index(store, abs, {
        signal: job.signal,
        isDependency: options.isDependency ?? false,
        logger: ctx.logger,
        maxFileBytes: index.maxFileBytes,
        storeSource: index.storeSource,
        fileTimeoutMs: index.fileTimeoutMs,
        ignoreFiles: index.ignoreFiles,
        ...(index.workers === undefined ? {} : { workers: index.workers }),
        onProgress: (p) => job.progress(p.done, p.total, p.file ? `${p.phase}: ${p.file}` : p.phase),
      });
    },
    { description: `${kind} ${abs}`, params: { path: abs, is_dependency: options.isDependency ?? false } },
  );
}

/**
 * Waits for a job while forwarding its progress to the MCP client (as progress
 * notifications, when it asked for them). Cancelling the tool call only stops waiting.
 */
export async function followJob(
  rt: ToolRuntime,
  id: string,
  call: ToolCallContext,
  timeoutMs: number,
): Promise<JobSnapshot> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), timeoutMs);
  timer.unref();
  const onAbort = () => stop.abort();
  call.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await rt.jobs.wait(id, {
      signal: stop.signal,
      onChange: (s) => call.progress(s.progress.done, s.progress.total, s.progress.message),
    });
  } catch (err) {
    if (stop.signal.aborted) return rt.jobs.get(id)!;
    throw err;
  } finally {
    clearTimeout(timer);
    call.signal.removeEventListener('abort', onAbort);
  }
}

/** A job as the tools answer it: the snapshot plus human-readable durations. */
export function describeJob(job: JobSnapshot): Record<string, unknown> {
  return {
    job_id: job.id,
    ...job,
    elapsed_human: human(job.elapsedMs),
    ...(job.etaMs === undefined ? {} : { estimated_time_remaining_human: human(job.etaMs) }),
  };
}

/** `1h 2m 3s` style durations. */
export function human(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m ${s % 60}s`;
}
