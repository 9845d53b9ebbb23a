import { CgcError } from '../errors.js';
import type { GraphStore } from '../store.js';
import { compareRefs, cut, limitOf, pathMatches, projection, repoFilter, toRef, withRepo } from './refs.js';
import type { CodeRef, ScopeOptions } from './types.js';

/** A function with a parameter of the asked name. */
export interface ArgumentHit {
  readonly function: CodeRef;
  readonly parameter: string;
  /** Declared type, when the indexer recorded Parameter nodes with types. */
  readonly type: string | null;
  readonly position: number | null;
}

function scopeClause(repo: string | undefined, v = 'f'): string {
  return repo === undefined ? '' : ` AND ${v}.repo = $repo`;
}

/** Functions taking a parameter of this name (Parameter nodes, or the `args` list when they are absent). */
export async function findFunctionsByArgument(
  store: GraphStore,
  name: string,
  options: ScopeOptions = {},
): Promise<{ results: ArgumentHit[]; truncated: boolean }> {
  const n = name.trim();
  if (!n) throw new CgcError('INVALID_INPUT', 'argument name must not be empty');
  const repo = await repoFilter(store, options.repo);
  const params = withRepo({ n }, repo);
  const viaParam = await store.read(
    `MATCH (f:Function)-[:HAS_PARAMETER]->(p:Parameter) WHERE p.name = $n${scopeClause(repo)} RETURN ${projection('Function', 'f')}, p.type AS ptype, p.position AS pos`,
    params,
  );
  const viaArgs = await store.read(
    `MATCH (f:Function) WHERE $n IN f.args${scopeClause(repo)} RETURN ${projection('Function', 'f')}, f.args AS args`,
    params,
  );
  const hits = new Map<string, ArgumentHit>();
  for (const r of viaParam) {
    const f = toRef('Function', r);
    hits.set(f.id, {
      function: f,
      parameter: n,
      type: typeof r.ptype === 'string' ? r.ptype : null,
      position: typeof r.pos === 'number' ? r.pos : null,
    });
  }
  for (const r of viaArgs) {
    const f = toRef('Function', r);
    if (hits.has(f.id)) continue;
    const pos = Array.isArray(r.args) ? r.args.indexOf(n) : -1;
    hits.set(f.id, { function: f, parameter: n, type: null, position: pos >= 0 ? pos : null });
  }
  let list = [...hits.values()];
  if (options.file) list = list.filter((h) => pathMatches(h.function.path, options.file!));
  list.sort((a, b) => compareRefs(a.function, b.function));
  return cut(list, limitOf(options.limit, 100));
}

/** A function carrying a decorator (annotation, attribute). */
export interface DecoratorHit {
  readonly function: CodeRef;
  /** The decorators that matched, as written in the source. */
  readonly decorators: readonly string[];
}

/**
 * True when decorator text `written` (`@app.get("/x")`) is the asked one: the same text, the same
 * name without arguments (`app.get`), or a dotted suffix of it (`get`), with or without `@`.
 */
export function decoratorMatches(written: string, asked: string): boolean {
  const w = written.trim().replace(/^[@#[]+/, '');
  const a = asked.trim().replace(/^[@#[]+/, '');
  if (!a) return false;
  if (w === a) return true;
  const head = w.split('(')[0]!.trim();
  const askedHead = a.split('(')[0]!.trim();
  return head === a || head.endsWith(`.${a}`) || (a.includes('(') ? false : head === askedHead);
}

/** Functions carrying a decorator, by its text or name (`@retry(3)`, `retry`, `app.get`). */
export async function findFunctionsByDecorator(
  store: GraphStore,
  decorator: string,
  options: ScopeOptions = {},
): Promise<{ results: DecoratorHit[]; truncated: boolean }> {
  const d = decorator.trim();
  if (!d || d === '@') throw new CgcError('INVALID_INPUT', 'decorator must not be empty');
  const repo = await repoFilter(store, options.repo);
  // Kuzu 0.11 cannot bind a parameter inside a list predicate (`any(x IN l WHERE x CONTAINS $p)`),
  // so the engine only narrows to decorated functions and the match is decided here.
  const cypher = `MATCH (f:Function) WHERE f.decorators IS NOT NULL AND size(f.decorators) > 0${scopeClause(repo)} RETURN ${projection('Function', 'f')}, f.decorators AS decorators`;
  const rows = await store.read(cypher, withRepo({}, repo));
  let list: DecoratorHit[] = [];
  for (const r of rows) {
    const written = Array.isArray(r.decorators) ? (r.decorators as unknown[]).map(String) : [];
    const matched = written.filter((w) => decoratorMatches(w, d));
    if (matched.length) list.push({ function: toRef('Function', r), decorators: matched });
  }
  if (options.file) list = list.filter((h) => pathMatches(h.function.path, options.file!));
  list.sort((a, b) => compareRefs(a.function, b.function));
  return cut(list, limitOf(options.limit, 100));
}
