import { CORE_SCHEMA } from '../core-schema.js';
import { CgcError } from '../errors.js';
import { nodeDecl } from '../schema.js';
import type { GraphStore } from '../store.js';
import { fuzzyRank } from './fuzzy.js';
import { bind, compareRefs, cut, limitOf, projection, repoFilter, toRef } from './refs.js';
import type { CodeRef, ScopeOptions } from './types.js';

/** How a search hit matched. */
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'fuzzy' | 'content';

/** Labels `findCode` searches. */
export type SearchLabel = 'Function' | 'Class' | 'Variable' | 'Module' | 'File';

/** Options of {@link findCode}. */
export interface FindOptions extends ScopeOptions {
  /** Match kinds to use (default exact, prefix, substring and content; fuzzy when nothing else matched). */
  readonly modes?: readonly MatchKind[];
  readonly labels?: readonly SearchLabel[];
  /** Maximum edit distance of fuzzy matches (default 2). */
  readonly editDistance?: number;
}

/** One ranked search hit. */
export interface FindHit {
  readonly ref: CodeRef;
  readonly match: MatchKind;
  /** Which property matched: name, fqn, docstring or source. */
  readonly field: string;
  /** 0..1, higher is better. */
  readonly score: number;
}

const ALL_LABELS: readonly SearchLabel[] = ['Function', 'Class', 'Variable', 'Module', 'File'];
const DEFAULT_MODES: readonly MatchKind[] = ['exact', 'prefix', 'substring', 'content'];
const BASE: Record<MatchKind, number> = { exact: 1, prefix: 0.8, substring: 0.65, fuzzy: 0.5, content: 0.4 };
const LABEL_WEIGHT: Record<SearchLabel, number> = {
  Function: 1,
  Class: 1,
  Variable: 0.9,
  Module: 0.85,
  File: 0.85,
};

const has = (label: string, prop: string) => nodeDecl(CORE_SCHEMA, label).properties[prop] !== undefined;

/**
 * Finds code by name (exact name or FQN, prefix, substring, fuzzy) and by content (docstrings and
 * sources, when the indexer stored them), ranked by how well and where it matched. Fuzzy ranking
 * runs here over the distinct names, so it works the same on engines without a full-text index.
 */
export async function findCode(store: GraphStore, query: string, options: FindOptions = {}) {
  const q = query.trim();
  if (!q) throw new CgcError('INVALID_INPUT', 'search text must not be empty');
  if (q.length > 500) throw new CgcError('INVALID_INPUT', 'search text is longer than 500 characters');
  const limit = limitOf(options.limit, 20);
  const modes = new Set(options.modes ?? DEFAULT_MODES);
  const labels = options.labels ?? ALL_LABELS;
  for (const l of labels)
    if (!ALL_LABELS.includes(l)) throw new CgcError('INVALID_INPUT', `cannot search ${l}`);
  const maxDistance = options.editDistance ?? 2;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 5) {
    throw new CgcError('INVALID_INPUT', 'edit distance must be an integer between 0 and 5');
  }
  const repo = await repoFilter(store, options.repo);
  const lq = q.toLowerCase();
  const hits = new Map<string, FindHit>();
  const add = (
    label: SearchLabel,
    ref: CodeRef,
    match: MatchKind,
    field: string,
    quality: number,
    dep: boolean,
  ) => {
    const score =
      Math.round(BASE[match] * LABEL_WEIGHT[label] * (dep ? 0.8 : 1) * (0.9 + 0.1 * quality) * 1000) / 1000;
    const prev = hits.get(ref.id);
    if (!prev || prev.score < score) hits.set(ref.id, { ref, match, field, score });
  };

  for (const label of labels) {
    const fqn = has(label, 'fqn') ? 'fqn' : has(label, 'full_name') ? 'full_name' : undefined;
    const dep = has(label, 'is_dependency') ? ', n.is_dependency AS dep' : '';
    const where = [repo === undefined ? '' : 'n.repo = $repo'];
    const params: Record<string, string> = repo === undefined ? { q, lq } : { q, lq, repo };
    const nameModes = modes.has('exact') || modes.has('prefix') || modes.has('substring');
    if (nameModes) {
      const match = modes.has('substring')
        ? 'toLower(n.name) CONTAINS $lq'
        : modes.has('prefix')
          ? 'toLower(n.name) STARTS WITH $lq'
          : 'n.name = $q';
      const cond = `(${match}${fqn ? ` OR n.${fqn} = $q` : ''})`;
      const cypher = `MATCH (n:${label}) WHERE ${[...where.filter(Boolean), cond].join(' AND ')} RETURN ${projection(label, 'n')}${dep}`;
      const rows = await store.read(cypher, bind(cypher, params));
      for (const r of rows) {
        const ref = toRef(label, r);
        const name = ref.name.toLowerCase();
        const quality = lq.length / Math.max(name.length, 1);
        if (ref.name === q || ref.fqn === q)
          modes.has('exact') && add(label, ref, 'exact', ref.fqn === q ? 'fqn' : 'name', 1, r.dep === true);
        else if (name === lq) modes.has('exact') && add(label, ref, 'exact', 'name', 0.9, r.dep === true);
        else if (name.startsWith(lq))
          modes.has('prefix') && add(label, ref, 'prefix', 'name', quality, r.dep === true);
        else if (name.includes(lq))
          modes.has('substring') && add(label, ref, 'substring', 'name', quality, r.dep === true);
      }
    }
    if (modes.has('content') && has(label, 'source')) {
      const cond = '(toLower(n.docstring) CONTAINS $lq OR toLower(n.source) CONTAINS $lq)';
      const cypher = `MATCH (n:${label}) WHERE ${[...where.filter(Boolean), cond].join(' AND ')} RETURN ${projection(label, 'n')}${dep}, toLower(n.docstring) CONTAINS $lq AS indoc`;
      const rows = await store.read(cypher, bind(cypher, params));
      for (const r of rows)
        add(
          label,
          toRef(label, r),
          'content',
          r.indoc === true ? 'docstring' : 'source',
          r.indoc === true ? 1 : 0.5,
          r.dep === true,
        );
    }
  }

  const fuzzyWanted = modes.has('fuzzy') || (options.modes === undefined && hits.size === 0);
  if (fuzzyWanted) {
    for (const label of labels) {
      const params: Record<string, string> = repo === undefined ? {} : { repo };
      const scope = repo === undefined ? '' : ' WHERE n.repo = $repo';
      const names = await store.read(`MATCH (n:${label})${scope} RETURN DISTINCT n.name AS name`, params);
      const close = fuzzyRank(
        q,
        names.map((r) => String(r.name ?? '')),
        maxDistance,
        limit * 2,
      );
      if (close.length === 0) continue;
      const dep = has(label, 'is_dependency') ? ', n.is_dependency AS dep' : '';
      const rows = await store.read(
        `MATCH (n:${label}) WHERE n.name IN $names${repo === undefined ? '' : ' AND n.repo = $repo'} RETURN ${projection(label, 'n')}${dep}`,
        { ...params, names: close.map((c) => c.name) },
      );
      const sim = new Map(close.map((c) => [c.name, c.similarity]));
      for (const r of rows) {
        const ref = toRef(label, r);
        if (!hits.has(ref.id)) add(label, ref, 'fuzzy', 'name', sim.get(ref.name) ?? 0, r.dep === true);
      }
    }
  }
  const ranked = [...hits.values()].sort((a, b) => b.score - a.score || compareRefs(a.ref, b.ref));
  return cut(ranked, limit);
}
