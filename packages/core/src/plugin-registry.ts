import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';
import { CgcError, type ErrorCode, isCgcError } from './errors.js';
import type { CgcPlugin, CommandSpec, PluginFactory, ServiceSpec, ToolSpec } from './plugin.js';
import type { DiscoveredPlugin } from './plugin-discovery.js';

/** What happened to one plugin. */
export type PluginState = 'loaded' | 'skipped' | 'failed';

/** One line of `cgc plugin list`. */
export interface PluginRecord {
  readonly name: string;
  readonly version: string;
  /** The package it came from, or `builtin`. */
  readonly packageName: string;
  readonly state: PluginState;
  /** Why it was skipped or failed, one line. */
  readonly reason?: string;
  readonly code?: ErrorCode;
  readonly builtin: boolean;
  readonly plugin?: CgcPlugin;
}

/** A tool together with the plugin it comes from. */
export interface RegisteredTool {
  readonly plugin: string;
  readonly tool: ToolSpec;
}

/** A top-level command together with the plugin it comes from. */
export interface RegisteredCommand {
  readonly plugin: string;
  readonly builtin: boolean;
  readonly command: CommandSpec;
}

/** A service together with the plugin it comes from. */
export interface RegisteredService {
  readonly plugin: string;
  readonly service: ServiceSpec;
}

/** Inputs of {@link loadPlugins}. */
export interface LoadPluginsOptions {
  readonly coreVersion: string;
  /** Core capabilities, registered through the same contract, first. */
  readonly builtins?: readonly (CgcPlugin | PluginFactory)[];
  readonly discovered?: readonly DiscoveredPlugin[];
  /** Plugin names or package names not to load. */
  readonly disabled?: readonly string[];
  readonly timeoutMs?: number;
  /** Command names the host keeps for itself (`plugin`, `doctor`, `mcp`, …). */
  readonly reservedCommands?: readonly string[];
  /** Settings passed to each factory, by plugin package name. */
  readonly settingsFor?: (packageName: string) => Record<string, unknown>;
}

/** The loaded plugins and everything they contribute, without clashes. */
export interface PluginRegistry {
  readonly records: readonly PluginRecord[];
  readonly plugins: readonly CgcPlugin[];
  readonly tools: readonly RegisteredTool[];
  readonly commands: readonly RegisteredCommand[];
  readonly services: readonly RegisteredService[];
}

