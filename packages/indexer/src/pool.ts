import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CgcError } from '@cgc/core';
import { type ParseResult, type ParseTask, runParseTask } from './parse-task.js';

/** Parses files, on worker threads or inline. */
export interface ParsePool {
  parse(task: ParseTask): Promise<ParseResult>;
  close(): Promise<void>;
}

/** Default time one file may take to parse on a worker before the worker is stopped (ms). */
export const DEFAULT_FILE_TIMEOUT_MS = 60_000;

/** Default time a worker may take to load its code before it is replaced (ms). */
export const DEFAULT_WORKER_START_TIMEOUT_MS = 120_000;

/** Starts in a row a slot may miss before the pool fails (a worker that hangs while loading). */
const START_ATTEMPTS = 3;

/** A pool that parses on the calling thread (workers = 0, tests, tiny repositories; no time budget). */
export function inlinePool(): ParsePool {
  return { parse: runParseTask, close: async () => undefined };
}

interface Pending {
  readonly task: ParseTask;
  readonly resolve: (r: ParseResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Posted and unanswered, oldest first: a worker parses its files in the order they arrive. */
  readonly pending: Map<number, Pending>;
  /** When the oldest pending file started parsing. */
  since: number;
  /** Whether the worker has loaded its code: a start slowed by a busy machine is no file's time. */
  ready: boolean;
  /** When the current worker was created, and how many workers of this slot missed their start in a row. */
  created: number;
  missedStarts: number;
}

function createWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', self));
  // Running from TypeScript sources (tests, `tsx`): the worker registers tsx first, then loads the entry.
  const require = createRequire(self);
  const api = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const entry = new URL('./parse-worker.ts', self).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

/** Options of a worker pool. */
export interface WorkerPoolOptions {
  /**
   * How long one file may take (ms). A file over it (a parser or an extractor stuck on pathological
   * input) is skipped with a warning: its worker is stopped and a fresh one takes the files queued there.
   */
  readonly fileTimeoutMs?: number;
  /**
   * How long a worker may take to load its code (ms). One over it is replaced, its files going to
   * the new one; after three such starts in a row the pool fails with `PARSE_FAILED`.
   */
  readonly startTimeoutMs?: number;
}

/**
 * A pool of `size` worker threads, each with its own parsers; tasks go to the least busy worker.
 * A worker that crashes on a file or overruns the time budget skips that file with a warning and
 * is replaced; a crash before any worker has answered fails the pool (workers cannot start here).
 */
export function workerPool(size: number, options: WorkerPoolOptions = {}): ParsePool {
  const budget = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const startLimit = options.startTimeoutMs ?? DEFAULT_WORKER_START_TIMEOUT_MS;
  let next = 0;
  let failed: Error | undefined;
  let closed = false;
  // Whether any worker has answered: until one has, a crash means workers cannot start here.
  let started = false;

  const post = (slot: Slot, id: number, task: ParseTask) => {
    if (slot.pending.size === 0) slot.since = Date.now();
    slot.worker.postMessage({ id, task });
  };

  const fail = (err: Error) => {
    failed ??= err;
    for (const slot of slots) {
      for (const p of slot.pending.values()) p.reject(failed);
      slot.pending.clear();
    }
  };

  // The oldest pending file is skipped with `why` (none when the worker never started); the worker
  // is replaced and gets the rest again.
  const replace = (slot: Slot, why?: string) => {
    const old = slot.worker;
    old.removeAllListeners();
    old.on('error', () => undefined);
    void old.terminate();
    const queued = [...slot.pending];
    slot.pending.clear();
    // A worker that never started has no file to blame: every queued file goes to the new one.
    const head = why === undefined ? undefined : queued.shift();
    if (head) {
      const rel = head[1].task.rel;
      head[1].resolve({ rel, warnings: [`skipped ${rel}: ${why}`] });
    }
    slot.worker = createWorker();
    slot.ready = false;
    slot.created = Date.now();
    listen(slot);
    for (const [id, p] of queued) {
      post(slot, id, p.task);
      slot.pending.set(id, p);
    }
  };

  const listen = (slot: Slot) => {
    const worker = slot.worker;
    worker.on('message', (m: { id: number; ready?: true; result?: ParseResult; error?: string }) => {
      if (m.ready) {
        slot.ready = true;
        slot.missedStarts = 0;
        slot.since = Date.now();
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      started = true;
      slot.since = Date.now();
      if (m.result) p.resolve(m.result);
      else p.reject(new Error(m.error ?? 'worker failed'));
    });
    const crash = (err: Error) => {
      if (closed || worker !== slot.worker) return;
      if (!started) return fail(err);
      if (slot.pending.size) replace(slot, `the parse worker crashed on it (${err.message})`);
    };
    worker.on('error', crash);
    worker.on('exit', (code) => crash(new Error(`parse worker exited with code ${code}`)));
  };

  const slots: Slot[] = Array.from({ length: size }, () => {
    const slot: Slot = {
      worker: createWorker(),
      pending: new Map(),
      since: 0,
      ready: false,
      created: Date.now(),
      missedStarts: 0,
    };
    listen(slot);
    return slot;
  });

  const watchdog = setInterval(
    () => {
      const now = Date.now();
      for (const slot of slots) {
        if (failed) return;
        if (!slot.ready && now - slot.created > startLimit) {
          if (++slot.missedStarts >= START_ATTEMPTS) {
            const s = startLimit / 1000;
            fail(
              new CgcError(
                'PARSE_FAILED',
                `a parse worker did not load within ${s} s, ${START_ATTEMPTS} times in a row; index with --workers 0 to parse on the main thread`,
                { retriable: true },
              ),
            );
            return;
          }
          replace(slot);
        } else if (slot.ready && slot.pending.size && now - slot.since > budget) {
          replace(slot, `parsing took over ${budget / 1000} s (index.fileTimeoutMs); the worker was stopped`);
        }
      }
    },
    Math.max(10, Math.min(1000, budget / 4, startLimit / 4)),
  );
  watchdog.unref();

  return {
    parse(task) {
      if (failed) return Promise.reject(failed);
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = next++;
      return new Promise((resolve, reject) => {
        post(slot, id, task);
        slot.pending.set(id, { task, resolve, reject });
      });
    },
    async close() {
      closed = true;
      clearInterval(watchdog);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
