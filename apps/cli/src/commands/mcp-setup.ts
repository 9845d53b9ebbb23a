import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CgcConfig, CgcError, type CommandSpec } from '@cgc/core';

/** Assistants `cgc mcp setup` knows. */
export const MCP_CLIENTS = ['claude-code', 'claude-desktop', 'cursor', 'vscode'] as const;
/** One of {@link MCP_CLIENTS}. */
export type McpClient = (typeof MCP_CLIENTS)[number];

/** Inputs of {@link mcpClientConfig}. */
export interface SetupOptions {
  readonly transport: 'stdio' | 'http';
  /** The command that runs cgc (default `cgc`). */
  readonly command: string;
  /** The MCP URL for http. */
  readonly url: string;
  /** Whether the server wants a bearer token (the config references it, never contains it). */
  readonly token: boolean;
  readonly cwd: string;
  readonly home?: string;
  readonly platform?: NodeJS.Platform;
}

/** Where a client's config lives and the entry cgc adds to it. */
export interface ClientConfig {
  readonly file: string;
  /** The top-level key holding servers (`mcpServers`, or `servers` for VS Code). */
  readonly key: string;
  readonly entry: Record<string, unknown>;
  /** Something to tell the user besides the file. */
  readonly note?: string;
}

function desktopConfigPath(home: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin')
    return join(home, 'Library/Application Support/Claude/claude_desktop_config.json');
  if (platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData/Roaming'), 'Claude/claude_desktop_config.json');
  return join(home, '.config/Claude/claude_desktop_config.json');
}

/** The config entry for one client. */
export function mcpClientConfig(client: McpClient, o: SetupOptions): ClientConfig {
  const [cmd, ...pre] = o.command.split(/\s+/).filter(Boolean);
  const stdio = { command: cmd ?? 'cgc', args: [...pre, 'mcp', 'start'] };
  const auth = (ref: string) => (o.token ? { headers: { Authorization: `Bearer ${ref}` } } : {});
  const home = o.home ?? homedir();
  switch (client) {
    case 'claude-code':
      return {
        file: join(o.cwd, '.mcp.json'),
        key: 'mcpServers',
        entry: o.transport === 'stdio' ? stdio : { type: 'http', url: o.url, ...auth('${CGC_MCP_TOKEN}') },
        note:
          o.transport === 'stdio'
            ? `or run: claude mcp add cgc -- ${o.command} mcp start`
            : `or run: claude mcp add --transport http cgc ${o.url}${o.token ? ' --header "Authorization: Bearer $CGC_MCP_TOKEN"' : ''}`,
      };
    case 'claude-desktop':
      return {
        file: desktopConfigPath(home, o.platform ?? process.platform),
        key: 'mcpServers',
        // Claude Desktop's config file starts local (stdio) servers only; mcp-remote bridges to HTTP.
        entry:
          o.transport === 'stdio'
            ? stdio
            : {
                command: 'npx',
                args: [
                  '-y',
                  'mcp-remote',
                  o.url,
                  ...(o.token ? ['--header', 'Authorization: Bearer ${CGC_MCP_TOKEN}'] : []),
                ],
                ...(o.token ? { env: { CGC_MCP_TOKEN: '<your token>' } } : {}),
              },
        note: 'restart Claude Desktop to load it',
      };
    case 'cursor':
      return {
        file: join(o.cwd, '.cursor/mcp.json'),
        key: 'mcpServers',
        entry: o.transport === 'stdio' ? stdio : { url: o.url, ...auth('${env:CGC_MCP_TOKEN}') },
      };
    case 'vscode':
      return {
        file: join(o.cwd, '.vscode/mcp.json'),
        key: 'servers',
        entry:
          o.transport === 'stdio'
            ? { type: 'stdio', ...stdio }
            : { type: 'http', url: o.url, ...auth('${input:cgc-token}') },
        ...(o.token ? { note: 'VS Code asks for the token (input "cgc-token") on first use' } : {}),
      };
  }
}

/** Adds (or replaces) the `cgc` entry in a client config file, keeping everything else. */
export function writeClientConfig(c: ClientConfig, name = 'cgc'): void {
  let doc: Record<string, unknown> = {};
  if (existsSync(c.file)) {
    try {
      doc = JSON.parse(readFileSync(c.file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new CgcError(
        'CONFIG_INVALID',
        `${c.file} is not valid JSON (${(err as Error).message}); fix it or add the entry by hand`,
      );
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      throw new CgcError('CONFIG_INVALID', `${c.file} does not hold a JSON object`);
  }
  const servers = (typeof doc[c.key] === 'object' && doc[c.key] !== null ? doc[c.key] : {}) as Record<
    string,
    unknown
  >;
  doc[c.key] = { ...servers, [name]: c.entry };
  mkdirSync(dirname(c.file), { recursive: true });
  writeFileSync(c.file, `${JSON.stringify(doc, null, 2)}\n`);
}

/** `cgc mcp setup <client>`: prints (or with --write, writes) the client's MCP config. */
export function mcpSetupCommand(config: () => CgcConfig, cwd: () => string): CommandSpec {
  return {
    name: 'setup',
    description: `Print (or --write) the MCP config for ${MCP_CLIENTS.join(', ')}`,
    args: [{ name: 'client', description: MCP_CLIENTS.join(' | '), required: true }],
    options: [
      {
        flags: '-t, --transport <transport>',
        description: 'stdio (cgc starts per session) or http (a running cgc serve)',
        default: 'stdio',
      },
      { flags: '--url <url>', description: 'MCP URL for http (default from CGC_MCP_HOST/CGC_MCP_PORT)' },
      {
        flags: '--command <command>',
        description: 'how the client runs cgc, e.g. "npx -y @cgc/cli"',
        default: 'cgc',
      },
      { flags: '--write', description: 'write the entry into the client config file instead of printing it' },
    ],
    run(args, options, _ctx, io) {
      const client = String(args.client) as McpClient;
      if (!MCP_CLIENTS.includes(client)) {
        throw new CgcError(
          'INVALID_INPUT',
          `unknown client "${String(args.client)}"; expected one of ${MCP_CLIENTS.join(', ')}`,
        );
      }
      const transport = String(options.transport);
      if (transport !== 'stdio' && transport !== 'http')
        throw new CgcError('INVALID_INPUT', `--transport must be stdio or http, got "${transport}"`);
      const c = config();
      const host = c.mcp.host === '0.0.0.0' || c.mcp.host === '::' ? '127.0.0.1' : c.mcp.host;
      const url = typeof options.url === 'string' ? options.url : `http://${host}:${c.mcp.port}/mcp`;
      const cc = mcpClientConfig(client, {
        transport,
        command: String(options.command),
        url,
        token: Boolean(c.mcp.token),
        cwd: cwd(),
      });
      const snippet = { [cc.key]: { cgc: cc.entry } };
      if (options.write) {
        writeClientConfig(cc);
        if (options.json) io.json({ written: cc.file, ...snippet });
        else io.print(`cgc: wrote the cgc entry to ${cc.file}${cc.note ? ` (${cc.note})` : ''}`);
      } else if (options.json) io.json({ file: cc.file, ...snippet });
      else {
        io.print(`# ${cc.file}`);
        io.print(JSON.stringify(snippet, null, 2));
        if (cc.note) io.print(`# ${cc.note}`);
      }
      return 0;
    },
  };
}
