import { parentPort } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-task.js';

// Worker entry: parses the files it is sent, one message per result.
parentPort?.on('message', (msg: { id: number; task: ParseTask }) => {
  runParseTask(msg.task).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (err: unknown) =>
      parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
