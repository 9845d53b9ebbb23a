import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-task.js';

// Tests of the pool's time budget and crash handling: `stall:<rel>` spins forever on that file (as
// a regular expression that backtracks without end would), `exit:<rel>` ends the worker on it,
// `slowstart:<ms>` holds the worker that long before it reports itself loaded (a busy machine),
// `hangonce:<file>` hangs the first worker to start (it creates `file`) while loading, for good.
const faults = new Map(
  (process.env.CGC_TEST_PARSE_FAULTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((f) => [f.slice(f.indexOf(':') + 1), f.slice(0, f.indexOf(':'))] as const),
);

function injectFault(rel: string): void {
  const fault = faults.get(rel);
  if (fault === 'exit') process.exit(3);
  if (fault === 'stall') for (;;);
}

// Worker entry: parses the files it is sent one at a time, one message per result. A file that
// arrives while another is being parsed is read meanwhile (on libuv's threads): on a cold page
// cache the parse threads otherwise wait on the disk (~10 % of their time on the Linux kernel).
let busy = 0;
let chain: Promise<void> = Promise.resolve();
parentPort?.on('message', (msg: { id: number; task: ParseTask }) => {
  let read: Promise<Buffer> | undefined;
  if (busy > 0) {
    read = readFile(msg.task.abs);
    read.catch(() => undefined); // reported by runParseTask, like a synchronous read's error
  }
  busy++;
  chain = chain.then(() => {
    if (faults.size) injectFault(msg.task.rel);
    return runParseTask(msg.task, read)
      .then(
        (result) => parentPort?.postMessage({ id: msg.id, result }),
        (err: unknown) =>
          parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        busy--;
      });
  });
});
const slowStart = [...faults].find(([, kind]) => kind === 'slowstart')?.[0];
if (slowStart) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(slowStart));
const hangOnce = [...faults].find(([, kind]) => kind === 'hangonce')?.[0];
if (hangOnce && !existsSync(hangOnce)) {
  writeFileSync(hangOnce, '');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
// Loaded: the pool's time budget counts from here (see pool.ts).
parentPort?.postMessage({ ready: true });