/**
 * Loads builtin and discovered plugins, each in isolation: a plugin that throws,
 * hangs, wants another core version or clashes with an earlier one is recorded
 * with a one-line reason and the rest still load.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<PluginRegistry> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const disabled = new Set(options.disabled ?? []);
  const records: PluginRecord[] = [];
  const names = new Set<string>();
  const toolNames = new Map<string, string>();
  const commandNames = new Map<string, string>((options.reservedCommands ?? []).map((c) => [c, 'cgc']));
  const tools: RegisteredTool[] = [];
  const commands: RegisteredCommand[] = [];
  const services: RegisteredService[] = [];

  const admit = (plugin: CgcPlugin, packageName: string, builtin: boolean, version: string): PluginRecord => {
    const base = { name: plugin.name, version: plugin.version ?? version, packageName, builtin };
    if (names.has(plugin.name)) {
      return {
        ...base,
        state: 'failed',
        code: 'PLUGIN_CONFLICT',
        reason: `a plugin named "${plugin.name}" is already loaded`,
      };
    }
    for (const t of plugin.tools ?? []) {
      const owner = toolNames.get(t.name);
      if (owner)
        return {
          ...base,
          state: 'failed',
          code: 'PLUGIN_CONFLICT',
          reason: `tool "${t.name}" is already provided by ${owner}`,
        };
    }
    for (const c of plugin.commands ?? []) {
      const owner = commandNames.get(c.name);
      if (owner) {
        return {
          ...base,
          state: 'failed',
          code: 'PLUGIN_CONFLICT',
          reason:
            owner === 'cgc'
              ? `command "${c.name}" is a core command`
              : `command "${c.name}" is already provided by ${owner}`,
        };
      }
    }
    names.add(plugin.name);
    for (const t of plugin.tools ?? []) {
      toolNames.set(t.name, plugin.name);
      tools.push({ plugin: plugin.name, tool: t });
    }
    for (const c of plugin.commands ?? []) {
      commandNames.set(c.name, plugin.name);
      commands.push({ plugin: plugin.name, builtin, command: c });
    }
    for (const s of plugin.services ?? []) services.push({ plugin: plugin.name, service: s });
    return { ...base, state: 'loaded', plugin };
  };

  for (const b of options.builtins ?? []) {
    try {
      const plugin = typeof b === 'function' ? await b() : b;
      records.push(admit(plugin, 'builtin', true, options.coreVersion));
    } catch (err) {
      const name = typeof b === 'function' ? b.name || 'builtin' : b.name;
      const msg = err instanceof Error ? err.message : String(err);
      records.push({
        name,
        version: options.coreVersion,
        packageName: 'builtin',
        builtin: true,
        state: 'failed',
        code: isCgcError(err) ? err.code : 'PLUGIN_LOAD_FAILED',
        reason: firstLine(msg),
      });
    }
  }

  for (const d of options.discovered ?? []) {
    const base = { name: d.packageName, version: d.version, packageName: d.packageName, builtin: false };
    if (disabled.has(d.packageName)) {
      records.push({
        ...base,
        state: 'skipped',
        code: 'PLUGIN_INCOMPATIBLE',
        reason: 'disabled in configuration',
      });
      continue;
    }
    const range = normaliseRange(d.coreRange);
    if (range && !satisfies(options.coreVersion, range, { includePrerelease: true })) {
      records.push({
        ...base,
        state: 'skipped',
        code: 'PLUGIN_INCOMPATIBLE',
        reason: `${d.packageName}@${d.version} supports @cgc/core ${range}, this is ${options.coreVersion}`,
      });
      continue;
    }
    try {
      const plugin = await withTimeout(
        instantiate(d, options.settingsFor?.(d.packageName) ?? {}),
        timeoutMs,
        `${d.packageName} did not load within ${timeoutMs} ms`,
      );
      if (disabled.has(plugin.name)) {
        records.push({ ...base, name: plugin.name, state: 'skipped', reason: 'disabled in configuration' });
        continue;
      }
      const declared = normaliseRange(plugin.coreRange);
      if (declared && !satisfies(options.coreVersion, declared, { includePrerelease: true })) {
        records.push({
          ...base,
          name: plugin.name,
          state: 'skipped',
          code: 'PLUGIN_INCOMPATIBLE',
          reason: `${plugin.name}@${plugin.version ?? d.version} supports @cgc/core ${declared}, this is ${options.coreVersion}`,
        });
        continue;
      }
      records.push(admit(plugin, d.packageName, false, d.version));
    } catch (err) {
      const code: ErrorCode = isCgcError(err) ? err.code : 'PLUGIN_LOAD_FAILED';
      const msg = err instanceof Error ? err.message : String(err);
      records.push({ ...base, state: 'failed', code, reason: firstLine(msg) });
    }
  }

  const loaded = records.filter((r) => r.state === 'loaded' && r.plugin);
  return { records, plugins: loaded.map((r) => r.plugin!), tools, commands, services };
}

async function instantiate(d: DiscoveredPlugin, settings: Record<string, unknown>): Promise<CgcPlugin> {
  let entry: string;
  try {
    entry = createRequire(join(d.dir, 'noop.js')).resolve(d.packageName);
  } catch {
    try {
      entry = createRequire(join(d.dir, 'noop.js')).resolve(d.dir);
    } catch (err) {
      throw new CgcError(
        'PLUGIN_LOAD_FAILED',
        `cannot resolve the entry of ${d.packageName}: ${(err as Error).message}`,
      );
    }
  }
  const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const exported = mod.default ?? mod.plugin ?? mod.createPlugin;
  const value = typeof exported === 'function' ? await (exported as PluginFactory)(settings) : exported;
  if (typeof value !== 'object' || value === null || typeof (value as CgcPlugin).name !== 'string') {
    throw new CgcError(
      'PLUGIN_LOAD_FAILED',
      `${d.packageName} exports no plugin (a factory returning { name })`,
    );
  }
  return value as CgcPlugin;
}

function normaliseRange(range: string | undefined): string | undefined {
  if (!range) return undefined;
  // Inside a pnpm workspace the peer range is a workspace protocol: always the local core.
  if (range.startsWith('workspace:')) return undefined;
  return validRange(range) ? range : undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Referenced on purpose: a plugin that never settles must not let the process exit first.
    timer = setTimeout(() => reject(new CgcError('PLUGIN_TIMEOUT', message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).slice(0, 300);
}
