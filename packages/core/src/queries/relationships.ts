import type { GraphStore } from '../store.js';
import { compareRefs, cut, depthOf, limitOf, repoFilter, requireTargets } from './refs.js';
import type { CallChain, CallEdge, CodeRef, ScopeOptions, TargetedResult, TransitiveHit } from './types.js';
import { type Hop, neighbours, reach, type Step } from './walk.js';

const CALLERS: Step = {
  type: 'CALLS',
  direction: 'in',
  nearLabel: 'Function',
  farLabels: ['Function', 'File'],
  props: ['line_number', 'lines', 'confidence', 'resolution'],
};
const CALLEES: Step = {
  type: 'CALLS',
  direction: 'out',
  nearLabel: 'Function',
  farLabels: ['Function', 'Class'],
  props: ['line_number', 'lines', 'confidence', 'resolution'],
};

/** Options of the transitive queries. */
export interface TransitiveOptions extends ScopeOptions {
  /** Maximum number of hops (default 5, at most 20). */
  readonly depth?: number;
}

function edgeOf(h: Hop, near: CodeRef, direction: 'in' | 'out'): CallEdge {
  const lines = Array.isArray(h.props.lines) ? (h.props.lines as unknown[]).map(Number) : [];
  const line = typeof h.props.line_number === 'number' ? h.props.line_number : (lines[0] ?? null);
  return {
    caller: direction === 'in' ? h.far : near,
    callee: direction === 'in' ? near : h.far,
    line,
    lines: lines.length ? lines : line === null ? [] : [line],
    confidence: typeof h.props.confidence === 'number' ? h.props.confidence : null,
    resolution: typeof h.props.resolution === 'string' ? h.props.resolution : null,
  };
}

async function direct(
  store: GraphStore,
  target: string,
  options: ScopeOptions,
  step: Step,
): Promise<TargetedResult<CallEdge>> {
  const targets = await requireTargets(store, 'Function', target, options);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const repo = await repoFilter(store, options.repo);
  let edges = (await neighbours(store, step, [...byId.keys()])).map((h) =>
    edgeOf(h, byId.get(h.near)!, step.direction),
  );
  if (repo !== undefined)
    edges = edges.filter((e) => (step.direction === 'in' ? e.caller : e.callee).repo === repo);
  const key = (e: CallEdge) => (step.direction === 'in' ? e.caller : e.callee);
  edges.sort(
    (a, b) =>
      compareRefs(key(a), key(b)) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareRefs(
        step.direction === 'in' ? a.callee : a.caller,
        step.direction === 'in' ? b.callee : b.caller,
      ),
  );
  return { targets, ...cut(edges, limitOf(options.limit, 100)) };
}

/** Direct callers (functions and file-level code) of a function given by name or FQN. */
export function findCallers(store: GraphStore, target: string, options: ScopeOptions = {}) {
  return direct(store, target, options, CALLERS);
}

/** Functions (and classes, for constructor calls) a function calls directly. */
export function findCallees(store: GraphStore, target: string, options: ScopeOptions = {}) {
  return direct(store, target, options, CALLEES);
}

async function transitive(
  store: GraphStore,
  target: string,
  options: TransitiveOptions,
  step: Step,
): Promise<TargetedResult<TransitiveHit> & { capped: boolean }> {
  const targets = await requireTargets(store, 'Function', target, options);
  const depth = depthOf(options.depth, 5);
  const limit = limitOf(options.limit, 200);
  const repo = await repoFilter(store, options.repo);
  const { reached, capped } = await reach(
    store,
    step,
    targets.map((t) => t.id),
    depth,
  );
  const hits: TransitiveHit[] = reached
    .filter((h) => repo === undefined || h.ref.repo === repo)
    .map(({ ref, depth: d, via }) => ({ ref, depth: d, via }));
  return { targets, ...cut(hits, limit), capped };
}

/** Every function reaching the target through CALLS, up to `depth` hops, nearest first. */
export function findAllCallers(store: GraphStore, target: string, options: TransitiveOptions = {}) {
  return transitive(store, target, options, CALLERS);
}

/** Every function the target reaches through CALLS, up to `depth` hops, nearest first. */
export function findAllCallees(store: GraphStore, target: string, options: TransitiveOptions = {}) {
  return transitive(store, target, options, CALLEES);
}

/** Options of {@link callChain}. */
export interface ChainOptions extends TransitiveOptions {
  /** File disambiguating the destination (`file` disambiguates the source). */
  readonly toFile?: string;
}

/** Call chains from one function to another. */
export interface ChainResult {
  readonly from: readonly CodeRef[];
  readonly to: readonly CodeRef[];
  readonly results: readonly CallChain[];
  readonly truncated: boolean;
}

/**
 * Call chains from `from` to `to` of at most `depth` hops, shortest first. Walks backwards from
 * the destination first, then forwards from the source only through nodes that can still reach
 * it in the hops left, so the work stays bounded on large graphs.
 */
