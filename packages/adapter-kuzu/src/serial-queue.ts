/**
 * Runs tasks one at a time. A Kuzu connection holds one transaction, so two
 * statements interleaved on it would share (and break) each other's transaction.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `task` after everything queued before; its failure does not block later tasks. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every task queued so far has settled. */
  drain(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}
