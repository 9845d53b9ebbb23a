export { ADAPTERS, adapterFromConfig } from './adapters.js';
export { describeFailure, EXIT, exitCodeFor } from './exit-codes.js';
export { type MainOptions, main } from './main.js';
export { CLI_VERSION } from './version.js';
