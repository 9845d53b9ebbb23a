import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CgcError } from './errors.js';

const port = z.coerce.number().int().min(0).max(65535);

/** The configuration schema; docs/configuration.md lists every key and variable. */
export const configSchema = z.object({
  home: z.string().min(1),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  database: z
    .object({
      backend: z.enum(['kuzu', 'neo4j', 'falkordb']).default('kuzu'),
      kuzu: z
        .object({
          path: z.string().optional(),
          /** Kuzu's page cache in MB; default a quarter of the machine's memory, at most 2048. */
          bufferPoolMb: z.coerce.number().int().min(16).optional(),
        })
        .prefault({}),
      neo4j: z
        .object({
          uri: z.string().default('bolt://localhost:7687'),
          username: z.string().default('neo4j'),
          password: z.string().optional(),
          database: z.string().optional(),
        })
        .prefault({}),
      falkordb: z
        .object({
          url: z.string().optional(),
          host: z.string().default('localhost'),
          port: port.default(6379),
          password: z.string().optional(),
          graph: z.string().default('cgc'),
        })
        .prefault({}),
    })
    .prefault({}),
  mcp: z
    .object({
      port: port.default(8045),
      host: z.string().default('127.0.0.1'),
      corsOrigin: z.string().default('*'),
      token: z.string().optional(),
      maxBodyBytes: z.coerce
        .number()
        .int()
        .positive()
        .default(4 * 1024 * 1024),
    })
    .prefault({}),
  plugins: z
    .object({
      /** Extra plugin packages or paths to load besides discovered ones. */
      load: z.array(z.string()).default([]),
      /** Plugin names not to load. */
      disabled: z.array(z.string()).default([]),
      /** Search the global node_modules too. */
      global: z.boolean().default(true),
      timeoutMs: z.coerce.number().int().positive().default(5000),
      settings: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    })
    .prefault({}),
  index: z
    .object({
      maxFileBytes: z.coerce
        .number()
        .int()
        .positive()
        .default(2 * 1024 * 1024),
      storeSource: z.boolean().default(true),
      workers: z.coerce.number().int().min(0).optional(),
      /** How long one file may take to parse on a worker before it is skipped with a warning (ms). */
      fileTimeoutMs: z.coerce.number().int().positive().default(60_000),
      /** Ignore files read in every directory, with gitignore semantics; `[]` reads none. */
      ignoreFiles: z.array(z.string().min(1)).default(['.gitignore', '.cgcignore']),
    })
    .prefault({}),
});

/** The resolved configuration. */
export type CgcConfig = z.infer<typeof configSchema>;

/** A deep-partial config as written in files or passed as flags. */
export type CgcConfigInput = Record<string, unknown>;

/** Where configuration comes from, lowest precedence first. */
export interface LoadConfigOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Values from command-line flags (highest precedence). */
  readonly flags?: CgcConfigInput;
  /** An explicit config file (else `CGC_CONFIG`, `./cgc.config.json`, `$CGC_HOME/config.json`). */
  readonly file?: string;
}

/** Environment variables read by core, with the config key each sets. */
export const ENV_VARS: Readonly<Record<string, string>> = {
  CGC_HOME: 'home',
  CGC_CONFIG: '(config file path)',
  CGC_LOG_LEVEL: 'logLevel',
  CGC_DATABASE: 'database.backend',
  CGC_KUZU_PATH: 'database.kuzu.path',
  CGC_KUZU_BUFFER_POOL_MB: 'database.kuzu.bufferPoolMb',
  NEO4J_URI: 'database.neo4j.uri',
  NEO4J_USERNAME: 'database.neo4j.username',
  NEO4J_PASSWORD: 'database.neo4j.password',
  NEO4J_DATABASE: 'database.neo4j.database',
  FALKORDB_URL: 'database.falkordb.url',
  FALKORDB_HOST: 'database.falkordb.host',
  FALKORDB_PORT: 'database.falkordb.port',
  FALKORDB_PASSWORD: 'database.falkordb.password',
  FALKORDB_GRAPH: 'database.falkordb.graph',
  CGC_MCP_PORT: 'mcp.port',
  CGC_MCP_HOST: 'mcp.host',
  CGC_CORS_ORIGIN: 'mcp.corsOrigin',
  CGC_MCP_TOKEN: 'mcp.token',
  CGC_PLUGINS: 'plugins.load (comma-separated)',
  CGC_PLUGINS_DISABLED: 'plugins.disabled (comma-separated)',
  CGC_PLUGIN_TIMEOUT_MS: 'plugins.timeoutMs',
  CGC_MAX_FILE_BYTES: 'index.maxFileBytes',
  CGC_FILE_TIMEOUT_MS: 'index.fileTimeoutMs',
};

/** Loads configuration: defaults < config file < environment < flags, validated. */
export function loadConfig(options: LoadConfigOptions = {}): CgcConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const home = env.CGC_HOME ? resolve(cwd, env.CGC_HOME) : join(homedir(), '.cgc');
  const file =
    options.file ??
    env.CGC_CONFIG ??
    [join(cwd, 'cgc.config.json'), join(home, 'config.json')].find((p) => existsSync(p));
  let fromFile: CgcConfigInput = {};
  if (file) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as CgcConfigInput;
    } catch (err) {
      throw new CgcError('CONFIG_INVALID', `cannot read config file ${file}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
      throw new CgcError('CONFIG_INVALID', `config file ${file} must hold a JSON object`);
    }
  }
  const merged = deepMerge(deepMerge(deepMerge({ home }, fromFile), fromEnv(env)), options.flags ?? {});
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '?';
    throw new CgcError(
      'CONFIG_INVALID',
      `invalid configuration at ${where}: ${first?.message ?? 'invalid'}`,
      {
        details: { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
      },
    );
  }
  return parsed.data;
}

/** Settings of one plugin: config `plugins.settings.<name>` overlaid with `CGC_PLUGIN_<NAME>_<KEY>` variables. */
export function pluginSettings(config: CgcConfig, name: string, env: NodeJS.ProcessEnv = process.env) {
  const out: Record<string, unknown> = { ...(config.plugins.settings[name] ?? {}) };
  const prefix = `CGC_PLUGIN_${name
    .replace(/^@[^/]+\//, '')
    .replace(/^plugin-/, '')
    .replace(/[^A-Za-z0-9]/g, '_')
    .toUpperCase()}_`;
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && k.startsWith(prefix)) {
      const key = k
        .slice(prefix.length)
        .toLowerCase()
        .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      out[key] = v;
    }
  }
  return out;
}

function fromEnv(env: NodeJS.ProcessEnv): CgcConfigInput {
  const out: CgcConfigInput = {};
  const list = (v: string) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  for (const [name, key] of Object.entries(ENV_VARS)) {
    const v = env[name];
    if (v === undefined || v === '' || key.startsWith('(') || name === 'CGC_HOME') continue;
    const path = key.split(' ')[0]!.split('.');
    setPath(out, path, key.includes('comma-separated') ? list(v) : v);
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let t = target;
  for (const p of path.slice(0, -1)) {
    t[p] = typeof t[p] === 'object' && t[p] !== null ? t[p] : {};
    t = t[p] as Record<string, unknown>;
  }
  t[path[path.length - 1]!] = value;
}

function deepMerge(a: CgcConfigInput, b: CgcConfigInput): CgcConfigInput {
  const out: CgcConfigInput = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] = isPlain(prev) && isPlain(v) ? deepMerge(prev as CgcConfigInput, v as CgcConfigInput) : v;
  }
  return out;
}

function isPlain(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
