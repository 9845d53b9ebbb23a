import type { GraphStore, RelRow } from '@cgc/core';
import { num } from './counts.js';

/** A caller → callee pair of Functions seen at run time, with how often and when. */
export interface ObservedCall {
  readonly from: string;
  /** `File` when the caller is a script's top-level code (the indexer's File → Function CALLS); default Function. */
  readonly fromLabel?: 'Function' | 'File';
  readonly to: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** What {@link markObservedCalls} did. */
export interface ObservedCallsResult {
  /** Static CALLS edges marked observed. */
  readonly confirmed: number;
  /** Runtime-only CALLS edges added (static analysis missed them). */
  readonly added: number;
}

const CHUNK = 2_000;

/**
 * Marks runtime evidence on CALLS from Functions (or a File's top-level code) to Functions: an existing edge gets
 * observed=true, observed_count += count, first_seen/last_seen; a pair with no
 * edge gets a runtime-only edge (static=false, resolution='runtime'), so
 * "calls static analysis missed" is `MATCH ()-[c:CALLS {static:false}]->()`.
 * Callers must serialise calls that touch the same pairs (counts are read, then written).
 * Reusable by any runtime plugin (Xdebug frames, nested OTEL spans).
 */
export async function markObservedCalls(
  store: GraphStore,
  calls: readonly ObservedCall[],
): Promise<ObservedCallsResult> {
  const merged = new Map<string, ObservedCall>();
  for (const c of calls) {
    if (!c.from || !c.to || c.count <= 0) continue;
    const k = `${c.fromLabel ?? 'Function'}:${c.from}>${c.to}`;
    const prev = merged.get(k);
    merged.set(
      k,
      prev
        ? {
            ...prev,
            count: prev.count + c.count,
            firstSeen: Math.min(prev.firstSeen, c.firstSeen),
            lastSeen: Math.max(prev.lastSeen, c.lastSeen),
          }
        : c,
    );
  }
  if (merged.size === 0) return { confirmed: 0, added: 0 };
  const existing = new Map<string, { count: number; first: number | undefined }>();
  const rows: Record<'Function' | 'File', RelRow[]> = { Function: [], File: [] };
  for (const label of ['Function', 'File'] as const) {
    const fromIds = [
      ...new Set(
        [...merged.values()].filter((c) => label === (c.fromLabel ?? 'Function')).map((c) => c.from),
      ),
    ];
    for (let i = 0; i < fromIds.length; i += CHUNK) {
      const found = await store.read(
        `MATCH (a:${label})-[c:CALLS]->(b:Function) WHERE a.id IN $ids ` +
          'RETURN a.id AS a, b.id AS b, c.observed_count AS n, c.first_seen AS first',
        { ids: fromIds.slice(i, i + CHUNK) },
      );
      for (const r of found) {
        existing.set(`${label}:${String(r.a)}>${String(r.b)}`, {
          count: num(r.n),
          first: r.first === null || r.first === undefined ? undefined : num(r.first),
        });
      }
    }
  }
  let confirmed = 0;
  let added = 0;
  for (const [k, c] of merged) {
    const e = existing.get(k);
    const into = rows[c.fromLabel ?? 'Function'];
    if (e) {
      confirmed++;
      into.push({
        from: c.from,
        to: c.to,
        properties: {
          observed: true,
          observed_count: e.count + c.count,
          first_seen: e.first ?? c.firstSeen,
          last_seen: c.lastSeen,
        },
      });
    } else {
      added++;
      into.push({
        from: c.from,
        to: c.to,
        properties: {
          static: false,
          resolution: 'runtime',
          confidence: 1,
          observed: true,
          observed_count: c.count,
          first_seen: c.firstSeen,
          last_seen: c.lastSeen,
        },
      });
    }
  }
  for (const label of ['Function', 'File'] as const)
    await store.upsertRelationships('CALLS', label, 'Function', rows[label]);
  return { confirmed, added };
}
