import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { CORE_SCHEMA, createLogger, GraphStore } from '@cgc/core';
import { OTEL_SCHEMA } from '../src/schema.js';
import { type OtelSettings, parseSettings } from '../src/settings.js';

/** A real embedded Kuzu store in a temporary folder, with core and OTEL schema. */
export async function openStore(): Promise<{ store: GraphStore; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-otel-'));
  const store = new GraphStore(createKuzuAdapter({ path: join(dir, 'kuzu') }), {
    attempts: 2,
    backoffMs: 20,
  });
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA, OTEL_SCHEMA);
  return {
    store,
    dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The root folder of the example app `examples/otel-hono`. */
export const EXAMPLE_ROOT = dirname(
  createRequire(import.meta.url).resolve('@cgc/example-otel-hono/package.json'),
);

/** Receiver settings for tests: free ports, fast flushes, the example's container path mapped to the repository. */
export function testSettings(extra: Record<string, unknown> = {}): OtelSettings {
  return parseSettings({
    grpcPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    flushIntervalMs: 20,
    pathMappings: `/srv/orders=${EXAMPLE_ROOT}`,
    ...extra,
  });
}

/** A quiet logger (set CGC_TEST_LOG=debug to see the plugin's lines). */
export const logger = createLogger((process.env.CGC_TEST_LOG as 'debug' | undefined) ?? 'silent');

/** The line of the first match of `pattern` in a file (1-based). */
export function lineOf(file: string, pattern: string): number {
  const i = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(pattern));
  if (i < 0) throw new Error(`${pattern} not in ${file}`);
  return i + 1;
}
