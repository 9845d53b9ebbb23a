import type { GraphRow, GraphStore } from '@cgc/core';

// Limits are validated integers inlined into the statement: not every engine takes a LIMIT parameter.
const lim = (n: number | undefined) =>
  Number.isFinite(n) ? Math.max(1, Math.min(1000, Math.trunc(n as number))) : 20;

const usToIso = (v: unknown) => (typeof v === 'number' && v > 0 ? new Date(v / 1000).toISOString() : null);
const msToIso = (v: unknown) => (typeof v === 'number' && v > 0 ? new Date(v).toISOString() : null);

/** Spans newest first, optionally filtered by route, service, trace or correlated function fqn. */
export async function querySpans(
  store: GraphStore,
  f: { http_route?: string; service?: string; trace_id?: string; function?: string; limit: number },
): Promise<GraphRow[]> {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const add = (clause: string, key: string, value: string | undefined) => {
    if (!value) return;
    where.push(clause);
    params[key] = value;
  };
  add('s.http_route = $route', 'route', f.http_route);
  add('s.service_name = $service', 'service', f.service);
  add('s.trace_id = $trace', 'trace', f.trace_id?.toLowerCase());
  const fnFilter = f.function ? 'WHERE fn.fqn CONTAINS $fn' : '';
  if (f.function) params.fn = f.function;
  const rows = await store.read(
    `MATCH (s:Span) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     OPTIONAL MATCH (s)-[c:CORRELATES_TO]->(fn:Function) ${fnFilter}
     WITH s, fn, c ${f.function ? 'WHERE fn IS NOT NULL' : ''}
     RETURN s.id AS span_id, s.trace_id AS trace_id, s.parent_span_id AS parent_span_id, s.name AS name,
            s.kind AS kind, s.service_name AS service, s.duration_ms AS duration_ms, s.http_route AS http_route,
            s.http_method AS http_method, s.status_code AS status, s.start_us AS start_us,
            fn.fqn AS function, c.strategy AS strategy, c.confidence AS confidence
     ORDER BY start_us DESC LIMIT ${lim(f.limit)}`,
    params,
  );
  return rows.map(({ start_us, ...r }) => ({ ...r, start_time: usToIso(start_us) }));
}

/** Every service with its facts and counters, instrumented ones first. */
export async function listServices(store: GraphStore): Promise<GraphRow[]> {
  const rows = await store.read(
    `MATCH (s:Service) RETURN s.name AS name, s.version AS version, s.environment AS environment,
       s.language AS language, s.instrumented AS instrumented, s.span_count AS span_count,
       s.first_seen AS first_seen, s.last_seen AS last_seen ORDER BY name`,
  );
  return rows
    .map((r) => ({
      ...r,
      instrumented: r.instrumented === true,
      first_seen: msToIso(r.first_seen),
      last_seen: msToIso(r.last_seen),
    }))
    .sort((a, b) => Number(b.instrumented) - Number(a.instrumented));
}

/** Functions of the static graph no span was ever correlated to (dead-code candidates). */
export async function neverObserved(store: GraphStore, limit: number, repo?: string): Promise<GraphRow[]> {
  return store.read(
    `MATCH (f:Function) WHERE (f.is_dependency IS NULL OR f.is_dependency = false) ${repo ? 'AND f.repo = $repo' : ''}
     OPTIONAL MATCH (st:FunctionStats)-[:STATS_OF]->(f)
     WITH f, st WHERE st IS NULL
     RETURN f.fqn AS fqn, f.name AS name, f.path AS file, f.line_number AS line
     ORDER BY file, line LIMIT ${lim(limit)}`,
    repo ? { repo } : {},
  );
}

/** Calls between services with counts, most frequent first. */
export async function crossServiceCalls(store: GraphStore, limit: number): Promise<GraphRow[]> {
  const rows = await store.read(
    `MATCH (a:Service)-[c:CALLS_SERVICE]->(b:Service)
     RETURN a.name AS from_service, b.name AS to_service, c.count AS calls, b.instrumented AS instrumented,
            c.first_seen AS first_seen, c.last_seen AS last_seen
     ORDER BY calls DESC, from_service, to_service LIMIT ${lim(limit)}`,
  );
  return rows.map((r) => ({
    ...r,
    instrumented: r.instrumented === true,
    first_seen: msToIso(r.first_seen),
    last_seen: msToIso(r.last_seen),
  }));
}

