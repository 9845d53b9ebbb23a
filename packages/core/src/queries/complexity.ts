import type { GraphStore } from '../store.js';
import { compareRefs, cut, limitOf, projection, repoFilter, requireTargets, toRef } from './refs.js';
import type { CodeRef, ScopeOptions, TargetedResult } from './types.js';

/** A function with its cyclomatic complexity. */
export interface ComplexityHit {
  readonly function: CodeRef;
  readonly complexity: number;
}

/** Complexity of every function the target names (all matches, not only the first). */
export async function functionComplexity(
  store: GraphStore,
  target: string,
  options: ScopeOptions = {},
): Promise<TargetedResult<ComplexityHit>> {
  const targets = await requireTargets(store, 'Function', target, options);
  const rows = await store.read(
    'MATCH (f:Function) WHERE f.id IN $ids RETURN f.id AS id, f.cyclomatic_complexity AS cc',
    { ids: targets.map((t) => t.id) },
  );
  const cc = new Map(rows.map((r) => [String(r.id), typeof r.cc === 'number' ? r.cc : 1]));
  const results = targets.map((t) => ({ function: t, complexity: cc.get(t.id) ?? 1 }));
  return { targets, ...cut(results, limitOf(options.limit, 100)) };
}

/** Options of {@link mostComplexFunctions}. */
export interface MostComplexOptions extends ScopeOptions {
  /** Only functions at or above this complexity. */
  readonly min?: number;
  /** Include functions of dependency repositories (default false). */
  readonly includeDependencies?: boolean;
}

/** The most complex functions, highest first (ties by FQN). */
export async function mostComplexFunctions(
  store: GraphStore,
  options: MostComplexOptions = {},
): Promise<{ results: ComplexityHit[]; truncated: boolean }> {
  const limit = limitOf(options.limit, 10);
  const repo = await repoFilter(store, options.repo);
  const where = ['f.cyclomatic_complexity IS NOT NULL'];
  const params: Record<string, string | number> = { lim: limit + 1 };
  if (options.min !== undefined) {
    where.push('f.cyclomatic_complexity >= $min');
    params.min = options.min;
  }
  if (repo !== undefined) {
    where.push('f.repo = $repo');
    params.repo = repo;
  }
  if (!options.includeDependencies) where.push('(f.is_dependency IS NULL OR f.is_dependency = false)');
  const rows = await store.read(
    `MATCH (f:Function) WHERE ${where.join(' AND ')} RETURN ${projection('Function', 'f')}, f.cyclomatic_complexity AS cc ORDER BY cc DESC, f.fqn ASC, f.id ASC LIMIT $lim`,
    params,
  );
  const hits = rows
    .map((r) => ({ function: toRef('Function', r), complexity: Number(r.cc) }))
    .sort((a, b) => b.complexity - a.complexity || compareRefs(a.function, b.function));
  return cut(hits, limit);
}
