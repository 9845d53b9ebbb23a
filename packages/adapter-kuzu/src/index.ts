export { defaultKuzuPath, KUZU_DB_FILE } from './database-location.js';
export { kuzuFromConfig, kuzuPathFromConfig } from './from-config.js';
export { createKuzuAdapter, type KuzuAdapterOptions } from './kuzu-adapter.js';
export { kuzuErrorCode } from './kuzu-errors.js';
export type {
  KuzuConnection,
  KuzuDatabase,
  KuzuModule,
  KuzuPreparedStatement,
  KuzuQueryResult,
} from './kuzu-module.js';
