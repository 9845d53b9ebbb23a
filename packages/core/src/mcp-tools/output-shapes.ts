import { z } from 'zod';
import type { ToolSpec } from '../plugin.js';

/** A tool together with the zod shape of its result; the MCP host then sends structuredContent. */
export type ToolWithOutput = ToolSpec & { readonly output: z.ZodRawShape };

/** Declares the result shape of a tool (core's ToolSpec has no field for it yet; hosts read `output`). */
export function withOutput(tool: ToolSpec, output: z.ZodRawShape): ToolWithOutput {
  return Object.assign(tool, { output });
}

const JOB = {
  job_id: z.string(),
  id: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  description: z.string(),
  params: z.record(z.string(), z.unknown()),
  progress: z.object({ done: z.number(), total: z.number().optional(), message: z.string().optional() }),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  elapsedMs: z.number(),
  etaMs: z.number().optional(),
  cancelRequested: z.boolean(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  elapsed_human: z.string(),
  estimated_time_remaining_human: z.string().optional(),
};

/** check_job_status. */
export const JOB_OUTPUT = JOB;

/** list_jobs. */
export const JOBS_OUTPUT = {
  jobs: z.array(z.object(JOB)),
  total_jobs: z.number(),
  counts: z.record(z.string(), z.number()),
};

/** list_indexed_repositories. */
export const REPOSITORIES_OUTPUT = {
  repositories: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      path: z.string(),
      isDependency: z.boolean(),
      indexedAt: z.number().nullable(),
      files: z.number(),
    }),
  ),
  total: z.number(),
};

/** list_watched_paths. */
export const WATCHED_OUTPUT = {
  watched_paths: z.array(
    z.object({
      path: z.string(),
      since: z.string(),
      changes: z.number(),
      lastChangeAt: z.string().optional(),
      lastJobId: z.string().optional(),
      error: z.string().optional(),
      mode: z.enum(['incremental', 'reindex']),
      ready: z.boolean(),
      updates: z.number().optional(),
      lastUpdate: z
        .object({
          at: z.string(),
          added: z.number(),
          modified: z.number(),
          deleted: z.number(),
          latencyMs: z.number(),
        })
        .optional(),
      lastError: z.string().optional(),
    }),
  ),
  total: z.number(),
};
