import type { CgcPlugin, CommandIO, PluginContext } from '@cgc/core';
import { CORE_VERSION } from '@cgc/core';
import { formatIncremental, indexSettings, stateDirOf } from './incremental/index-command.js';
import type { IndexSummary } from './index-repository.js';
import { watchCommand } from './watch/watch-command.js';

/** Formats a summary as the lines `cgc index` prints. */
export function formatSummary(s: IndexSummary): string[] {
  const lines = [
    `Indexed ${s.repository.path}`,
    `  files: ${s.files} (${s.filesSkipped} skipped), nodes: ${s.nodes}, edges: ${s.edges}`,
    `  calls: ${s.calls.resolved} resolved, ${s.calls.unresolved} unresolved`,
    `  seconds: ${s.seconds.total} (list ${s.seconds.list}, parse ${s.seconds.parse}, resolve ${s.seconds.resolve}, write ${s.seconds.write}${s.seconds.snapshot !== undefined ? `, snapshot ${s.seconds.snapshot}` : ''})`,
    `  warnings: ${s.warningCount}`,
  ];
  for (const w of s.warnings.slice(0, 10)) lines.push(`    ${w}`);
  if (s.warningCount > 10) lines.push(`    … ${s.warningCount - 10} more (use --json to see them)`);
  return lines;
}

async function runIndex(
  args: Readonly<Record<string, string | string[] | undefined>>,
  options: Readonly<Record<string, unknown>>,
  ctx: PluginContext,
  io: CommandIO,
): Promise<number> {
  const path = typeof args.path === 'string' ? args.path : '.';
  const json = options.json === true;
  // Loaded on use: `cgc --help` only needs this module's command table.
  const [{ indexRepository }, { createProgress }] = await Promise.all([
    import('./index-repository.js'),
    import('./progress.js'),
  ]);
  const progress = createProgress(io, !json);
  const store = await ctx.store();
  const stateDir = stateDirOf(ctx);
  if (stateDir && options.full !== true) {
    // Incremental when the graph still matches the last run's snapshot, full otherwise.
    try {
      const { indexIncremental } = await import('./incremental/index-incremental.js');
      const s = await indexIncremental(store, path, {
        ...indexSettings(ctx, io),
        stateDir,
        onProgress: progress.update,
      });
      progress.stop();
      if (json) io.json(s.full ?? s);
      else for (const l of s.full ? formatSummary(s.full) : formatIncremental(s)) io.print(l);
      return 0;
    } finally {
      progress.stop();
    }
  }
  try {
    const summary = await indexRepository(store, path, {
      ...indexSettings(ctx, io),
      onProgress: progress.update,
    });
    progress.stop();
    if (json) io.json(summary);
    else for (const l of formatSummary(summary)) io.print(l);
    return 0;
  } finally {
    progress.stop();
  }
}

/** The builtin indexing plugin: the `cgc index [path]` and `cgc watch [path]` commands. */
export function indexerPlugin(): CgcPlugin {
  return {
    name: '@cgc/indexer',
    version: CORE_VERSION,
    commands: [
      {
        name: 'index',
        description: 'Index a repository (or one file) into the code graph',
        args: [{ name: 'path', description: 'directory or file to index (default: current directory)' }],
        options: [
          { flags: '--json', description: 'print the summary as JSON' },
          { flags: '--full', description: 'index every file again instead of only what changed' },
        ],
        run: runIndex,
      },
      watchCommand,
    ],
  };
}
