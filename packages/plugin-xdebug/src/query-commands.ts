import { CgcError, type CommandIO, type CommandSpec } from '@cgc/core';
import { missedCalls, neverExecuted, requestFunctions } from './queries.js';

function limitOf(value: unknown, dflt: number): number {
  const n = Number(value ?? dflt);
  if (!Number.isInteger(n) || n < 1)
    throw new CgcError('INVALID_INPUT', `--limit must be a positive integer, got ${String(value)}`);
  return n;
}

function table(io: CommandIO, rows: string[], empty: string): void {
  if (rows.length === 0) io.print(empty);
  for (const r of rows) io.print(r);
}

const LIMIT = { flags: '-l, --limit <n>', description: 'how many' } as const;
const JSON_OPT = { flags: '--json', description: 'print JSON' } as const;

/** `cgc xdebug request|never-executed|missed-calls`: the questions the captured calls answer. */
export function xdebugQueryCommands(): CommandSpec[] {
  return [
    {
      name: 'request',
      description:
        'What ran for one captured request, chosen by URL (substring), trigger value or request id',
      options: [
        { flags: '--url <text>', description: 'part of the request URL (or script path)' },
        { flags: '--trigger <value>', description: 'XDEBUG_TRIGGER value or IDE key' },
        { flags: '--id <id>', description: 'XdebugRequest id' },
        LIMIT,
        JSON_OPT,
      ],
      async run(_args, opts, ctx, io) {
        const pick = (k: string) =>
          typeof opts[k] === 'string' && opts[k] ? (opts[k] as string) : undefined;
        const url = pick('url');
        const trigger = pick('trigger');
        const requestId = pick('id');
        if (!url && !trigger && !requestId)
          throw new CgcError('INVALID_INPUT', 'xdebug request needs --url, --trigger or --id');
        const r = await requestFunctions(await ctx.store(), {
          ...(url ? { url } : {}),
          ...(trigger ? { trigger } : {}),
          ...(requestId ? { requestId } : {}),
          limit: limitOf(opts.limit, 200),
        });
        if (opts.json) io.json(r);
        else {
          io.print(`${r.requests.length} request(s)`);
          table(
            io,
            r.functions.map(
              (f) => `${f.calls} x ${f.fqn ?? f.frame}${f.path ? `  (${f.path}:${f.line})` : ''}`,
            ),
            'no captured calls match',
          );
        }
        return 0;
      },
    },
    {
      name: 'never-executed',
      description: 'Indexed functions under a namespace that no captured call resolved to',
      args: [{ name: 'namespace', required: true, description: 'e.g. App\\Services' }],
      options: [LIMIT, JSON_OPT],
      async run(args, opts, ctx, io) {
        const namespace = typeof args.namespace === 'string' ? args.namespace : '';
        if (!namespace) throw new CgcError('INVALID_INPUT', 'xdebug never-executed needs a namespace');
        const functions = await neverExecuted(await ctx.store(), {
          namespace,
          limit: limitOf(opts.limit, 200),
        });
        if (opts.json) io.json({ functions });
        else
          table(
            io,
            functions.map((f) => `${f.fqn}  (${f.path}:${f.line})`),
            'every function ran',
          );
        return 0;
      },
    },
    {
      name: 'missed-calls',
      description: 'Calls seen at run time that static analysis did not find',
      options: [LIMIT, JSON_OPT],
      async run(_args, opts, ctx, io) {
        const calls = await missedCalls(await ctx.store(), { limit: limitOf(opts.limit, 100) });
        if (opts.json) io.json({ calls });
        else
          table(
            io,
            calls.map((c) => `${c.count} x ${c.caller} -> ${c.callee}`),
            'no runtime-only calls',
          );
        return 0;
      },
    },
  ];
}
