import { type CgcPlugin, coreToolsPlugin, type IndexerCapability, type Logger } from '@cgc/core';

// A variable specifier, as in load-builtins: the indexer loads at run time only.
const INDEXER = '@cgc/indexer';

async function indexerCapability(logger: Logger): Promise<IndexerCapability | undefined> {
  try {
    const mod = (await import(INDEXER)) as {
      indexRepository?: IndexerCapability['index'];
      watchRepository?: IndexerCapability['watch'];
    };
    if (typeof mod.indexRepository === 'function') {
      // With watchRepository, watch_directory applies changes incrementally as `cgc watch` does.
      return {
        index: mod.indexRepository,
        ...(typeof mod.watchRepository === 'function' ? { watch: mod.watchRepository } : {}),
      };
    }
    logger.debug(`${INDEXER} has no indexRepository export`);
  } catch (err) {
    logger.debug(`indexing tools unavailable: ${String((err as Error).message).split('\n')[0]}`);
  }
  return undefined;
}

/**
 * The core MCP tools, with indexing from `@cgc/indexer` handed in (core cannot import it).
 * Tools another builtin already provides are left out, so the two never clash.
 */
export async function coreToolsBuiltin(
  logger: Logger,
  taken: ReadonlySet<string>,
  cwd: string,
): Promise<CgcPlugin> {
  const indexer = await indexerCapability(logger);
  return coreToolsPlugin({ ...(indexer ? { indexer } : {}), omit: taken, cwd });
}
