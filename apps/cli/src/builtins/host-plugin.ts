import { CgcError, type CgcPlugin, type CommandSpec, type Engine } from '@cgc/core';
import { mcpSetupCommand } from '../commands/mcp-setup.js';
import { runHttpServer, serveCommand } from '../commands/serve.js';
import { table } from '../output.js';
import { type DoctorHost, runDoctor } from './doctor.js';
import { describeRecord } from './records.js';

/** What the host commands need from the running cli. */
export interface HostInfo extends DoctorHost {
  /** The engine, available once plugins have loaded (commands only run after that). */
  engine(): Engine;
}

function pluginCommand(host: HostInfo): CommandSpec {
  return {
    name: 'plugin',
    description: 'Inspect installed plugins',
    subcommands: [
      {
        name: 'list',
        description: 'List every plugin found, with its state and why it did not load',
        run(_args, options, _ctx, io) {
          const records = host.engine().registry.records;
          if (options.json) io.json(records.map(describeRecord));
          else {
            io.print(
              table(
                ['NAME', 'VERSION', 'PACKAGE', 'STATE', 'REASON'],
                records.map((r) => [r.name, r.version, r.packageName, r.state, r.reason ?? '']),
              ),
            );
          }
          return 0;
        },
      },
    ],
  };
}

function mcpCommand(host: HostInfo): CommandSpec {
  return {
    name: 'mcp',
    description: 'Run the MCP server that exposes the code graph to AI assistants',
    subcommands: [
      {
        name: 'start',
        description: 'Serve every core and plugin tool over MCP (stdio by default)',
        options: [
          {
            flags: '-t, --transport <transport>',
            description: 'stdio, or http (Streamable HTTP on CGC_MCP_HOST:CGC_MCP_PORT)',
            default: 'stdio',
          },
          { flags: '--host <address>', description: 'http bind address (default 127.0.0.1)' },
          { flags: '-p, --port <port>', description: 'http port (default 8045)' },
        ],
        async run(_args, options, _ctx, io) {
          const transport = String(options.transport);
          if (transport === 'http') {
            return runHttpServer(host, io, {
              services: false,
              json: options.json === true,
              ...(typeof options.host === 'string' ? { host: options.host } : {}),
              ...(options.port === undefined ? {} : { port: options.port as number }),
            });
          }
          if (transport !== 'stdio') {
            throw new CgcError('INVALID_INPUT', `unknown transport "${transport}"; expected stdio or http`);
          }
          // Imported here so that only `mcp start` pays for loading the MCP SDK.
          const { serveStdio } = await import('@cgc/mcp-server');
          const server = await serveStdio(host.engine(), { version: host.version });
          const stop = () => void server.close();
          io.signal.addEventListener('abort', stop, { once: true });
          process.once('SIGTERM', stop);
          await server.closed;
          process.off('SIGTERM', stop);
          return 0;
        },
      },
      mcpSetupCommand(
        () => host.engine().config,
        () => host.cwd,
      ),
    ],
  };
}

function doctorCommand(host: HostInfo): CommandSpec {
  return {
    name: 'doctor',
    description: 'Check configuration, database reachability and plugins',
    options: [
      { flags: '--timeout <ms>', description: 'how long to wait for the database', default: '15000' },
    ],
    async run(_args, options, _ctx, io) {
      const timeoutMs = Number(options.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        throw new CgcError(
          'INVALID_INPUT',
          `--timeout must be a positive number of milliseconds, got "${String(options.timeout)}"`,
        );
      }
      return runDoctor(host, io, { json: options.json === true, timeoutMs });
    },
  };
}

/** The host's own commands (plugin list, doctor, mcp start), registered through the plugin contract. */
export function hostPlugin(host: HostInfo): CgcPlugin {
  return {
    name: 'cli',
    version: host.version,
    commands: [pluginCommand(host), doctorCommand(host), mcpCommand(host), serveCommand(host)],
  };
}