export async function callChain(
  store: GraphStore,
  from: string,
  to: string,
  options: ChainOptions = {},
): Promise<ChainResult> {
  const sources = await requireTargets(store, 'Function', from, { repo: options.repo, file: options.file });
  const sinks = await requireTargets(store, 'Function', to, { repo: options.repo, file: options.toFile });
  const depth = depthOf(options.depth, 5);
  const limit = limitOf(options.limit, 20);
  const calls = { ...CALLEES, farLabels: ['Function'] };
  const sinkIds = new Set(sinks.map((s) => s.id));
  // Forward only: calls fan out far less than they fan in (a shared helper has thousands of
  // callers), and every hop of a chain starts at a node the forward walk reached.
  const fwd = await reach(
    store,
    calls,
    sources.map((s) => s.id),
    depth,
  );
  if (!fwd.reached.some((r) => sinkIds.has(r.ref.id))) {
    return { from: sources, to: sinks, results: [], truncated: fwd.capped };
  }
  const distF = new Map<string, number>(sources.map((s) => [s.id, 0]));
  for (const r of fwd.reached) distF.set(r.ref.id, r.depth);
  const refs = new Map<string, CodeRef>([...sources, ...sinks].map((r) => [r.id, r]));
  for (const r of fwd.reached) refs.set(r.ref.id, r.ref);
  const preds = new Map<string, Hop[]>();
  for (const h of fwd.edges) preds.set(h.far.id, [...(preds.get(h.far.id) ?? []), h]);
  const distB = new Map<string, number>(sinks.map((s) => [s.id, 0]));
  for (let d = 0, layer = [...sinkIds]; d < depth && layer.length > 0; d++) {
    const following: string[] = [];
    for (const id of layer) {
      for (const h of preds.get(id) ?? []) {
        if (distB.has(h.near)) continue;
        distB.set(h.near, d + 1);
        following.push(h.near);
      }
    }
    layer = following;
  }
  // Only hops on some chain short enough can be part of an answer.
  const next = new Map<string, { to: string; hop: Hop }[]>();
  for (const h of fwd.edges) {
    const f = distF.get(h.near);
    const b = distB.get(h.far.id);
    if (f === undefined || b === undefined || f + 1 + b > depth) continue;
    next.set(h.near, [...(next.get(h.near) ?? []), { to: h.far.id, hop: h }]);
  }

  const chains: CallChain[] = [];
  let budget = 200_000;
  // Iterative deepening over the pruned subgraph: chains come out shortest first, and the
  // enumeration stops as soon as `limit` chains are known, however many longer ones exist.
  const dfs = (node: string, path: string[], hops: Hop[], length: number) => {
    if (--budget < 0) return;
    if (hops.length === length) {
      if (sinkIds.has(node)) {
        chains.push({
          nodes: path.map((id) => refs.get(id)!),
          calls: hops.map((h) => {
            const e = edgeOf(h, refs.get(h.near)!, 'out');
            return { line: e.line, lines: e.lines };
          }),
          length,
        });
      }
      return;
    }
    for (const n of next.get(node) ?? []) {
      if (path.includes(n.to)) continue;
      if (hops.length + 1 + (distB.get(n.to) ?? depth) > length) continue;
      dfs(n.to, [...path, n.to], [...hops, n.hop], length);
    }
  };
  for (let length = 1; length <= depth && chains.length <= limit && budget > 0; length++) {
    for (const s of sources) dfs(s.id, [s.id], [], length);
  }
  const key = (c: CallChain) => c.nodes.map((n) => n.fqn ?? n.name).join('\u0000');
  chains.sort((a, b) => a.length - b.length || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const { results, truncated } = cut(chains, limit);
  // An exhausted budget or a capped walk may have missed chains: say so.
  return {
    from: sources,
    to: sinks,
    results: await withCallSites(store, results),
    truncated: truncated || fwd.capped || budget < 0,
  };
}

// Hops found by variable-length statements carry no call-site lines: fetch those of the chains shown.
async function withCallSites(store: GraphStore, chains: CallChain[]): Promise<CallChain[]> {
  const missing = new Set<string>();
  for (const c of chains) {
    c.calls.forEach((call, i) => {
      if (call.lines.length === 0 && call.line === null) missing.add(c.nodes[i]!.id);
    });
  }
  if (missing.size === 0) return chains;
  const sites = new Map<string, { line: number | null; lines: number[] }>();
  for (const h of await neighbours(store, { ...CALLEES, farLabels: ['Function'] }, [...missing])) {
    const e = edgeOf(h, h.far, 'out');
    sites.set(`${h.near}\u0000${h.far.id}`, { line: e.line, lines: [...e.lines] });
  }
  return chains.map((c) => ({
    ...c,
    calls: c.calls.map((call, i) => sites.get(`${c.nodes[i]!.id}\u0000${c.nodes[i + 1]!.id}`) ?? call),
  }));
}
