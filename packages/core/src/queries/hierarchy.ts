import type { GraphStore } from '../store.js';
import { compareRefs, cut, depthOf, limitOf, requireTargets } from './refs.js';
import type { CodeRef, ScopeOptions, TargetedResult, TransitiveHit } from './types.js';
import { neighbours, type Step, walk } from './walk.js';

const TYPE_EDGES = ['INHERITS', 'IMPLEMENTS', 'INCLUDES'] as const;
const SUPERTYPES: readonly Step[] = TYPE_EDGES.map((type) => ({
  type,
  direction: 'out',
  nearLabel: 'Class',
  farLabels: ['Class'],
}));
const SUBTYPES: readonly Step[] = TYPE_EDGES.map((type) => ({
  type,
  direction: 'in',
  nearLabel: 'Class',
  farLabels: ['Class'],
}));

/** A class reached through INHERITS, IMPLEMENTS or INCLUDES (traits, mixins). */
export interface TypeHit extends TransitiveHit {
  /** `inherits`, `implements` or `includes`: the relationship of the last step. */
  readonly relation: 'inherits' | 'implements' | 'includes';
}

/** The hierarchy around one class. */
export interface ClassHierarchy {
  readonly class: CodeRef;
  /** Ancestors (base classes, implemented interfaces, and theirs), nearest first. */
  readonly parents: readonly TypeHit[];
  /** Descendants (subclasses, implementers, and theirs), nearest first. */
  readonly children: readonly TypeHit[];
  /** Methods the class declares. */
  readonly methods: readonly CodeRef[];
}

/** Options of {@link classHierarchy}. */
export interface HierarchyOptions extends ScopeOptions {
  /** Levels to follow up and down (default 10). */
  readonly depth?: number;
}

function typeHits(reached: { ref: CodeRef; depth: number; via: string; type: string }[]): TypeHit[] {
  return reached.map((r) => ({
    ref: r.ref,
    depth: r.depth,
    via: r.via,
    relation: r.type === 'IMPLEMENTS' ? 'implements' : r.type === 'INCLUDES' ? 'includes' : 'inherits',
  }));
}

/** Parents, children and methods of a class given by name or FQN. */
export async function classHierarchy(
  store: GraphStore,
  target: string,
  options: HierarchyOptions = {},
): Promise<TargetedResult<ClassHierarchy>> {
  const targets = await requireTargets(store, 'Class', target, options);
  const depth = depthOf(options.depth, 10, 50);
  const results: ClassHierarchy[] = [];
  for (const t of targets) {
    const up = await walk(store, SUPERTYPES, [t.id], depth);
    const down = await walk(store, SUBTYPES, [t.id], depth);
    const methods = await methodsOf(store, [t.id]);
    results.push({
      class: t,
      parents: typeHits(up.reached),
      children: typeHits(down.reached),
      methods: (methods.get(t.id) ?? []).sort(compareRefs),
    });
  }
  return { targets, ...cut(results, limitOf(options.limit, 100)) };
}

/** Methods declared by each class (Class -CONTAINS-> Function). */
export async function methodsOf(
  store: GraphStore,
  classIds: readonly string[],
): Promise<Map<string, CodeRef[]>> {
  const hops = await neighbours(
    store,
    { type: 'CONTAINS', direction: 'out', nearLabel: 'Class', farLabels: ['Function'] },
    classIds,
  );
  const out = new Map<string, CodeRef[]>();
  for (const h of hops) out.set(h.near, [...(out.get(h.near) ?? []), h.far]);
  return out;
}

/** The class declaring each method (Class -CONTAINS-> Function). */
export async function ownersOf(
  store: GraphStore,
  methodIds: readonly string[],
): Promise<Map<string, CodeRef>> {
  const hops = await neighbours(
    store,
    { type: 'CONTAINS', direction: 'in', nearLabel: 'Function', farLabels: ['Class'] },
    methodIds,
  );
  return new Map(hops.map((h) => [h.near, h.far]));
}

/** One overriding pair: `method` in `class` overrides `base` declared in `baseClass`. */
export interface Override {
  readonly method: CodeRef;
  readonly class: CodeRef;
  readonly base: CodeRef;
  readonly baseClass: CodeRef;
  /** Levels between the two classes. */
  readonly depth: number;
  /** `inherits` when every step is INHERITS, else `implements`. */
  readonly relation: 'inherits' | 'implements';
}

/**
 * Real overriding: a method overrides a same-named method declared by an ancestor class
 * (along INHERITS, or IMPLEMENTS for interfaces). Targets are methods by name or FQN; the answer
 * holds every pair in which a target is the overriding or the overridden method.
 */
export async function findOverrides(
  store: GraphStore,
  target: string,
  options: HierarchyOptions = {},
): Promise<TargetedResult<Override>> {
  const depth = depthOf(options.depth, 10, 50);
  const targets = await requireTargets(store, 'Function', target, options);
  const owners = await ownersOf(
    store,
    targets.map((t) => t.id),
  );
  const pairs = new Map<string, Override>();
  for (const m of targets) {
    const cls = owners.get(m.id);
    if (!cls) continue;
    const up = await walk(store, SUPERTYPES, [cls.id], depth);
    const down = await walk(store, SUBTYPES, [cls.id], depth);
    const upMethods = await methodsOf(
      store,
      up.reached.map((r) => r.ref.id),
    );
    const downMethods = await methodsOf(
      store,
      down.reached.map((r) => r.ref.id),
    );
    for (const r of up.reached) {
      const chain = chainOf(up.reached, r.ref.id, cls.id);
      // Only the nearest declaration is overridden: skip bases hidden by a closer same-named method.
      if (chain.slice(0, -1).some((c) => declares(upMethods, c.ref.id, m.name))) continue;
      for (const base of upMethods.get(r.ref.id) ?? []) {
        if (base.name !== m.name) continue;
        pairs.set(`${m.id}\u0000${base.id}`, {
          method: m,
          class: cls,
          base,
          baseClass: r.ref,
          depth: r.depth,
          relation: relationOf(chain),
        });
      }
    }
    for (const r of down.reached) {
      const chain = chainOf(down.reached, r.ref.id, cls.id);
      if (chain.slice(0, -1).some((c) => declares(downMethods, c.ref.id, m.name))) continue;
      for (const sub of downMethods.get(r.ref.id) ?? []) {
        if (sub.name !== m.name) continue;
        pairs.set(`${sub.id}\u0000${m.id}`, {
          method: sub,
          class: r.ref,
          base: m,
          baseClass: cls,
          depth: r.depth,
          relation: relationOf(chain),
        });
      }
    }
  }
  const results = [...pairs.values()].sort(
    (a, b) => compareRefs(a.method, b.method) || compareRefs(a.base, b.base),
  );
  return { targets, ...cut(results, limitOf(options.limit, 100)) };
}

type Reached = { ref: CodeRef; depth: number; via: string; type: string };

// The steps from the start class to `id`, nearest first, following `via` back.
function chainOf(reached: readonly Reached[], id: string, start: string): Reached[] {
  const byId = new Map(reached.map((r) => [r.ref.id, r]));
  const out: Reached[] = [];
  for (let cur = byId.get(id); cur; cur = cur.via === start ? undefined : byId.get(cur.via)) out.unshift(cur);
  return out;
}

function relationOf(chain: readonly Reached[]): Override['relation'] {
  return chain.some((c) => c.type === 'IMPLEMENTS') ? 'implements' : 'inherits';
}

function declares(methods: Map<string, CodeRef[]>, classId: string, name: string): boolean {
  return (methods.get(classId) ?? []).some((m) => m.name === name);
}
