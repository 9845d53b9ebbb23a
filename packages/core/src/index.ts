export type {
  AdapterCapabilities,
  DeleteScope,
  GraphAdapter,
  GraphNode,
  GraphParam,
  GraphParams,
  GraphPath,
  GraphRelationship,
  GraphRow,
  GraphScalar,
  NodeRow,
  QueryMode,
  QueryOptions,
  RelBatch,
  RelRow,
} from './adapter.js';
export { type CgcConfig, type CgcConfigInput, configSchema, ENV_VARS, type LoadConfigOptions, loadConfig, pluginSettings } from './config.js';
export { CORE_SCHEMA } from './core-schema.js';
export { type AdapterFactory, createEngine, type Engine, type EngineOptions } from './engine.js';
export { CgcError, type CgcErrorOptions, ERROR_CODES, type ErrorCode, isCgcError, toCgcError } from './errors.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export {
  type CgcPlugin,
  type CommandArg,
  type CommandIO,
  type CommandOption,
  type CommandSpec,
  definePlugin,
  defineTool,
  type PluginContext,
  type PluginFactory,
  type ServiceSpec,
  type ToolCallContext,
  type ToolSpec,
} from './plugin.js';
export { type DiscoveredPlugin, type DiscoveryOptions, discoverPlugins, searchRoots } from './plugin-discovery.js';
export {
  type LoadPluginsOptions,
  loadPlugins,
  type PluginRecord,
  type PluginRegistry,
  type PluginState,
  type RegisteredCommand,
  type RegisteredService,
  type RegisteredTool,
} from './plugin-registry.js';
export {
  defineSchema,
  type GraphSchema,
  mergeSchemas,
  type NodeDecl,
  nodeDecl,
  type PropertyType,
  type RelDecl,
  relDecl,
} from './schema.js';
export { BulkWriter, GraphStore, type GraphStoreOptions } from './store.js';
export { normaliseInteger } from './values.js';
export { CORE_VERSION } from './version.js';
export { z } from 'zod';
