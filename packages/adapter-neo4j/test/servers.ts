import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The infra folder of the repository. */
export const INFRA = fileURLToPath(new URL('../../../infra/', import.meta.url));

/** The Neo4j versions the tests run against (CGC_TEST_NEO4J_VERSIONS narrows it, comma-separated). */
export const NEO4J_VERSIONS = (process.env.CGC_TEST_NEO4J_VERSIONS ?? '5.26.12,2025.12.1')
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);

/** A server started for the tests. */
export interface Neo4jServer {
  readonly version: string;
  readonly port: number;
  readonly uri: string;
  readonly password: string;
  /** The infra run folder holding its pid file. */
  readonly runDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jServers: Neo4jServer[];
    neo4jRunDir: string;
  }
}

/** Throws a message naming the install script when a version's jars are not in the cache. */
export function assertInstalled(version: string): void {
  const cache = process.env.CGC_INFRA_CACHE ?? join(homedir(), '.cache', 'cgc-infra');
  if (!existsSync(join(cache, `neo4j-${version}`, 'lib', '.complete'))) {
    throw new Error(
      `Neo4j ${version} is not installed in ${cache}: run infra/neo4j/install.sh ${version} ` +
        '(or infra/ci-prepare.sh for everything the tests need) before the tests',
    );
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts a Neo4j server through infra/neo4j/start.sh and waits until it answers Bolt. */
export async function startNeo4j(
  version: string,
  port: number,
  password: string,
  runDir: string,
  env: Record<string, string> = {},
): Promise<Neo4jServer> {
  try {
    await run('bash', [join(INFRA, 'neo4j', 'start.sh'), version, String(port), password], {
      // Two cores shared with the rest of the run: give a cold JVM time to start.
      env: { CGC_INFRA_TIMEOUT: '240', ...process.env, CGC_INFRA_RUN: runDir, ...env },
      timeout: 300_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`could not start Neo4j ${version} on port ${port}: ${e.stderr || e.message}`);
  }
  return { version, port, uri: `bolt://127.0.0.1:${port}`, password, runDir };
}

/** Stops servers by their pid files (all of the run folder when no name is given). */
export async function stopServers(runDir: string, ...names: string[]): Promise<void> {
  await run('bash', [join(INFRA, 'stop.sh'), ...names], { env: { ...process.env, CGC_INFRA_RUN: runDir } });
}

/** The process id of a running server, from its pid file. */
export function serverPid(runDir: string, name: string): number {
  return Number(readFileSync(join(runDir, `${name}.pid`), 'utf8').trim());
}
