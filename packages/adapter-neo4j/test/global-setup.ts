import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  assertInstalled,
  freePort,
  NEO4J_VERSIONS,
  type Neo4jServer,
  startNeo4j,
  stopServers,
} from './servers.js';

// Starts one real Neo4j server per tested version for the whole test run, and stops them after.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const v of NEO4J_VERSIONS) assertInstalled(v);
  const runDir = mkdtempSync(join(tmpdir(), 'cgc-neo4j-test-'));
  const password = `cgc-${randomBytes(8).toString('hex')}`;
  const teardown = async () => {
    await stopServers(runDir).catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  };
  let servers: Neo4jServer[];
  try {
    servers = await Promise.all(
      NEO4J_VERSIONS.map(async (v) => startNeo4j(v, await freePort(), password, runDir)),
    );
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide('neo4jServers', servers);
  project.provide('neo4jRunDir', runDir);
  return teardown;
}
