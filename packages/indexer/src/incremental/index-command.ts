import { join } from 'node:path';
import type { CommandIO, PluginContext } from '@cgc/core';
import type { IncrementalSummary } from './index-incremental.js';

/** Where `cgc index` and `cgc watch` keep repository snapshots. */
export function stateDirOf(ctx: PluginContext): string | undefined {
  const home = (ctx.config as { home?: string } | undefined)?.home;
  return home ? join(home, 'index-state') : undefined;
}

/** The lines `cgc index` prints after an incremental run. */
export function formatIncremental(s: IncrementalSummary): string[] {
  return [
    `Updated ${s.repository.path} (incremental)`,
    `  files: ${s.files}; ${s.added} added, ${s.modified} modified, ${s.deleted} deleted; ${s.relinked} unchanged file(s) linked again`,
    `  calls re-resolved: ${s.calls.total} (${s.calls.resolved} resolved, ${s.calls.unresolved} unresolved)`,
    `  seconds: ${s.seconds.total}`,
    ...(s.warningCount
      ? [`  warnings: ${s.warningCount}`, ...s.warnings.slice(0, 10).map((w) => `    ${w}`)]
      : []),
  ];
}

/** Options the commands pass on from the configuration. */
export function indexSettings(ctx: PluginContext, io: CommandIO) {
  return {
    signal: io.signal,
    logger: ctx.logger,
    maxFileBytes: ctx.config.index.maxFileBytes,
    storeSource: ctx.config.index.storeSource,
    fileTimeoutMs: ctx.config.index.fileTimeoutMs,
    ignoreFiles: ctx.config.index.ignoreFiles,
    ...(ctx.config.index.workers !== undefined ? { workers: ctx.config.index.workers } : {}),
  };
}
