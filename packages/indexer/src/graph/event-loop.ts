/**
 * Returns a function to call in a long loop of mostly synchronous work: once `ms` have passed
 * since the last pause it returns a promise that resolves on the next turn of the event loop,
 * so that I/O callbacks run meanwhile (the database's answers to writes started in the
 * background); otherwise `undefined`. Awaiting resolved promises alone never lets them run.
 */
export function eventLoopPauser(ms = 20): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < ms) return undefined;
    last = now;
    return new Promise((resolve) => setImmediate(resolve));
  };
}
