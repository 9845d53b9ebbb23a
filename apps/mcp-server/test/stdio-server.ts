// A stdio MCP server process for the end-to-end tests: the same engine as the HTTP
// tests (FalkorDB from the environment, core tools, real indexer) behind serveStdio.
import { serveStdio } from '../src/stdio.js';
import { falkorEngine } from './e2e-env.js';

const engine = await falkorEngine(process.env);
const server = await serveStdio(engine);
await server.closed;
await engine.close();