/** The newest spans correlated to functions, with the strategy that matched. */
export async function recentExecutions(store: GraphStore, limit: number): Promise<GraphRow[]> {
  const rows = await store.read(
    `MATCH (s:Span)-[c:CORRELATES_TO]->(f:Function)
     RETURN s.id AS span_id, s.name AS span, s.service_name AS service, f.fqn AS function, f.path AS file,
            c.strategy AS strategy, c.confidence AS confidence, s.duration_ms AS duration_ms, s.start_us AS start_us
     ORDER BY start_us DESC LIMIT ${lim(limit)}`,
  );
  return rows.map(({ start_us, ...r }) => ({ ...r, start_time: usToIso(start_us) }));
}

/** Which functions ran in the traces of requests to a route, by frequency. */
export async function routeExecutionPath(
  store: GraphStore,
  route: string,
  method: string | undefined,
  limit: number,
): Promise<{ handlers: GraphRow[]; functions: GraphRow[]; requests: number }> {
  const params: Record<string, string> = method ? { route, method: method.toUpperCase() } : { route };
  const m = method ? 'AND r.http_method = $method' : '';
  const requests = await store.read(
    `MATCH (r:Span) WHERE r.http_route = $route AND r.kind = 'SERVER' ${m} RETURN count(r) AS n`,
    params,
  );
  // count(s), not count(DISTINCT s): Kuzu 0.11 nulls the other aggregates next to a DISTINCT count.
  const functions = await store.read(
    `MATCH (r:Span)-[:PART_OF]->(t:Trace)<-[:PART_OF]-(s:Span)-[c:CORRELATES_TO]->(f:Function)
     WHERE r.http_route = $route AND r.kind = 'SERVER' ${m}
     RETURN f.fqn AS function, f.path AS file, f.line_number AS line, count(s) AS executions,
            avg(s.duration_ms) AS avg_duration_ms, max(s.duration_ms) AS max_duration_ms, min(s.start_us) AS first_us
     ORDER BY executions DESC, first_us LIMIT ${lim(limit)}`,
    params,
  );
  const handlers = await store.read(
    `MATCH (rt:Route)-[:HANDLED_BY]->(f:Function) WHERE rt.path = $route
     RETURN rt.method AS method, rt.path AS path, f.fqn AS handler, f.path AS file`,
    { route },
  );
  return {
    handlers,
    functions: functions.map(({ first_us: _first, ...r }) => r),
    requests: Number(requests[0]?.n ?? 0),
  };
}

/** The most observed or slowest functions (from aggregates that survive retention), and the hottest observed calls. */
export async function hotPaths(
  store: GraphStore,
  by: 'count' | 'p95' | 'total',
  limit: number,
): Promise<{ functions: GraphRow[]; calls: GraphRow[] }> {
  const order = by === 'count' ? 'executions' : by === 'p95' ? 'p95_ms' : 'total_ms';
  const functions = await store.read(
    `MATCH (st:FunctionStats)
     RETURN st.function_id AS function_id, st.fqn AS function, st.count AS executions, st.error_count AS errors,
            st.p50_ms AS p50_ms, st.p95_ms AS p95_ms, st.p99_ms AS p99_ms, st.max_ms AS max_ms, st.total_ms AS total_ms
     ORDER BY ${order} DESC LIMIT ${lim(limit)}`,
  );
  const calls = await store.read(
    `MATCH (a:Function)-[c:CALLS]->(b:Function) WHERE c.observed = true
     RETURN a.fqn AS caller, b.fqn AS callee, c.observed_count AS observed_count,
            (c.static IS NULL OR c.static = true) AS static
     ORDER BY observed_count DESC LIMIT ${lim(limit)}`,
  );
  return { functions, calls };
}

/** Services and the calls between them, for drawing a service map. */
export async function serviceMap(store: GraphStore): Promise<{ services: GraphRow[]; edges: GraphRow[] }> {
  return { services: await listServices(store), edges: await crossServiceCalls(store, 1000) };
}

/** Graph-side figures for `otel status` when no receiver is running in this process. */
export async function graphCounts(store: GraphStore): Promise<GraphRow> {
  const rows = await store.read('MATCH (s:Span) RETURN s.correlation AS correlation, count(s) AS n');
  const byStrategy: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n ?? 0);
    total += n;
    byStrategy[String(r.correlation ?? 'unmatched')] = n;
  }
  const matched = total - (byStrategy.unmatched ?? 0);
  const traces = await store.read('MATCH (t:Trace) RETURN count(t) AS n');
  const services = await store.read('MATCH (s:Service) RETURN count(s) AS n');
  return {
    spans: total,
    traces: Number(traces[0]?.n ?? 0),
    services: Number(services[0]?.n ?? 0),
    correlation: { byStrategy, rate: total === 0 ? 0 : matched / total },
  };
}
