import { CgcError, type CommandIO, type CommandSpec, type PluginContext } from '@cgc/core';
import { indexSettings, stateDirOf } from '../incremental/index-command.js';

async function runWatch(
  args: Readonly<Record<string, string | string[] | undefined>>,
  options: Readonly<Record<string, unknown>>,
  ctx: PluginContext,
  io: CommandIO,
): Promise<number> {
  const path = typeof args.path === 'string' ? args.path : '.';
  const json = options.json === true;
  const debounce = options.debounce === undefined ? 50 : Number(options.debounce);
  if (!Number.isFinite(debounce) || debounce < 0 || debounce > 60_000)
    throw new CgcError(
      'INVALID_INPUT',
      `--debounce must be a number of milliseconds from 0 to 60000, got ${String(options.debounce)}`,
    );
  const stateDir = stateDirOf(ctx);
  if (!stateDir)
    throw new CgcError('CONFIG_INVALID', 'cgc watch needs a home directory (config `home` or CGC_HOME)');
  const { watchRepository } = await import('./watch-repository.js');
  const store = await ctx.store();
  const w = await watchRepository(store, path, {
    ...indexSettings(ctx, io),
    stateDir,
    debounceMs: debounce,
    onUpdate: (u) => {
      if (json) io.json({ event: 'update', ...u });
      else
        io.print(
          `${new Date().toISOString()} ${u.added.length} added, ${u.modified.length} modified, ${u.deleted.length} deleted, ${u.relinked} relinked in ${u.latencyMs} ms`,
        );
    },
    onError: (e) => {
      if (json) io.json({ event: 'error', code: e.code, message: e.message });
      else io.print(`error: ${e.message} (the next change re-indexes what is needed)`);
    },
  });
  if (json) io.json({ event: 'watching', root: w.root });
  else io.print(`Watching ${w.root} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await w.close();
  return 0;
}

/** `cgc watch [path]`: keeps a repository's graph current as files change. */
export const watchCommand: CommandSpec = {
  name: 'watch',
  description: 'Index a repository, then keep its graph current as files change (Ctrl-C to stop)',
  args: [{ name: 'path', description: 'directory to watch (default: current directory)' }],
  options: [
    { flags: '--json', description: 'print one JSON object per update' },
    { flags: '--debounce <ms>', description: 'quiet time before a batch of changes is applied (default 50)' },
  ],
  run: runWatch,
};
