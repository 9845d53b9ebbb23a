import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-task.js';

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
  chain = chain.then(() =>
    runParseTask(msg.task, read)
      .then(
        (result) => parentPort?.postMessage({ id: msg.id, result }),
        (err: unknown) =>
          parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        busy--;
      }),
  );
});
