import type { GraphRow } from '../adapter.js';
import type { GraphStore } from '../store.js';
import { type Candidate, type Exclusion, exclusionOf, isTest, type RuleOptions } from './dead-code-rules.js';
import { methodsOf, ownersOf } from './hierarchy.js';
import { compareRefs, cut, limitOf, projection, repoFilter, toRef, withRepo } from './refs.js';
import type { CodeRef, ScopeOptions } from './types.js';
import { neighbours } from './walk.js';

/** Options of {@link findDeadCode}. */
export interface DeadCodeOptions extends ScopeOptions, RuleOptions {}

/** Why a function is suspected to be unused. */
export type DeadReason = 'no-callers' | 'only-recursive' | 'only-tests';

/** A function suspected to be unused. */
export interface DeadCodeHit {
  readonly function: CodeRef;
  readonly reason: DeadReason;
  /** The reason in words. */
  readonly explanation: string;
}

/** Answer of {@link findDeadCode}. */
export interface DeadCodeResult {
  readonly results: readonly DeadCodeHit[];
  readonly truncated: boolean;
  /** How many caller-less functions each rule kept out of the answer. */
  readonly excluded: Readonly<Record<Exclusion, number>>;
}

const EXPLAIN: Record<DeadReason, string> = {
  'no-callers': 'no call to it in the graph (no function, no file-level code, no route)',
  'only-recursive': 'only called by itself',
  'only-tests': 'only called from tests',
};

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/**
 * Functions nothing calls: no CALLS from a function or from file-level code, no route handled by
 * them, or only recursive or test callers. Entry points, tests, magic methods, framework-invoked
 * code (route handlers, controllers, listeners, framework and user-given decorators), exported API,
 * interface declarations and overriding methods (called through their base) are left out.
 */
export async function findDeadCode(
  store: GraphStore,
  options: DeadCodeOptions = {},
): Promise<DeadCodeResult> {
  const limit = limitOf(options.limit, 100);
  const repo = await repoFilter(store, options.repo);
  const params = withRepo({}, repo);
  const scope = `${repo === undefined ? '' : ' AND f.repo = $repo'} AND (f.is_dependency IS NULL OR f.is_dependency = false)`;
  const cols = `${projection('Function', 'f')}, f.decorators AS decorators, f.exported AS exported`;
  const uncalled = await store.read(
    `MATCH (f:Function) WHERE NOT (f)<-[:CALLS]-() AND NOT (f)<-[:HANDLED_BY]-()${scope} RETURN ${cols}`,
    params,
  );
  // Functions called only by functions (file-level calls count as real use): are those callers real?
  const called = await store.read(
    `MATCH (c:Function)-[:CALLS]->(f:Function) WHERE NOT (:File)-[:CALLS]->(f) AND NOT (f)<-[:HANDLED_BY]-()${scope} WITH f, collect([c.id, coalesce(c.name, ''), coalesce(c.path, '')]) AS callers RETURN ${cols}, callers`,
    params,
  );

  const suspects: { row: GraphRow; reason: DeadReason }[] = uncalled.map((row) => ({
    row,
    reason: 'no-callers',
  }));
  for (const row of called) {
    const id = String(row.id);
    const callers = Array.isArray(row.callers) ? (row.callers as unknown[]).map(strings) : [];
    const others = callers
      .map(([cid = '', name = '', path = '']) => ({ cid, name, path: path || null }))
      .filter((c) => c.cid !== id);
    if (others.length === 0) suspects.push({ row, reason: 'only-recursive' });
    else if (
      others.every((c) =>
        isTest({ ref: { ...toRef('Function', row), name: c.name, path: c.path }, decorators: [] }),
      )
    ) {
      suspects.push({ row, reason: 'only-tests' });
    }
  }

  const refs = suspects.map((s) => toRef('Function', s.row));
  const owners = await ownersOf(
    store,
    refs.map((r) => r.id),
  );
  const overriding = await overridingMethods(store, refs, owners);
  const excluded: Record<Exclusion, number> = {
    'entry-point': 0,
    test: 0,
    magic: 0,
    framework: 0,
    exported: 0,
    interface: 0,
    override: 0,
  };
  const hits: DeadCodeHit[] = [];
  suspects.forEach((s, i) => {
    const ref = refs[i]!;
    const owner = owners.get(ref.id);
    const candidate: Candidate = {
      ref,
      decorators: strings(s.row.decorators),
      exported: s.row.exported === true,
      owner: owner && { name: owner.name, kind: owner.kind },
      overrides: overriding.has(ref.id),
    };
    const why = exclusionOf(candidate, options);
    if (why) excluded[why]++;
    else hits.push({ function: ref, reason: s.reason, explanation: EXPLAIN[s.reason] });
  });
  hits.sort((a, b) => compareRefs(a.function, b.function));
  return { ...cut(hits, limit), excluded };
}

// Methods whose class has an ancestor declaring a method of the same name: calls through the
// base type reach them, so having no direct caller says nothing.
async function overridingMethods(
  store: GraphStore,
  methods: readonly CodeRef[],
  owners: Map<string, CodeRef>,
): Promise<Set<string>> {
  const wanted = new Map<string, Set<string>>(); // class id -> method names
  for (const m of methods) {
    const o = owners.get(m.id);
    if (o) wanted.set(o.id, (wanted.get(o.id) ?? new Set()).add(m.name));
  }
  const inherited = new Map<string, Set<string>>(); // origin class id -> ancestor method names
  let frontier = new Map<string, Set<string>>([...wanted.keys()].map((id) => [id, new Set([id])]));
  const seen = new Set(wanted.keys());
  for (let depth = 0; depth < 10 && frontier.size > 0; depth++) {
    const ids = [...frontier.keys()];
    const hops = [
      ...(await neighbours(
        store,
        { type: 'INHERITS', direction: 'out', nearLabel: 'Class', farLabels: ['Class'] },
        ids,
      )),
      ...(await neighbours(
        store,
        { type: 'IMPLEMENTS', direction: 'out', nearLabel: 'Class', farLabels: ['Class'] },
        ids,
      )),
    ];
    const next = new Map<string, Set<string>>();
    for (const h of hops) {
      const origins = frontier.get(h.near)!;
      const set = next.get(h.far.id) ?? new Set<string>();
      for (const o of origins) set.add(o);
      next.set(h.far.id, set);
    }
    const declared = await methodsOf(store, [...next.keys()]);
    for (const [cls, origins] of next) {
      for (const o of origins) {
        const names = inherited.get(o) ?? new Set<string>();
        for (const m of declared.get(cls) ?? []) names.add(m.name);
        inherited.set(o, names);
      }
    }
    frontier = new Map([...next].filter(([id]) => !seen.has(id)));
    for (const id of frontier.keys()) seen.add(id);
  }
  const out = new Set<string>();
  for (const m of methods) {
    const o = owners.get(m.id);
    if (o && inherited.get(o.id)?.has(m.name)) out.add(m.id);
  }
  return out;
}
