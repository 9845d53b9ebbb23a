/**
 * Benchmark helper: wraps the Kuzu binding's `Connection.query` / `execute` so that every statement's
 * engine time is summed by statement shape (string literals elided). For `BENCH_SQL=1`.
 */
import { createRequire } from 'node:module';

/** Times every statement the Kuzu binding runs (query, prepared execute), by statement shape. */
export function timeKuzuStatements(): Map<string, { ms: number; n: number }> {
  const kuzu = createRequire(new URL('../packages/adapter-kuzu/package.json', import.meta.url))('kuzu');
  const proto = kuzu.Connection.prototype as Record<string, (...x: unknown[]) => Promise<unknown>>;
  const texts = new WeakMap<object, string>();
  const totals = new Map<string, { ms: number; n: number }>();
  const prepare = proto.prepare!;
  proto.prepare = async function (this: unknown, ...x: unknown[]) {
    const p = (await prepare.apply(this, x)) as object;
    texts.set(p, String(x[0]));
    return p;
  };
  for (const m of ['query', 'execute']) {
    const run = proto[m]!;
    proto[m] = async function (this: unknown, ...x: unknown[]) {
      const t0 = performance.now();
      try {
        return await run.apply(this, x);
      } finally {
        const text = m === 'query' ? String(x[0]) : (texts.get(x[0] as object) ?? 'prepared');
        const shape = text
          .replace(/\s+/g, ' ')
          .replace(/'[^']*'/g, "'…'")
          .slice(0, 90);
        const t = totals.get(shape) ?? { ms: 0, n: 0 };
        t.ms += performance.now() - t0;
        t.n++;
        totals.set(shape, t);
      }
    };
  }
  return totals;
}

/** Prints the costliest statement shapes: engine ms, how many ran, the shape. */
export function printKuzuStatements(
  totals: Map<string, { ms: number; n: number }>,
  write: (line: string) => void,
  top = 25,
): void {
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  for (const [text, t] of rows)
    write(`${t.ms.toFixed(0).padStart(8)} ms ${String(t.n).padStart(6)}x  ${text}`);
}
