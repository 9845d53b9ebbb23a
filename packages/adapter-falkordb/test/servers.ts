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

/** A FalkorDB server started for the tests. */
export interface FalkorServer {
  readonly port: number;
  readonly url: string;
  /** Set when the server requires a password. */
  readonly password?: string;
  readonly runDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    falkorServer: FalkorServer;
    falkorAuthServer: FalkorServer;
  }
}

/** Throws a message naming the install script when FalkorDB is not in the cache. */
export function assertInstalled(): void {
  const cache = process.env.CGC_INFRA_CACHE ?? join(homedir(), '.cache', 'cgc-infra');
  if (!existsSync(join(cache, 'falkordb-venv', '.complete'))) {
    throw new Error(
      `FalkorDB is not installed in ${cache}: run infra/falkordb/install.sh ` +
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

/** Starts FalkorDB through infra/falkordb/start.sh and waits until it answers. */
export async function startFalkor(port: number, runDir: string, password?: string): Promise<FalkorServer> {
  try {
    await run('bash', [join(INFRA, 'falkordb', 'start.sh'), String(port), ...(password ? [password] : [])], {
      env: { ...process.env, CGC_INFRA_RUN: runDir },
      timeout: 60_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`could not start FalkorDB on port ${port}: ${e.stderr || e.message}`);
  }
  return { port, url: `redis://127.0.0.1:${port}`, runDir, ...(password ? { password } : {}) };
}

/** Stops servers by their pid files (all of the run folder when no name is given). */
export async function stopServers(runDir: string, ...names: string[]): Promise<void> {
  await run('bash', [join(INFRA, 'stop.sh'), ...names], { env: { ...process.env, CGC_INFRA_RUN: runDir } });
}

/** The process id of a running server, from its pid file. */
export function serverPid(runDir: string, name: string): number {
  return Number(readFileSync(join(runDir, `${name}.pid`), 'utf8').trim());
}
