import { join } from 'node:path';
import type { AdapterFactory, CgcConfig } from '@cgc/core';
import { createKuzuAdapter } from './kuzu-adapter.js';

/** The database folder a configuration selects: `database.kuzu.path`, else `<home>/kuzu`. */
export function kuzuPathFromConfig(config: CgcConfig): string {
  return config.database.kuzu.path ?? join(config.home, 'kuzu');
}

/** An {@link AdapterFactory} opening the Kuzu database named by the configuration. */
export const kuzuFromConfig: AdapterFactory = (config) => {
  const mb = config.database.kuzu.bufferPoolMb;
  return createKuzuAdapter({
    path: kuzuPathFromConfig(config),
    ...(mb === undefined ? {} : { bufferPoolSize: mb * 1024 * 1024 }),
  });
};
