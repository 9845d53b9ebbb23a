import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AdapterFactory, type CgcConfig, CgcError, type GraphAdapter } from '@cgc/core';
import { serverAdapter } from './commands/serve-remote.js';

/** Which package and export serve each backend; imported only when the store is first used. */
export const ADAPTERS: Readonly<Record<CgcConfig['database']['backend'], { pkg: string; factory: string }>> =
  {
    kuzu: { pkg: '@cgc/adapter-kuzu', factory: 'kuzuFromConfig' },
    neo4j: { pkg: '@cgc/adapter-neo4j', factory: 'neo4jFromConfig' },
    falkordb: { pkg: '@cgc/adapter-falkordb', factory: 'falkorFromConfig' },
  };

// Adapters take the whole config and read their own section (`neo4jFromConfig(config)`).
type FromConfig = (config: CgcConfig) => GraphAdapter | Promise<GraphAdapter>;

/** The adapter factory for the engine: maps `database.backend` to its package, found next to cgc or in the project. */
export function adapterFromConfig(cwd: string, table: typeof ADAPTERS = ADAPTERS): AdapterFactory {
  return async (config, logger) => {
    // While `cgc serve` owns the embedded database, work through it instead of hitting its lock.
    const routed = await serverAdapter(config, logger);
    if (routed) return routed;
    const entry = table[config.database.backend];
    const mod = await importAdapter(entry.pkg, cwd);
    const factory = mod[entry.factory];
    if (typeof factory !== 'function') {
      throw new CgcError(
        'UNSUPPORTED',
        `${entry.pkg} does not export ${entry.factory}(); is it too old for this cgc?`,
      );
    }
    return (factory as FromConfig)(config);
  };
}

async function importAdapter(pkg: string, cwd: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pkg)) as Record<string, unknown>;
  } catch (err) {
    if (!isNotFound(err, pkg)) throw err;
  }
  // Not a dependency of the cli: an adapter the user installed in the project also works.
  let resolved: string;
  try {
    resolved = createRequire(join(cwd, 'noop.js')).resolve(pkg);
  } catch {
    throw new CgcError(
      'UNSUPPORTED',
      `the database adapter ${pkg} is not installed; install it (npm i ${pkg}) or choose another backend`,
    );
  }
  return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
}

function isNotFound(err: unknown, pkg: string): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') &&
    typeof e.message === 'string' &&
    e.message.includes(pkg)
  );
}
