import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@cgc/core';
import {
  importTraceFile,
  isTraceFile,
  type TraceImportDeps,
  type TraceImportResult,
} from './import-trace.js';

/**
 * Watches a directory Xdebug writes traces into (`xdebug.output_dir`) by
 * polling: a file is imported once its size stayed the same for one interval
 * (Xdebug appends while the request runs), and only once per size and mtime.
 */
export class TraceWatcher {
  readonly #dir: string;
  readonly #deps: TraceImportDeps;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #sizes = new Map<string, number>();
  readonly #done = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #scanning: Promise<void> | undefined;
  /** Results of the imports so far (the last 100). */
  readonly results: TraceImportResult[] = [];

  constructor(dir: string, deps: TraceImportDeps, logger: Logger, intervalMs = 1000) {
    this.#dir = dir;
    this.#deps = deps;
    this.#logger = logger;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.scan(), this.#intervalMs);
    this.#timer.unref();
  }

  /** One polling pass (also used by tests); passes never overlap. */
  scan(): Promise<void> {
    this.#scanning ??= this.#scan().finally(() => {
      this.#scanning = undefined;
    });
    return this.#scanning;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#scanning;
  }

  async #scan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.#dir)).filter(isTraceFile).sort();
    } catch (err) {
      this.#logger.warn(`trace directory ${this.#dir} unreadable: ${(err as Error).message}`);
      return;
    }
    for (const n of names) {
      const file = join(this.#dir, n);
      const st = await stat(file).catch(() => undefined);
      if (!st) continue;
      const key = `${file}:${st.size}:${Math.trunc(st.mtimeMs)}`;
      if (this.#done.has(key)) continue;
      if (this.#sizes.get(file) !== st.size) {
        this.#sizes.set(file, st.size);
        continue;
      }
      this.#done.add(key);
      try {
        const r = await importTraceFile(file, this.#deps);
        this.results.push(r);
        if (this.results.length > 100) this.results.shift();
        if (r.error) this.#logger.warn(`trace ${file}: ${r.error.message}`);
        else if (!r.skipped) this.#logger.info(`imported trace ${file}`, { calls: r.stats?.recorded ?? 0 });
      } catch (err) {
        this.#logger.warn(`trace ${file}: ${(err as Error).message}`);
      }
    }
  }
}
