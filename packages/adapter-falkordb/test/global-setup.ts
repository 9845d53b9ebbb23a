import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertInstalled, freePort, startFalkor, stopServers } from './servers.js';

// Starts a real FalkorDB server (and one that requires a password) for the whole run, and stops them after.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertInstalled();
  const runDir = mkdtempSync(join(tmpdir(), 'cgc-falkordb-test-'));
  const teardown = async () => {
    await stopServers(runDir).catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    project.provide('falkorServer', await startFalkor(await freePort(), runDir));
    project.provide(
      'falkorAuthServer',
      await startFalkor(await freePort(), runDir, randomBytes(8).toString('hex')),
    );
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
