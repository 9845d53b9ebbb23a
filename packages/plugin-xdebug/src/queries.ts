import type { GraphStore } from '@cgc/core';
import { num } from './graph/counts.js';

function limit(n: number | undefined, dflt: number): number {
  const v = Math.trunc(n ?? dflt);
  return Number.isFinite(v) && v > 0 ? Math.min(v, 10_000) : dflt;
}

/** The most observed call chains. */
export async function listChains(store: GraphStore, opts: { limit?: number; minObservations?: number } = {}) {
  const rows = await store.read(
    'MATCH (c:CallChain)-[:ENDS_AT]->(f:StackFrame) WHERE c.count >= $min ' +
      'RETURN c.id AS chain, c.leaf AS fqn, f.call_file AS file, f.call_line AS lineno, c.count AS observations, ' +
      `c.depth AS depth, c.fqns AS frames ORDER BY observations DESC, chain LIMIT ${limit(opts.limit, 20)}`,
    { min: Math.max(1, Math.trunc(opts.minObservations ?? 1)) },
  );
  return rows.map((r) => ({
    chain: String(r.chain),
    fqn: String(r.fqn),
    file: String(r.file ?? ''),
    lineno: num(r.lineno),
    observations: num(r.observations),
    depth: num(r.depth),
    frames: (r.frames as string[] | null) ?? [],
  }));
}

/** Chains ending in a frame whose class and method contain the given texts (callers listed innermost first). */
export async function queryChains(
  store: GraphStore,
  opts: { className?: string; methodName?: string; chain?: string; limit?: number },
) {
  const { filter, params } = conditions([
    ['chain', opts.chain, 'c.id = $chain'],
    ['cls', opts.className, 'f.class_name CONTAINS $cls'],
    ['m', opts.methodName, 'f.method_name CONTAINS $m'],
  ]);
  const rows = await store.read(
    `MATCH (c:CallChain)-[:ENDS_AT]->(f:StackFrame) ${filter} ` +
      'OPTIONAL MATCH (f)-[r:RESOLVES_TO]->(fn:Function) ' +
      'RETURN c.id AS chain, c.fqns AS frames, c.count AS observations, f.call_file AS file, f.call_line AS line, ' +
      `fn.id AS function_id, fn.path AS path, r.match_type AS match_type ORDER BY observations DESC, chain LIMIT ${limit(opts.limit, 10)}`,
    params,
  );
  return rows.map((r) => {
    const frames = (r.frames as string[] | null) ?? [];
    return {
      chain: String(r.chain),
      root_fqn: frames[frames.length - 1] ?? '',
      call_chain: frames.slice(0, -1).reverse(),
      observations: num(r.observations),
      called_from: { file: String(r.file ?? ''), line: num(r.line) },
      resolves_to: r.function_id
        ? { id: String(r.function_id), path: String(r.path ?? ''), match: String(r.match_type) }
        : null,
    };
  });
}

/** What ran for one request, chosen by URL (contains), trigger value or request id. */
export async function requestFunctions(
  store: GraphStore,
  opts: { url?: string; trigger?: string; requestId?: string; limit?: number },
) {
  const { filter, params } = conditions([
    ['rid', opts.requestId, 'r.id = $rid'],
    ['url', opts.url, 'r.url CONTAINS $url'],
    ['trigger', opts.trigger, '(r.trigger = $trigger OR r.ide_key = $trigger)'],
  ]);
  const requests = await store.read(
    `MATCH (r:XdebugRequest) ${filter} RETURN r.id AS id, r.url AS url, r.method AS method, r.trigger AS trigger, ` +
      'r.calls AS calls, r.status AS status, r.started_at AS started_at ORDER BY started_at DESC LIMIT 20',
    params,
  );
  const functions = await store.read(
    `MATCH (r:XdebugRequest)-[ran:RAN]->(c:CallChain)-[:ENDS_AT]->(f:StackFrame) ${filter} ` +
      'OPTIONAL MATCH (f)-[:RESOLVES_TO]->(fn:Function) ' +
      'RETURN f.function AS frame, fn.fqn AS fqn, fn.path AS path, fn.line_number AS line, sum(ran.count) AS calls ' +
      `ORDER BY calls DESC, frame LIMIT ${limit(opts.limit, 200)}`,
    params,
  );
  return {
    requests: requests.map((r) => ({ ...r, calls: num(r.calls), started_at: num(r.started_at) })),
    functions: functions.map((f) => ({
      frame: String(f.frame),
      fqn: f.fqn === null || f.fqn === undefined ? null : String(f.fqn),
      path: f.path === null || f.path === undefined ? null : String(f.path),
      line: f.line === null || f.line === undefined ? null : num(f.line),
      calls: num(f.calls),
    })),
  };
}

