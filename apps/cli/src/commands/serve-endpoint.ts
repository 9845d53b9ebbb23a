import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CgcConfig } from '@cgc/core';

/** What `cgc serve` writes under CGC_HOME so that other `cgc` processes find it. */
export interface ServerEndpoint {
  readonly pid: number;
  /** Base URL, e.g. `http://127.0.0.1:8045`. */
  readonly url: string;
  /** Token of the internal graph endpoint (not the MCP token). */
  readonly token: string;
  readonly backend: string;
  /** The embedded database folder it owns, absolute. */
  readonly databasePath: string;
  readonly startedAt: string;
  readonly version: string;
}

/** Where the endpoint file lives. */
export function endpointFile(config: CgcConfig): string {
  return join(config.home, 'server.json');
}

/** A fresh internal token. */
export function newInternalToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Writes the endpoint file, readable by this user only, atomically. */
export function writeEndpoint(config: CgcConfig, endpoint: ServerEndpoint): void {
  mkdirSync(config.home, { recursive: true });
  const file = endpointFile(config);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(endpoint, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Removes the endpoint file if it is still ours. */
export function removeEndpoint(config: CgcConfig, pid = process.pid): void {
  const current = readEndpoint(config);
  if (current && current.pid === pid) rmSync(endpointFile(config), { force: true });
}

/** The endpoint file's content, or undefined when absent or unreadable. */
export function readEndpoint(config: CgcConfig): ServerEndpoint | undefined {
  try {
    const v = JSON.parse(readFileSync(endpointFile(config), 'utf8')) as Partial<ServerEndpoint>;
    if (typeof v.pid !== 'number' || typeof v.url !== 'string' || typeof v.token !== 'string')
      return undefined;
    return v as ServerEndpoint;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running server owning this configuration's embedded database, or undefined.
 * A file left by a dead process is removed; one naming this very process is ignored.
 */
export function liveEndpoint(config: CgcConfig): ServerEndpoint | undefined {
  if (config.database.backend !== 'kuzu') return undefined;
  const e = readEndpoint(config);
  if (!e || e.pid === process.pid) return undefined;
  if (!alive(e.pid)) {
    rmSync(endpointFile(config), { force: true });
    return undefined;
  }
  if (e.backend !== config.database.backend || e.databasePath !== embeddedPath(config)) return undefined;
  return e;
}

/** The embedded database folder a configuration names (the Kuzu adapter's default: `<home>/kuzu`). */
export function embeddedPath(config: CgcConfig): string {
  return resolve(config.database.kuzu.path ?? join(config.home, 'kuzu'));
}
