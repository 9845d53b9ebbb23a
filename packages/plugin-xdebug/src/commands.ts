import { CgcError, type CommandSpec } from '@cgc/core';
import { closeRuntime, contextSettings, runtimeFor } from './context-runtime.js';
import { graphCounts, listChains } from './queries.js';
import { xdebugQueryCommands } from './query-commands.js';
import { NOT_FOR_PRODUCTION } from './runtime.js';

/** The `cgc xdebug …` command group. */
export function xdebugCommands(options: Readonly<Record<string, unknown>>): CommandSpec[] {
  return [
    {
      name: 'xdebug',
      description: 'PHP call stacks from Xdebug (development only)',
      subcommands: [
        {
          name: 'start',
          description: 'Run the DBGp listener in the foreground (needs CGC_PLUGIN_XDEBUG_ENABLED=true)',
          options: [
            { flags: '--host <host>', description: 'bind address (default 127.0.0.1)' },
            { flags: '--port <port>', description: 'bind port (default 9003)' },
            { flags: '--trace-dir <dir>', description: 'also import traces written to this directory' },
          ],
          async run(_args, opts, ctx, io) {
            const settings = contextSettings(ctx, options);
            if (!settings.enabled) {
              io.print(
                'xdebug listener is disabled: set CGC_PLUGIN_XDEBUG_ENABLED=true (development machines only)',
              );
              return 1;
            }
            const overrides: Record<string, unknown> = {};
            if (opts.host) overrides.host = opts.host;
            if (opts.port) overrides.port = opts.port;
            if (opts.traceDir) overrides.traceDir = opts.traceDir;
            const runtime = await runtimeFor(ctx, { ...options, ...ctx.settings, ...overrides });
            io.print(`WARNING: ${NOT_FOR_PRODUCTION}`);
            const port = await runtime.startListener();
            io.print(`listening for Xdebug on ${runtime.settings.host}:${port} (Ctrl-C to stop)`);
            await new Promise<void>((resolve) => {
              if (io.signal.aborted) resolve();
              io.signal.addEventListener('abort', () => resolve(), { once: true });
            });
            await closeRuntime(ctx);
            return 0;
          },
        },
        {
          name: 'status',
          description: 'Show whether the listener is enabled and what the graph holds',
          options: [{ flags: '--json', description: 'print JSON' }],
          async run(_args, opts, ctx, io) {
            const s = contextSettings(ctx, options);
            const counts = await graphCounts(await ctx.store());
            const status = {
              enabled: s.enabled,
              host: s.host,
              port: s.port,
              allow: s.allow,
              traceDir: s.traceDir ?? null,
              ...counts,
            };
            if (opts.json) io.json(status);
            else {
              io.print(`enabled: ${s.enabled}${s.enabled ? '' : ' (set CGC_PLUGIN_XDEBUG_ENABLED=true)'}`);
              io.print(
                `listener: ${s.host}:${s.port}  allow: ${s.allow.length ? s.allow.join(',') : 'loopback'}`,
              );
              io.print(
                `graph: ${counts.frames} frames, ${counts.chains} chains, ${counts.requests} requests, ${counts.resolved} resolved`,
              );
            }
            return 0;
          },
        },
        {
          name: 'list-chains',
          description: 'List the most observed call chains',
          options: [
            { flags: '-l, --limit <n>', description: 'how many', default: '20' },
            { flags: '--json', description: 'print JSON' },
          ],
          async run(_args, opts, ctx, io) {
            const n = Number(opts.limit ?? 20);
            if (!Number.isInteger(n) || n < 1)
              throw new CgcError(
                'INVALID_INPUT',
                `--limit must be a positive integer, got ${String(opts.limit)}`,
              );
            const chains = await listChains(await ctx.store(), { limit: n });
            if (opts.json) io.json({ chains });
            else
              for (const c of chains)
                io.print(`${c.observations} x ${c.fqn}  (${c.file}:${c.lineno}, depth ${c.depth})`);
            return 0;
          },
        },
        {
          name: 'import',
          description:
            'Import Xdebug function traces (xdebug.trace_format=1; .xt or .xt.gz, a file or a directory)',
          args: [{ name: 'path', required: true, description: 'trace file or directory' }],
          options: [{ flags: '--json', description: 'print JSON' }],
          async run(args, opts, ctx, io) {
            const path = args.path;
            if (typeof path !== 'string' || !path)
              throw new CgcError('INVALID_INPUT', 'xdebug import needs a file or directory');
            const runtime = await runtimeFor(ctx, options);
            const t0 = performance.now();
            const results = await runtime.importTraces(path);
            const secs = (performance.now() - t0) / 1000;
            const calls = results.reduce((a, r) => a + (r.stats?.recorded ?? 0), 0);
            if (opts.json) io.json({ results, calls, seconds: secs });
            else {
              for (const r of results) {
                if (r.skipped) io.print(`${r.file}: already imported`);
                else if (r.error) io.print(`${r.file}: ${r.error.code} ${r.error.message}`);
                else io.print(`${r.file}: ${r.stats?.recorded ?? 0} calls`);
              }
              io.print(`${calls} calls in ${secs.toFixed(2)} s`);
            }
            return results.some((r) => r.error) ? 2 : 0;
          },
        },
        ...xdebugQueryCommands(),
      ],
    },
  ];
}