/** Functions under a namespace prefix that no captured frame resolves to. */
export async function neverExecuted(store: GraphStore, opts: { namespace: string; limit?: number }) {
  const ns = opts.namespace.replace(/\\\\/g, '\\').replace(/^\\/, '');
  const rows = await store.read(
    'MATCH (fn:Function) WHERE fn.fqn STARTS WITH $ns OPTIONAL MATCH (s:StackFrame)-[:RESOLVES_TO]->(fn) ' +
      'WITH fn, count(s) AS seen WHERE seen = 0 ' +
      `RETURN fn.fqn AS fqn, fn.path AS path, fn.line_number AS line, fn.kind AS kind ORDER BY fqn LIMIT ${limit(opts.limit, 200)}`,
    { ns },
  );
  return rows.map((r) => ({
    fqn: String(r.fqn),
    path: String(r.path ?? ''),
    line: num(r.line),
    kind: String(r.kind ?? ''),
  }));
}

/**
 * Calls seen at run time with no static CALLS edge (runtime-only edges), from
 * Functions and from a script's top-level code (the caller is then the file path).
 */
export async function missedCalls(store: GraphStore, opts: { limit?: number } = {}) {
  const max = limit(opts.limit, 100);
  const rows = [];
  for (const [label, caller] of [
    ['Function', 'a.fqn'],
    ['File', 'a.path'],
  ] as const) {
    rows.push(
      ...(await store.read(
        `MATCH (a:${label})-[c:CALLS]->(b:Function) WHERE c.static = false AND c.observed = true ` +
          `RETURN ${caller} AS caller, b.fqn AS callee, a.path AS caller_path, c.observed_count AS count, ` +
          `c.first_seen AS first_seen, c.last_seen AS last_seen ORDER BY count DESC, caller, callee LIMIT ${max}`,
      )),
    );
  }
  return rows
    .map((r) => ({
      caller: String(r.caller),
      callee: String(r.callee),
      caller_path: String(r.caller_path ?? ''),
      count: num(r.count),
      first_seen: num(r.first_seen),
      last_seen: num(r.last_seen),
    }))
    .sort((x, y) => y.count - x.count || x.caller.localeCompare(y.caller) || x.callee.localeCompare(y.callee))
    .slice(0, max);
}

/** Counts of the Xdebug graph. */
export async function graphCounts(store: GraphStore) {
  const one = async (q: string) => num((await store.one(q))?.n);
  return {
    frames: await one('MATCH (f:StackFrame) RETURN count(f) AS n'),
    chains: await one('MATCH (c:CallChain) RETURN count(c) AS n'),
    requests: await one('MATCH (r:XdebugRequest) RETURN count(r) AS n'),
    resolved: await one('MATCH (:StackFrame)-[r:RESOLVES_TO]->(:Function) RETURN count(r) AS n'),
  };
}

// A WHERE clause from the optional filters that were given, each bound to its own parameter.
function conditions(parts: [param: string, value: string | undefined, clause: string][]) {
  const given = parts.filter((p): p is [string, string, string] => Boolean(p[1]));
  return {
    filter: given.length ? `WHERE ${given.map((p) => p[2]).join(' AND ')}` : '',
    params: Object.fromEntries(given.map((p) => [p[0], p[1]])),
  };
}
