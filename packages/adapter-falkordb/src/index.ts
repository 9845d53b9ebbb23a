export { createFalkorAdapter, type FalkorAdapterOptions } from './falkordb-adapter.js';
export { falkorFromConfig } from './from-config.js';
