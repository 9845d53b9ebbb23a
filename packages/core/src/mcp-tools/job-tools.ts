import { z } from 'zod';
import { CgcError } from '../errors.js';
import { defineTool, type ToolSpec } from '../plugin.js';
import { PACKAGE_LANGUAGES } from './capabilities.js';
import { JOB_OUTPUT, JOBS_OUTPUT, withOutput } from './output-shapes.js';
import { describeJob, existingPath, followJob, startIndexJob, type ToolRuntime } from './runtime.js';

const WAIT = z
  .boolean()
  .default(false)
  .describe(
    'Wait for the job to finish (up to wait_timeout_seconds) and return its final status; progress is sent as MCP progress notifications when the client asks for them. Default false: return the job id at once.',
  );
const WAIT_TIMEOUT = z
  .number()
  .int()
  .min(1)
  .max(3600)
  .default(600)
  .describe('How long `wait` waits, in seconds (default 600)');

/** add_code_to_graph, add_package_to_graph, check_job_status, list_jobs, cancel_job. */
export function jobTools(rt: ToolRuntime): ToolSpec[] {
  return [
    defineTool({
      name: 'add_code_to_graph',
      title: 'Index code into the graph',
      description:
        'Indexes a local folder (or one file) into the code graph as a background job in this server. Returns a job_id; ' +
        'poll check_job_status with it, or pass wait=true. Re-indexing an indexed folder updates it in place.',
      input: {
        path: z
          .string()
          .min(1)
          .describe('Folder or file to index; relative paths resolve against the server working directory'),
        is_dependency: z
          .boolean()
          .default(false)
          .describe('Mark the code as a dependency (library) rather than your own code'),
        wait: WAIT,
        wait_timeout_seconds: WAIT_TIMEOUT,
      },
      async handler(input, ctx, call) {
        const { abs } = await existingPath(rt, input.path);
        const job = startIndexJob(rt, ctx, abs, { isDependency: input.is_dependency });
        if (!input.wait) {
          return {
            ...describeJob(job),
            instructions: `Indexing runs in the background. Call check_job_status with job_id "${job.id}" to follow it.`,
          };
        }
        return describeJob(await followJob(rt, job.id, call, input.wait_timeout_seconds * 1000));
      },
    }),
    defineTool({
      name: 'add_package_to_graph',
      title: 'Index an installed package',
      description:
        'Finds an installed package on disk (node_modules for javascript/typescript, the Python import path, the Go module cache) ' +
        'and indexes it as a dependency in a background job. Returns the job_id and the path found.',
      input: {
        package_name: z
          .string()
          .min(1)
          .max(300)
          .describe('Package name as installed, e.g. "requests", "express", "@scope/pkg"'),
        language: z.enum(PACKAGE_LANGUAGES).describe('Language ecosystem of the package'),
        is_dependency: z.boolean().default(true).describe('Mark it as a dependency (default true)'),
        wait: WAIT,
        wait_timeout_seconds: WAIT_TIMEOUT,
      },
      async handler(input, ctx, call) {
        const path = await rt.resolvePackage(input.package_name, input.language, rt.cwd);
        const { abs } = await existingPath(rt, path);
        const job = startIndexJob(rt, ctx, abs, { kind: 'index-package', isDependency: input.is_dependency });
        const status = input.wait
          ? await followJob(rt, job.id, call, input.wait_timeout_seconds * 1000)
          : job;
        return { ...describeJob(status), discovered_path: abs, package_name: input.package_name };
      },
    }),
    withOutput(
      defineTool({
        name: 'check_job_status',
        title: 'Check a background job',
        description:
          'Status of a background job (indexing, re-indexing after a watched change): state (queued, running, completed, failed, ' +
          'cancelled), progress done/total with a message, timestamps, and the result or error once finished.',
        input: {
          job_id: z
            .string()
            .min(1)
            .describe('The job_id returned by add_code_to_graph, add_package_to_graph or watch_directory'),
          wait_seconds: z
            .number()
            .int()
            .min(0)
            .max(600)
            .default(0)
            .describe(
              'Wait up to this many seconds for the job to finish before answering (default 0: answer at once)',
            ),
        },
        readOnly: true,
        async handler(input, _ctx, call) {
          if (!rt.jobs.get(input.job_id)) {
            throw new CgcError('NOT_FOUND', `no job with id ${input.job_id}; list_jobs shows the known jobs`);
          }
          const job =
            input.wait_seconds > 0
              ? await followJob(rt, input.job_id, call, input.wait_seconds * 1000)
              : rt.jobs.get(input.job_id)!;
          return describeJob(job);
        },
      }),
      JOB_OUTPUT,
    ),
    withOutput(
      defineTool({
        name: 'list_jobs',
        title: 'List background jobs',
        description:
          'Background jobs of this server, newest first (finished ones are kept for the last 100).',
        input: {
          state: z
            .enum(['queued', 'running', 'completed', 'failed', 'cancelled'])
            .optional()
            .describe('Only jobs in this state'),
        },
        readOnly: true,
        handler(input) {
          const jobs = rt.jobs.list(input.state === undefined ? {} : { state: input.state });
          return { jobs: jobs.map(describeJob), total_jobs: jobs.length, counts: rt.jobs.counts() };
        },
      }),
      JOBS_OUTPUT,
    ),
    defineTool({
      name: 'cancel_job',
      title: 'Cancel a background job',
      description:
        'Cancels a queued or running job; what it already wrote stays, and re-running it later converges.',
      input: { job_id: z.string().min(1).describe('The job to cancel') },
      handler(input) {
        return describeJob(rt.jobs.cancel(input.job_id, 'cancelled by the user'));
      },
    }),
  ];
}
