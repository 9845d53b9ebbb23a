import { JobManager } from '../jobs/job-manager.js';
import { WatchManager } from '../jobs/watch-manager.js';
import type { CgcPlugin } from '../plugin.js';
import { CORE_VERSION } from '../version.js';
import type { CoreToolsOptions } from './capabilities.js';
import { jobTools } from './job-tools.js';
import { resolveInstalledPackage } from './package-resolver.js';
import { queryTools } from './query-tools.js';
import { repoTools } from './repo-tools.js';
import type { ToolRuntime } from './runtime.js';
import { watchTools } from './watch-tools.js';

/** The plugin name of the core MCP tools. */
export const CORE_TOOLS_PLUGIN = 'core-tools';

/**
 * The core MCP tools (the Python tool's names and inputs) as a builtin plugin. Jobs and
 * watches live in this plugin instance, so every transport of one process shares them;
 * its `jobs` service cancels them when the engine closes. Indexing comes from the host
 * (`indexer`), because core cannot depend on `@cgc/indexer`.
 */
export function coreToolsPlugin(options: CoreToolsOptions = {}): CgcPlugin {
  const jobs = options.jobs ?? new JobManager();
  const watches = options.watches ?? new WatchManager((id) => jobs.get(id));
  const rt: ToolRuntime = {
    jobs,
    watches,
    indexer: options.indexer,
    resolvePackage: options.resolvePackage ?? resolveInstalledPackage,
    cwd: options.cwd ?? process.cwd(),
  };
  const omit = new Set(options.omit ?? []);
  const tools = [...jobTools(rt), ...watchTools(rt), ...queryTools(), ...repoTools(rt)];
  return {
    name: CORE_TOOLS_PLUGIN,
    version: CORE_VERSION,
    tools: tools.filter((t) => !omit.has(t.name)),
    services: [
      {
        name: 'jobs',
        start: () => undefined,
        async stop() {
          await watches.close();
          await jobs.close();
        },
        status: () => ({ jobs: jobs.counts(), watched: watches.list().length }),
      },
    ],
  };
}
