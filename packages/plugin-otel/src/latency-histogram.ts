/** A compact latency histogram: quarter-octave buckets over microseconds, as `{bucket: count}`. */
export type Histogram = Record<string, number>;

const STEPS_PER_OCTAVE = 4;

/** Adds one duration (ms) to a histogram, in place. */
export function record(h: Histogram, ms: number): void {
  const us = Math.max(1, ms * 1000);
  const k = String(Math.floor(Math.log2(us) * STEPS_PER_OCTAVE));
  h[k] = (h[k] ?? 0) + 1;
}

/** The q-quantile (0..1) in ms, as the upper bound of its bucket (within ~19%). */
export function quantile(h: Histogram, q: number): number {
  const keys = Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b);
  const total = keys.reduce((n, k) => n + (h[String(k)] ?? 0), 0);
  if (total === 0) return 0;
  const target = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  for (const k of keys) {
    seen += h[String(k)] ?? 0;
    if (seen >= target) return round(2 ** ((k + 1) / STEPS_PER_OCTAVE) / 1000);
  }
  return 0;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
