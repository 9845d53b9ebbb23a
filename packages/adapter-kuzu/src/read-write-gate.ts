/**
 * Lets reads of one database run together and gives each write the database to itself.
 *
 * Kuzu checkpoints after a write commits and the checkpoint waits for every open
 * transaction to leave; with reads arriving back to back (an MCP client polling) it never
 * sees a gap and the write fails with "Timeout waiting for active transactions to leave the
 * system before checkpointing". So a write waits for the reads in flight to finish and holds
 * new ones back until it is done (writer-preferring). Reads that queued behind a write go
 * in before the next write, so a stream of writes (an index run) cannot starve them either.
 */
export class ReadWriteGate {
  #readers = 0;
  #writing = false;
  #writers: (() => void)[] = [];
  #waitingReads: (() => void)[] = [];
  // Reads admitted after the current write; the next write waits for them to go in first.
  #readTurn = false;

  /** Runs `task` once no write runs or waits; reads run concurrently with each other. */
  async read<T>(task: () => Promise<T>): Promise<T> {
    if (this.#writing || this.#writers.length > 0) {
      await new Promise<void>((resolve) => this.#waitingReads.push(resolve));
    } else {
      this.#readers++;
    }
    try {
      return await task();
    } finally {
      this.#readers--;
      this.#next();
    }
  }

  /** Runs `task` alone: after the reads in flight, before reads that arrive meanwhile. */
  async write<T>(task: () => Promise<T>): Promise<T> {
    if (this.#writing || this.#readers > 0 || this.#writers.length > 0) {
      await new Promise<void>((resolve) => {
        this.#writers.push(resolve);
        this.#next();
      });
    } else {
      this.#writing = true;
    }
    try {
      return await task();
    } finally {
      this.#writing = false;
      // Reads that waited for this write go first; a write queued behind waits for them.
      this.#readTurn = this.#waitingReads.length > 0;
      this.#next();
    }
  }

  #next(): void {
    if (this.#writing) return;
    if (this.#readTurn || this.#writers.length === 0) {
      this.#readTurn = false;
      const reads = this.#waitingReads.splice(0);
      this.#readers += reads.length;
      for (const admit of reads) admit();
    }
    if (this.#readers > 0) return;
    const writer = this.#writers.shift();
    if (writer) {
      this.#writing = true;
      writer();
    }
  }
}
