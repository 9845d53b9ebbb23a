/** Integers as numbers while exact, as bigint beyond 2^53: the one rule every adapter follows. */
export function normaliseInteger(v: bigint | number): number | bigint {
  if (typeof v === 'number') return v;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}
