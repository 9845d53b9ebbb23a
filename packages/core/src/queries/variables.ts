import type { GraphStore } from '../store.js';
import { compareRefs, cut, limitOf, pathMatches, projection, repoFilter, toRef } from './refs.js';
import type { CodeRef, ScopeOptions, TargetedResult } from './types.js';
import { neighbours } from './walk.js';

/** A variable with the function, class or file it is assigned in. */
export interface VariableSite {
  readonly variable: CodeRef;
  /** `function`, `class` or `file`. */
  readonly scope: 'function' | 'class' | 'file';
  /** The function, class or file containing the assignment. */
  readonly container: CodeRef;
  readonly value: string | null;
  readonly type: string | null;
}

async function variableSites(
  store: GraphStore,
  name: string,
  options: ScopeOptions,
): Promise<TargetedResult<VariableSite>> {
  const repo = await repoFilter(store, options.repo);
  const params: Record<string, string> = { name: name.trim() };
  if (repo !== undefined) params.repo = repo;
  const rows = await store.read(
    `MATCH (n:Variable) WHERE n.name = $name${repo === undefined ? '' : ' AND n.repo = $repo'} RETURN ${projection('Variable', 'n')}, n.value AS value, n.type AS vtype`,
    params,
  );
  const extra = new Map(rows.map((r) => [String(r.id), r]));
  let targets = rows.map((r) => toRef('Variable', r));
  if (options.file) targets = targets.filter((t) => pathMatches(t.path, options.file!));
  targets.sort(compareRefs);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const hops = await neighbours(
    store,
    { type: 'CONTAINS', direction: 'in', nearLabel: 'Variable', farLabels: ['Function', 'Class', 'File'] },
    [...byId.keys()],
  );
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const sites = hops.map((h) => ({
    variable: byId.get(h.near)!,
    scope:
      h.far.label === 'Function'
        ? ('function' as const)
        : h.far.label === 'Class'
          ? ('class' as const)
          : ('file' as const),
    container: h.far,
    value: str(extra.get(h.near)?.value),
    type: str(extra.get(h.near)?.vtype),
  }));
  sites.sort((a, b) => compareRefs(a.container, b.container) || compareRefs(a.variable, b.variable));
  return { targets, ...cut(sites, limitOf(options.limit, 100)) };
}

/** Functions, classes and files that assign a variable of this name (`file` narrows to one file). */
export function whoModifies(store: GraphStore, name: string, options: ScopeOptions = {}) {
  return variableSites(store, name, options);
}

/** Every variable of this name with the scope it lives in (`file` narrows to one file). */
export async function variableScope(store: GraphStore, name: string, options: ScopeOptions = {}) {
  const r = await variableSites(store, name, options);
  return { ...r, results: [...r.results].sort((a, b) => compareRefs(a.variable, b.variable)) };
}
