import type { GraphParams, GraphRow } from '../adapter.js';
import { CORE_SCHEMA } from '../core-schema.js';
import { relDecl } from '../schema.js';
import type { GraphStore } from '../store.js';
import { engineWalks, IN_CHUNK, KEYED_LOOKUPS, reachStatement } from './query-shapes.js';
import { compareRefs, projection, toRef, unionProjection } from './refs.js';
import type { CodeRef } from './types.js';

/** One relationship found by {@link neighbours}: `near` is the node asked about, `far` the other end. */
export interface Hop {
  readonly type: string;
  readonly near: string;
  readonly far: CodeRef;
  readonly props: Readonly<Record<string, unknown>>;
}

/** Which relationship to follow and in which direction from the known nodes. */
export interface Step {
  readonly type: string;
  /** `out`: near -[type]-> far; `in`: far -[type]-> near. */
  readonly direction: 'in' | 'out';
  readonly nearLabel: string;
  readonly farLabels: readonly string[];
  /** Relationship properties to return (default: every declared one). */
  readonly props?: readonly string[];
}

/**
 * The neighbours of a set of nodes over one relationship type: keyed lookups for a few ids,
 * `IN` lists for many. Several far labels share one statement with an unlabelled far end
 * (a node-label union is spelled differently on every engine), its label read back with
 * `labels()`; each statement costs about a millisecond on Kuzu whatever it returns.
 */
export async function neighbours(store: GraphStore, step: Step, ids: readonly string[]): Promise<Hop[]> {
  if (ids.length === 0) return [];
  const relProps = step.props ?? Object.keys(relDecl(CORE_SCHEMA, step.type).properties);
  const rels = relProps.map((p) => `, r.${p} AS r_${p}`).join('');
  const union = step.farLabels.length > 1 ? unionProjection(step.farLabels, 'far', 'f_') : undefined;
  const shapes = union
    ? [{ far: '(far)', ret: `labels(far) AS f_label, ${union}`, label: undefined }]
    : step.farLabels.map((l) => ({ far: `(far:${l})`, ret: projection(l, 'far', 'f_'), label: l }));
  const out: Hop[] = [];
  for (const shape of shapes) {
    const pattern =
      step.direction === 'out'
        ? `(near:${step.nearLabel})-[r:${step.type}]->${shape.far}`
        : `${shape.far}-[r:${step.type}]->(near:${step.nearLabel})`;
    const ret = `RETURN near.id AS near, ${shape.ret}${rels}`;
    const batches: [string, GraphParams][] =
      ids.length <= KEYED_LOOKUPS
        ? ids.map((id) => [`MATCH ${pattern} WHERE near.id = $id ${ret}`, { id }])
        : chunked(ids, IN_CHUNK).map((chunk) => [
            `MATCH ${pattern} WHERE near.id IN $ids ${ret}`,
            { ids: chunk },
          ]);
    for (const [cypher, params] of batches) {
      const rows = await store.read(cypher, params);
      for (const row of rows) {
        const label = shape.label ?? labelOf(row.f_label);
        // An unlabelled end also meets labels a plugin connected to the same type.
        if (!step.farLabels.includes(label)) continue;
        out.push({
          type: step.type,
          near: String(row.near),
          far: toRef(label, row, 'f_'),
          props: relProps_(row, relProps),
        });
      }
    }
  }
  return out;
}

/** Kuzu's `labels(n)` is a string, Neo4j's and FalkorDB's a list (our nodes carry one label). */
function labelOf(value: unknown): string {
  return String(Array.isArray(value) ? value[0] : value);
}

function relProps_(row: GraphRow, names: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const n of names) o[n] = row[`r_${n}`] ?? null;
  return o;
}

/** Result of a breadth-first walk. */
export interface WalkResult {
  /** Nodes reached, in BFS order, with depth and the node they were reached through. */
  readonly reached: { ref: CodeRef; depth: number; via: string; type: string }[];
  /**
   * Every relationship seen from a node closer than `depth` (`near` is the end nearer the start).
   * Hops found by variable-length statements carry no properties.
   */
  readonly edges: Hop[];
  /** True when the walk stopped at `maxNodes`. */
  readonly capped: boolean;
}

/**
 * Breadth-first walk from `start` ids, at most `depth` steps, visiting each node once.
 * `maxNodes` bounds the work on hub-heavy graphs.
 */
export async function walk(
  store: GraphStore,
  step: Step | readonly Step[],
  start: readonly string[],
  depth: number,
  maxNodes = 100_000,
): Promise<WalkResult> {
  const seen = new Set(start);
  const reached: WalkResult['reached'] = [];
  const edges: Hop[] = [];
  let frontier = [...start];
  let capped = false;
  const steps: readonly Step[] = Array.isArray(step) ? step : [step as Step];
  const nearLabel = steps[0]!.nearLabel;
  for (let d = 1; d <= depth && frontier.length > 0 && !capped; d++) {
    // Sorted so that `via` and the order within a depth are the same on every engine.
    const found: Hop[] = [];
    for (const s of steps) found.push(...(await neighbours(store, s, frontier)));
    const hops = found.sort(
      (a, b) => compareRefs(a.far, b.far) || (a.near < b.near ? -1 : a.near > b.near ? 1 : 0),
    );
    const next: string[] = [];
    for (const h of hops) {
      edges.push(h);
      if (seen.has(h.far.id)) continue;
      if (seen.size >= maxNodes) {
        capped = true;
        break;
      }
      seen.add(h.far.id);
      reached.push({ ref: h.far, depth: d, via: h.near, type: h.type });
      // Only nodes of the near label can be expanded further (a File caller is a leaf).
      if (h.far.label === nearLabel) next.push(h.far.id);
    }
    frontier = next;
  }
  return { reached, edges, capped };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Every node within `depth` hops of `start` over one relationship type, with its distance and the
 * neighbour it is reached through (the smallest id among the closest). On engines with
 * variable-length paths this is two statements per start node and far label; elsewhere a
 * breadth-first {@link walk}. Both give the same answer.
 */
export async function reach(
  store: GraphStore,
  step: Step,
  start: readonly string[],
  depth: number,
): Promise<WalkResult> {
  if (!engineWalks(store.adapter.capabilities) || depth < 2) return walk(store, step, start, depth);
  const starts = new Set(start);
  const best = new Map<string, { ref: CodeRef; depth: number; via: string; type: string }>();
  const offer = (ref: CodeRef, d: number, via: string) => {
    if (starts.has(ref.id)) return;
    const prev = best.get(ref.id);
    if (!prev || d < prev.depth || (d === prev.depth && via < prev.via))
      best.set(ref.id, { ref, depth: d, via, type: step.type });
  };
  const edges: Hop[] = [];
  for (const h of await neighbours(store, step, start)) {
    edges.push(h);
    offer(h.far, 1, h.near);
  }
  for (const id of start) {
    for (const farLabel of step.farLabels) {
      const cypher = reachStatement(
        step.type,
        step.direction,
        step.nearLabel,
        farLabel,
        depth,
        projection(farLabel, 'far', 'f_'),
      );
      for (const row of await store.read(cypher, { id })) {
        const far = toRef(farLabel, row, 'f_');
        // The hop mid -> far, without its properties (callers fetch them for the few they show).
        edges.push({ type: step.type, near: String(row.via), far, props: {} });
        offer(far, Number(row.d) + 1, String(row.via));
      }
    }
  }
  const reached = [...best.values()].sort((a, b) => a.depth - b.depth || compareRefs(a.ref, b.ref));
  return { reached, edges, capped: false };
}
