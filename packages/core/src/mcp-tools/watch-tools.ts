import { resolve } from 'node:path';
import { z } from 'zod';
import { CgcError } from '../errors.js';
import { defineTool, type ToolSpec } from '../plugin.js';
import { readRepositories } from '../queries/refs.js';
import { WATCHED_OUTPUT, withOutput } from './output-shapes.js';
import { describeJob, existingPath, startIndexJob, type ToolRuntime } from './runtime.js';
import { watchIncrementally } from './watch-incremental.js';

/** watch_directory, unwatch_directory, list_watched_paths. */
export function watchTools(rt: ToolRuntime): ToolSpec[] {
  return [
    defineTool({
      name: 'watch_directory',
      title: 'Watch a folder and keep its graph current',
      description:
        'Watches a folder in this server and keeps its graph current: changed files are re-parsed and linked as they are ' +
        'saved (node_modules, .git, build folders and .gitignore/.cgcignore entries are ignored). The folder is indexed first ' +
        '(incrementally when it was indexed before) in a background job whose job_id is returned; poll check_job_status.',
      input: {
        path: z
          .string()
          .min(1)
          .describe('Folder to watch; relative paths resolve against the server working directory'),
      },
      async handler(input, ctx) {
        const { abs, isDirectory } = await existingPath(rt, input.path);
        if (!isDirectory)
          throw new CgcError('INVALID_INPUT', `${abs} is a file; watch_directory needs a folder`);
        const current = rt.watches.list().find((w) => w.path === abs);
        if (current && !current.error) return { status: 'already_watching', watch: current };
        // A broken watch is started again rather than reported forever.
        if (current) await rt.watches.stop(abs);
        if (!rt.indexer)
          throw new CgcError(
            'UNSUPPORTED',
            'watching needs the indexer, which is not installed in this server',
          );
        if (rt.indexer.watch) return watchIncrementally(rt, ctx, abs);
        const store = await ctx.store();
        const indexed = (await readRepositories(store)).some((r) => r.path === abs);
        // Index first, then watch: changes during the first index only queue one re-index after it.
        const initial = indexed ? undefined : startIndexJob(rt, ctx, abs);
        const watch = await rt.watches.watch(abs, () => startIndexJob(rt, ctx, abs, { kind: 'reindex' }));
        return {
          status: 'watching',
          watch,
          ...(initial ? { initial_index_job: describeJob(initial), job_id: initial.id } : {}),
          message: indexed
            ? `Watching ${abs}; it was already indexed.`
            : `Indexing ${abs} (job ${initial!.id}) and watching it for changes.`,
        };
      },
    }),
    defineTool({
      name: 'unwatch_directory',
      title: 'Stop watching a folder',
      description: 'Stops watching a folder. Its graph stays as it is; use delete_repository to remove it.',
      input: { path: z.string().min(1).describe('A folder given to watch_directory') },
      async handler(input) {
        const abs = existingPathSync(rt, input.path);
        if (!(await rt.watches.stop(abs))) {
          const watched = rt.watches.list().map((w) => w.path);
          throw new CgcError(
            'NOT_FOUND',
            `${abs} is not watched${watched.length ? `; watched: ${watched.join(', ')}` : ''}`,
          );
        }
        return { status: 'stopped', path: abs };
      },
    }),
    withOutput(
      defineTool({
        name: 'list_watched_paths',
        title: 'List watched folders',
        description:
          'Folders this server watches: whether each is ready (its initial index done), the changes and update batches ' +
          'it applied, its last job and any error.',
        input: {},
        readOnly: true,
        handler() {
          const watched = rt.watches.list();
          return { watched_paths: watched, total: watched.length };
        },
      }),
      WATCHED_OUTPUT,
    ),
  ];
}

function existingPathSync(rt: ToolRuntime, path: string): string {
  if (!path.trim()) throw new CgcError('INVALID_INPUT', 'path must not be empty');
  // A watched folder may have been deleted since: resolve without requiring it to exist.
  return resolve(rt.cwd, path);
}
