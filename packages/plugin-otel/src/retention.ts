import type { GraphStore } from '@cgc/core';

/**
 * Deletes spans that started before `cutoffMs` and traces left without spans; returns
 * how many spans were deleted. Per-function aggregates (FunctionStats), service counters
 * and observed CALLS stay: they summarise what the pruned spans showed.
 */
export async function pruneSpans(store: GraphStore, cutoffMs: number): Promise<number> {
  const cutoff = cutoffMs * 1000;
  // The write loop runs this every minute: counting reads one column, while the trace clean-up
  // joins every trace with its spans, so both deletes run only when there is something to prune.
  const [row] = await store.read('MATCH (s:Span) WHERE s.start_us < $cutoff RETURN count(s) AS n', {
    cutoff,
  });
  const n = Number(row?.n ?? 0);
  if (n === 0) return 0;
  await store.write('MATCH (s:Span) WHERE s.start_us < $cutoff DETACH DELETE s', { cutoff });
  await store.write(
    'MATCH (t:Trace) OPTIONAL MATCH (s:Span)-[:PART_OF]->(t) WITH t, count(s) AS n WHERE n = 0 DETACH DELETE t',
  );
  return n;
}
