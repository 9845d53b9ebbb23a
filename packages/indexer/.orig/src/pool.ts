import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ParseResult, type ParseTask, runParseTask } from './parse-task.js';

/** Parses files, on worker threads or inline. */
export interface ParsePool {
  parse(task: ParseTask): Promise<ParseResult>;
  close(): Promise<void>;
}

/** A pool that parses on the calling thread (workers = 0, tests, tiny repositories). */
export function inlinePool(): ParsePool {
  return { parse: runParseTask, close: async () => undefined };
}

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve: (r: ParseResult) => void; reject: (e: Error) => void }>;
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

/** A pool of `size` worker threads, each with its own parsers; tasks go to the least busy worker. */
export function workerPool(size: number): ParsePool {
  let next = 0;
  let failed: Error | undefined;
  const slots: Slot[] = Array.from({ length: size }, () => {
    const slot: Slot = { worker: createWorker(), busy: 0, pending: new Map() };
    slot.worker.on('message', (m: { id: number; result?: ParseResult; error?: string }) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      slot.busy--;
      if (m.result) p.resolve(m.result);
      else p.reject(new Error(m.error ?? 'worker failed'));
    });
    const fail = (err: Error) => {
      failed = err;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (slot.pending.size) fail(new Error(`parse worker exited with code ${code}`));
    });
    return slot;
  });
  return {
    parse(task) {
      if (failed) return Promise.reject(failed);
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = next++;
      slot.busy++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, task });
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
