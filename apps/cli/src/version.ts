import { createRequire } from 'node:module';

// Both src/ and dist/ sit one level below package.json.
const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** The version of this @cgc/cli. */
export const CLI_VERSION: string = pkg.version;
