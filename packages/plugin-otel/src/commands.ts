import type { CommandIO, CommandSpec, PluginContext } from '@cgc/core';
import { type OtelReceivers, startOtelReceivers } from './otel-receivers.js';
import { graphCounts, listServices, querySpans } from './queries.js';
import type { OtelSettings } from './settings.js';

/** The `cgc otel …` command group. */
export function otelCommands(
  settingsOf: (ctx: PluginContext) => OtelSettings,
  live: () => OtelReceivers | undefined,
): CommandSpec[] {
  return [
    {
      name: 'otel',
      description: 'OpenTelemetry receivers and runtime queries',
      subcommands: [
        {
          name: 'start',
          description:
            'Run the OTLP receivers (gRPC and HTTP) alone against the configured database until interrupted',
          options: [
            { flags: '--grpc-port <port>', description: 'gRPC port (default 4317, -1 disables)' },
            { flags: '--http-port <port>', description: 'HTTP port (default 4318, -1 disables)' },
            { flags: '--host <host>', description: 'address to listen on (default 0.0.0.0)' },
          ],
          run: async (_args, options, ctx, io) => {
            const base = settingsOf(ctx);
            const settings: OtelSettings = {
              ...base,
              ...(options.grpcPort !== undefined ? { grpcPort: Number(options.grpcPort) } : {}),
              ...(options.httpPort !== undefined ? { httpPort: Number(options.httpPort) } : {}),
              ...(typeof options.host === 'string' ? { host: options.host } : {}),
            };
            const receivers = await startOtelReceivers({
              store: await ctx.store(),
              settings,
              logger: ctx.logger,
            });
            io.print(
              `OTLP receivers: ${[
                receivers.grpcPort !== undefined ? `gRPC ${settings.host}:${receivers.grpcPort}` : '',
                receivers.httpPort !== undefined
                  ? `HTTP ${settings.host}:${receivers.httpPort}/v1/traces`
                  : '',
              ]
                .filter(Boolean)
                .join(', ')} (Ctrl-C to stop)`,
            );
            await waitForStop(io);
            await receivers.stop();
            const s = receivers.status();
            io.print(`stopped: ${s.written} spans written, ${s.refused} refused, ${s.dropped} dropped`);
            return 0;
          },
        },
        {
          name: 'status',
          description: 'Receivers, queue depth, spans/s, refused/dropped and correlation rates',
          options: [{ flags: '--json', description: 'print JSON' }],
          run: async (_args, options, ctx, io) => {
            const settings = settingsOf(ctx);
            const here = live()?.status();
            const remote = here ? undefined : await fetchStatus(settings);
            let graph: unknown;
            try {
              graph = await graphCounts(await ctx.store());
            } catch (err) {
              graph = { error: (err as Error).message };
            }
            const status = { running: Boolean(here ?? remote), live: here ?? remote, graph };
            if (options.json) io.json(status);
            else printStatus(io, status, settings);
            return 0;
          },
        },
        {
          name: 'query-spans',
          description: 'Recent spans, optionally filtered',
          options: [
            { flags: '--route <route>', description: 'http.route' },
            { flags: '--service <name>', description: 'service.name' },
            { flags: '-l, --limit <n>', description: 'rows', default: '20' },
            { flags: '--json', description: 'print JSON' },
          ],
          run: async (_args, options, ctx, io) => {
            const spans = await querySpans(await ctx.store(), {
              ...(typeof options.route === 'string' ? { http_route: options.route } : {}),
              ...(typeof options.service === 'string' ? { service: options.service } : {}),
              limit: Number(options.limit ?? 20),
            });
            if (options.json) io.json({ spans });
            else
              for (const s of spans) {
                io.print(
                  `[${s.service}] ${s.name} — ${Number(s.duration_ms).toFixed(1)}ms id=${s.span_id}${s.function ? ` → ${s.function} (${s.strategy})` : ''}`,
                );
              }
            return 0;
          },
        },
        {
          name: 'list-services',
          description: 'Services seen in spans or as peers',
          options: [{ flags: '--json', description: 'print JSON' }],
          run: async (_args, options, ctx, io) => {
            const services = await listServices(await ctx.store());
            if (options.json) io.json({ services });
            else
              for (const s of services)
                io.print(`${s.name}${s.instrumented ? '' : ' (peer)'}  spans=${s.span_count ?? 0}`);
            return 0;
          },
        },
      ],
    },
  ];
}

function waitForStop(io: CommandIO): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    if (io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', done, { once: true });
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

// Receivers running in another process (`cgc serve`, `cgc otel start`) answer on the HTTP port.
async function fetchStatus(settings: OtelSettings): Promise<unknown> {
  if (settings.httpPort <= 0) return undefined;
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  try {
    const res = await fetch(`http://${host}:${settings.httpPort}/cgc/status`, {
      signal: AbortSignal.timeout(1500),
    });
    return res.ok ? await res.json() : undefined;
  } catch {
    return undefined;
  }
}

function printStatus(
  io: CommandIO,
  status: { running: boolean; live: unknown; graph: unknown },
  settings: OtelSettings,
): void {
  const live = status.live as Record<string, unknown> | undefined;
  if (!live)
    io.print(
      `receivers: not running (configured gRPC :${settings.grpcPort}, HTTP :${settings.httpPort}; start with \`cgc otel start\` or \`cgc serve\`)`,
    );
  else {
    const r = live.receivers as Record<string, string>;
    const c = live.correlation as { rate: number; unmatched: number; matched: Record<string, number> };
    io.print(
      `receivers: ${Object.entries(r)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}  database: ${live.dbHealthy ? 'ok' : 'FAILING'}`,
    );
    io.print(
      `queue: ${live.queueDepth}/${live.queueCapacity}  spans/s: ${live.spansPerSecond}  lag: ${(live.lagMs as { last: number }).last} ms`,
    );
    io.print(
      `spans: received ${live.received}, written ${live.written}, rejected ${live.rejected}, refused ${live.refused} (requests refused: ${live.refusedRequests ?? 0}), dropped ${live.dropped}, re-delivered ${live.redelivered}`,
    );
    io.print(
      `correlation: ${(c.rate * 100).toFixed(1)}% matched ${JSON.stringify(c.matched)}, unmatched ${c.unmatched}`,
    );
  }
  const g = status.graph as Record<string, unknown>;
  if (g && !('error' in g)) {
    const corr = g.correlation as { rate: number; byStrategy: Record<string, number> };
    io.print(
      `graph: ${g.spans} spans, ${g.traces} traces, ${g.services} services; correlated ${(corr.rate * 100).toFixed(1)}% ${JSON.stringify(corr.byStrategy)}`,
    );
  } else if (g) io.print(`graph: unavailable (${String(g.error)})`);
}
