import { CgcError } from '../errors.js';
import type { CommandSpec } from '../plugin.js';
import { COMMON_OPTIONS, printResult as out, scopeOf, strOption } from './cli-options.js';
import { type DeleteResult, deleteRepository, listRepositories, repositoryStats } from './repositories.js';
import { formatTable } from './table.js';

/** `cgc list`: indexed repositories. */
export const listCommand: CommandSpec = {
  name: 'list',
  description: 'List indexed repositories',
  options: COMMON_OPTIONS,
  async run(_args, options, ctx, io) {
    const { repo, limit } = scopeOf(options);
    let repos = await listRepositories(await ctx.store());
    if (repo !== undefined) repos = repos.filter((r) => r.id === repo || r.name === repo || r.path === repo);
    if (limit !== undefined) repos = repos.slice(0, limit);
    return out(io, options, repos, () =>
      repos.length === 0
        ? '(no repositories indexed: run `cgc index <path>`)'
        : formatTable(repos, [
            { header: 'name', value: (r) => r.name },
            { header: 'path', value: (r) => r.path },
            { header: 'files', value: (r) => r.files, right: true },
            { header: 'dependency', value: (r) => (r.isDependency ? 'yes' : '') },
            { header: 'indexed', value: (r) => (r.indexedAt ? new Date(r.indexedAt).toISOString() : '') },
          ]),
    );
  },
};

/** `cgc stats [repo]`: counts for one repository or all. */
export const statsCommand: CommandSpec = {
  name: 'stats',
  description: 'Counts of files, symbols and edges, for one repository or all',
  args: [{ name: 'repo', description: 'repository id, path or name (default: all)' }],
  options: COMMON_OPTIONS,
  async run(args, options, ctx, io) {
    const repo = strOption(args.repo) ?? scopeOf(options).repo;
    const stats = await repositoryStats(await ctx.store(), repo);
    return out(io, options, stats, () => {
      const rows = Object.entries(stats).filter(([, v]) => typeof v === 'number') as [string, number][];
      const title =
        stats.scope === 'repository'
          ? `${stats.repository.name} (${stats.repository.path})`
          : 'all repositories';
      return `${title}\n${formatTable(rows, [
        { header: 'what', value: (r) => r[0] },
        { header: 'count', value: (r) => r[1], right: true },
      ])}`;
    });
  },
};

/** `cgc delete <repo>` / `cgc delete --all --yes`. */
export const deleteCommand: CommandSpec = {
  name: 'delete',
  description: 'Delete an indexed repository (or all with --all --yes) from the graph',
  args: [{ name: 'repo', description: 'repository id, path or name' }],
  options: [
    ...COMMON_OPTIONS,
    { flags: '--all', description: 'delete every repository (needs --yes)' },
    { flags: '-y, --yes', description: 'confirm --all' },
  ],
  async run(args, options, ctx, io) {
    const store = await ctx.store();
    const named = strOption(args.repo) ?? scopeOf(options).repo;
    if (options.all === true) {
      if (named) throw new CgcError('INVALID_INPUT', 'give a repository or --all, not both');
      if (options.yes !== true)
        throw new CgcError('INVALID_INPUT', '--all deletes every repository: add --yes to confirm');
      const results: DeleteResult[] = [];
      for (const r of await listRepositories(store)) results.push(await deleteRepository(store, r.id));
      return out(
        io,
        options,
        results,
        () => `deleted ${results.length} repositories (${results.reduce((n, r) => n + r.deleted, 0)} nodes)`,
      );
    }
    if (!named)
      throw new CgcError('INVALID_INPUT', 'which repository? give its path or name (see `cgc list`)');
    const result = await deleteRepository(store, named);
    return out(
      io,
      options,
      result,
      () => `deleted ${result.repository.name} (${result.repository.path}): ${result.deleted} nodes`,
    );
  },
};
