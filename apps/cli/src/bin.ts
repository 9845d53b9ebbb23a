#!/usr/bin/env node
import { main } from './main.js';

const code = await main(process.argv.slice(2));
// Wait until stdout is flushed, then exit even if a plugin left a handle open.
process.stdout.write('', () => process.exit(code));
