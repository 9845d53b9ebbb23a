import { type CgcPlugin, type Logger, type PluginFactory, queriesPlugin } from '@cgc/core';
import { coreToolsBuiltin } from '../commands/serve-core-tools.js';
import { corePlugin } from './core-plugin.js';
import { type HostInfo, hostPlugin } from './host-plugin.js';

// Variable specifiers keep the indexer (and its parsers) out of the type graph and the
// bundle. A light `/plugin` entry, when the indexer offers one, spares `cgc --help` the
// cost of loading the parsing pipeline just to learn the command names.
const INDEXER = '@cgc/indexer';
const INDEXER_LIGHT = '@cgc/indexer/plugin';

async function importIndexer(): Promise<{ indexerPlugin?: PluginFactory }> {
  try {
    return (await import(INDEXER_LIGHT)) as { indexerPlugin?: PluginFactory };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }
  return (await import(INDEXER)) as { indexerPlugin?: PluginFactory };
}

async function indexerBuiltin(logger: Logger): Promise<CgcPlugin | undefined> {
  let mod: { indexerPlugin?: PluginFactory };
  try {
    mod = await importIndexer();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const missing = e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(INDEXER);
    (missing ? logger.debug : logger.warn)(
      `builtin indexer unavailable: ${String(e.message).split('\n')[0]}`,
    );
    return undefined;
  }
  if (typeof mod.indexerPlugin !== 'function') {
    logger.debug(`${INDEXER} has no indexerPlugin export yet`);
    return undefined;
  }
  try {
    return await mod.indexerPlugin();
  } catch (err) {
    logger.warn(`builtin indexer failed to start: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * Core capabilities as plugins: the indexer's, the host's own commands, and the core
 * queries not provided yet by another builtin. Builtins load before discovered plugins,
 * so a third-party plugin can never take their names.
 */
export async function loadBuiltins(host: HostInfo, logger: Logger): Promise<CgcPlugin[]> {
  const indexer = await indexerBuiltin(logger);
  const head: CgcPlugin[] = [...(indexer ? [indexer] : []), hostPlugin(host), queriesPlugin()];
  const taken = {
    commands: new Set(head.flatMap((p) => (p.commands ?? []).map((c) => c.name))),
    tools: new Set(head.flatMap((p) => (p.tools ?? []).map((t) => t.name))),
  };
  const tools = await coreToolsBuiltin(logger, taken.tools, host.cwd);
  for (const t of tools.tools ?? []) taken.tools.add(t.name);
  return [...head, tools, corePlugin(taken)];
}

/** Command names of the design that no third-party plugin may take, even before cgc provides them. */
export const DESIGNED_COMMANDS = [
  'index',
  'watch',
  'unwatch',
  'list',
  'delete',
  'stats',
  'find',
  'analyze',
  'query',
  'serve',
  'mcp',
  'plugin',
  'doctor',
  'config',
  'help',
] as const;
