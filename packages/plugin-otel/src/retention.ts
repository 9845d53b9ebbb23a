import type { GraphStore } from '@cgc/core';

/**
 * Deletes spans that started before `cutoffMs` and traces left without spans.
 * Per-function aggregates (FunctionStats), service counters and observed CALLS
 * stay: they summarise what the pruned spans showed.
 */
export async function pruneSpans(store: GraphStore, cutoffMs: number): Promise<void> {
  await store.write('MATCH (s:Span) WHERE s.start_us < $cutoff DETACH DELETE s', { cutoff: cutoffMs * 1000 });
  await store.write(
    'MATCH (t:Trace) OPTIONAL MATCH (s:Span)-[:PART_OF]->(t) WITH t, count(s) AS n WHERE n = 0 DETACH DELETE t',
  );
}
