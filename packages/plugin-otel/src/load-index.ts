import type { GraphStore } from '@cgc/core';
import { FunctionIndex, type IndexedFunction, type IndexedRoute } from './function-index.js';

/** Reads every Function (and Route → handler) of the graph into a correlation index. */
export async function loadFunctionIndex(store: GraphStore): Promise<FunctionIndex> {
  const fns = await store.read(
    'MATCH (f:Function) RETURN f.id AS id, f.fqn AS fqn, f.name AS name, f.path AS path, f.line_number AS line, f.end_line AS last_line',
  );
  const routes = await store.read(
    'MATCH (r:Route)-[:HANDLED_BY]->(f:Function) RETURN r.method AS method, r.path AS path, f.id AS fn',
  );
  return new FunctionIndex(
    fns.map(
      (r): IndexedFunction => ({
        id: String(r.id),
        fqn: typeof r.fqn === 'string' ? r.fqn : '',
        name: typeof r.name === 'string' ? r.name : '',
        path: typeof r.path === 'string' ? r.path : '',
        line: Number(r.line ?? 0),
        end: Number(r.last_line ?? r.line ?? 0),
      }),
    ),
    routes
      .filter((r) => typeof r.path === 'string')
      .map(
        (r): IndexedRoute => ({
          method: typeof r.method === 'string' ? r.method : 'ANY',
          path: String(r.path),
          functionId: String(r.fn),
        }),
      ),
  );
}
