import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { falkorFromConfig } from '@cgc/adapter-falkordb';
import { coreToolsPlugin, createEngine, type Engine, loadConfig } from '@cgc/core';
import { indexRepository } from '@cgc/indexer';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

/** The repository root and the infra scripts. */
export const ROOT = resolve(here, '../../..');
const INFRA = join(ROOT, 'infra');
/** The fixture repository the end-to-end tests index. */
export const FIXTURE_REPO = resolve(here, '../fixtures/py-shop');

/** True when infra/falkordb/install.sh has put FalkorDB in the cache. */
export function falkorInstalled(): boolean {
  const cache = process.env.CGC_INFRA_CACHE ?? join(homedir(), '.cache', 'cgc-infra');
  return existsSync(join(cache, 'falkordb-venv', '.complete'));
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

/** Starts FalkorDB on `port` through the infra script, its files in `runDir`. */
export async function startFalkor(port: number, runDir: string): Promise<string> {
  await run('bash', [join(INFRA, 'falkordb', 'start.sh'), String(port)], {
    env: { ...process.env, CGC_INFRA_RUN: runDir },
    timeout: 60_000,
  });
  return `redis://127.0.0.1:${port}`;
}

/** Stops the FalkorDB on `port` by its pid file and waits until it has exited. */
export async function stopFalkor(runDir: string, port: number): Promise<void> {
  const pidfile = join(runDir, `falkordb-${port}.pid`);
  if (!existsSync(pidfile)) return;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  rmSync(pidfile, { force: true });
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(pid, 'SIGKILL');
}

/** The environment selecting FalkorDB for an engine or a `cgc` process. */
export function falkorEnv(url: string, graph: string, home: string): NodeJS.ProcessEnv {
  return {
    CGC_HOME: home,
    CGC_DATABASE: 'falkordb',
    FALKORDB_URL: url,
    FALKORDB_GRAPH: graph,
    CGC_LOG_LEVEL: 'error',
  };
}

/** An engine on FalkorDB with the core tools and the real indexer. */
export async function falkorEngine(env: NodeJS.ProcessEnv): Promise<Engine> {
  return createEngine({
    config: loadConfig({ env }),
    adapter: (config) => falkorFromConfig(config),
    builtins: [coreToolsPlugin({ indexer: { index: indexRepository }, cwd: ROOT })],
    discover: false,
  });
}
