import type { z } from 'zod';
import type { CgcConfig } from './config.js';
import type { Logger } from './logger.js';
import type { GraphSchema } from './schema.js';
import type { GraphStore } from './store.js';

/** What a plugin's parts receive when they run: shared store, config, logger. */
export interface PluginContext {
  readonly coreVersion: string;
  readonly config: CgcConfig;
  /** Settings for this plugin from config `plugins.settings.<name>` and `CGC_PLUGIN_<NAME>_*` variables. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly logger: Logger;
  /** The shared graph store, opened on first use. Plugins never open their own connection. */
  store(): Promise<GraphStore>;
}

/** A positional argument of a CLI command. */
export interface CommandArg {
  readonly name: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly variadic?: boolean;
}

/** An option of a CLI command, in commander's flag syntax (`-l, --limit <n>`). */
export interface CommandOption {
  readonly flags: string;
  readonly description?: string;
  readonly default?: string | boolean | number;
}

/** What a running command can use besides the plugin context. */
export interface CommandIO {
  /** Writes a line to stdout. */
  print(text: string): void;
  /** Prints a value as JSON. */
  json(value: unknown): void;
  readonly isTTY: boolean;
  readonly signal: AbortSignal;
}

/** A CLI command; a command with subcommands is a group (`cgc otel start`). */
export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly args?: readonly CommandArg[];
  readonly options?: readonly CommandOption[];
  readonly subcommands?: readonly CommandSpec[];
  /** Runs the command; returns an exit code (0 when omitted). */
  run?(
    args: Readonly<Record<string, string | string[] | undefined>>,
    options: Readonly<Record<string, unknown>>,
    ctx: PluginContext,
    io: CommandIO,
  ): Promise<number | undefined> | number | undefined;
}

/** What a running tool may report. */
export interface ToolCallContext {
  readonly signal: AbortSignal;
  /** Reports progress (sent as MCP progress notifications when the client asked). */
  progress(done: number, total?: number, message?: string): void;
}

/** An MCP tool: input validated by zod; the handler returns a JSON-serialisable result. */
export interface ToolSpec<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly input: S;
  /** Shape of the structured result, when the tool returns one (MCP `outputSchema`). */
  readonly output?: z.ZodRawShape;
  readonly readOnly?: boolean;
  handler(
    input: z.infer<z.ZodObject<S>>,
    ctx: PluginContext,
    call: ToolCallContext,
  ): Promise<unknown> | unknown;
}

/** A long-running service (a receiver, a listener, a watcher) started by `cgc serve`. */
export interface ServiceSpec {
  readonly name: string;
  start(ctx: PluginContext): Promise<void> | void;
  /** Stops the service; must be safe to call twice. */
  stop(): Promise<void> | void;
  /** A status snapshot for `doctor` and status tools. */
  status?(): Record<string, unknown>;
}

/** What a plugin factory returns: all optional but the name. */
export interface CgcPlugin {
  readonly name: string;
  readonly version?: string;
  /** Range of @cgc/core versions this plugin supports (semver), e.g. `^0.1.0`. */
  readonly coreRange?: string;
  readonly schema?: GraphSchema;
  readonly commands?: readonly CommandSpec[];
  readonly tools?: readonly ToolSpec[];
  readonly services?: readonly ServiceSpec[];
}

/** A plugin factory: the default export of a plugin package. */
export type PluginFactory = (options?: Record<string, unknown>) => CgcPlugin | Promise<CgcPlugin>;

/** Identity helper giving plugin authors types. */
export function definePlugin(factory: PluginFactory): PluginFactory {
  return factory;
}

/** Identity helper typing a tool's handler input from its zod shape. */
export function defineTool<S extends z.ZodRawShape>(tool: ToolSpec<S>): ToolSpec {
  return tool as unknown as ToolSpec;
}
