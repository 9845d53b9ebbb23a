import type { GraphAdapter } from './adapter.js';
import { type CgcConfig, type LoadConfigOptions, loadConfig, pluginSettings } from './config.js';
import { CORE_SCHEMA } from './core-schema.js';
import { CgcError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import type { CgcPlugin, PluginContext, PluginFactory } from './plugin.js';
import { discoverPlugins } from './plugin-discovery.js';
import { loadPlugins, type PluginRegistry } from './plugin-registry.js';
import { GraphStore } from './store.js';
import { CORE_VERSION } from './version.js';

/** Creates the adapter for the configured backend; provided by the host, which knows the adapter packages. */
export type AdapterFactory = (config: CgcConfig, logger: Logger) => Promise<GraphAdapter> | GraphAdapter;

/** Inputs of {@link createEngine}. */
export interface EngineOptions {
  /** A resolved config, or options to load one. */
  readonly config?: CgcConfig | LoadConfigOptions;
  readonly adapter: AdapterFactory;
  /** Core capabilities as plugins (indexing, queries), registered before discovered ones. */
  readonly builtins?: readonly (CgcPlugin | PluginFactory)[];
  /** Discover installed plugin packages (default true). */
  readonly discover?: boolean;
  readonly cwd?: string;
  readonly reservedCommands?: readonly string[];
  readonly logger?: Logger;
}

/** Configuration, plugins and the lazily opened graph store: everything a host needs. */
export interface Engine {
  readonly config: CgcConfig;
  readonly logger: Logger;
  readonly registry: PluginRegistry;
  /** The shared store, opened and schema-checked on first call. */
  store(): Promise<GraphStore>;
  /** The context handed to one plugin's parts. */
  context(pluginName: string): PluginContext;
  /** Stops services and closes the store; safe to call twice. */
  close(): Promise<void>;
}

/** Loads config and plugins and prepares the store; the database is opened only when first used. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const config = isConfig(options.config) ? options.config : loadConfig(options.config ?? {});
  const logger = options.logger ?? createLogger(config.logLevel);
  const cwd = options.cwd ?? process.cwd();
  const discovered =
    options.discover === false
      ? []
      : discoverPlugins({ cwd, global: config.plugins.global, extra: config.plugins.load });
  const registry = await loadPlugins({
    coreVersion: CORE_VERSION,
    builtins: options.builtins ?? [],
    discovered,
    disabled: config.plugins.disabled,
    timeoutMs: config.plugins.timeoutMs,
    reservedCommands: options.reservedCommands ?? [],
    settingsFor: (name) => pluginSettings(config, name),
  });
  for (const r of registry.records) {
    if (r.state !== 'loaded') logger.warn(`plugin ${r.name} ${r.state}: ${r.reason ?? ''}`);
  }

  let opening: Promise<GraphStore> | undefined;
  let closed = false;
  const store = () => {
    if (closed) return Promise.reject(new CgcError('CLOSED', 'engine is closed'));
    opening ??= (async () => {
      const adapter = await options.adapter(config, logger);
      const s = new GraphStore(adapter);
      try {
        await s.connect();
        await s.ensureSchema(CORE_SCHEMA, ...registry.plugins.flatMap((p) => (p.schema ? [p.schema] : [])));
      } catch (err) {
        opening = undefined;
        await s.close().catch(() => undefined);
        throw err;
      }
      return s;
    })();
    return opening;
  };

  const contexts = new Map<string, PluginContext>();
  const context = (pluginName: string): PluginContext => {
    let c = contexts.get(pluginName);
    if (!c) {
      c = {
        coreVersion: CORE_VERSION,
        config,
        settings: pluginSettings(config, pluginName),
        logger: logger.child(pluginName),
        store,
      };
      contexts.set(pluginName, c);
    }
    return c;
  };

  return {
    config,
    logger,
    registry,
    store,
    context,
    async close() {
      if (closed) return;
      closed = true;
      for (const { service } of registry.services)
        await Promise.resolve(service.stop()).catch(() => undefined);
      if (opening) await (await opening.catch(() => undefined))?.close();
    },
  };
}

function isConfig(c: EngineOptions['config']): c is CgcConfig {
  return typeof c === 'object' && c !== null && 'home' in c && 'database' in c;
}
