import type { CgcPlugin, Logger, PluginFactory } from '@cgc/core';
import { corePlugin } from './core-plugin.js';
import { type HostInfo, hostPlugin } from './host-plugin.js';

// A variable specifier keeps the indexer (and its parsers) out of the type graph and
// the bundle: it is loaded at run time, only by commands that build the registry.
const INDEXER = '@cgc/indexer';

async function indexerBuiltin(logger: Logger): Promise<CgcPlugin | undefined> {
  let mod: { indexerPlugin?: PluginFactory };
  try {
    mod = (await import(INDEXER)) as { indexerPlugin?: PluginFactory };
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
  const head: CgcPlugin[] = [...(indexer ? [indexer] : []), hostPlugin(host)];
  const taken = {
    commands: new Set(head.flatMap((p) => (p.commands ?? []).map((c) => c.name))),
    tools: new Set(head.flatMap((p) => (p.tools ?? []).map((t) => t.name))),
  };
  return [...head, corePlugin(taken)];
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
