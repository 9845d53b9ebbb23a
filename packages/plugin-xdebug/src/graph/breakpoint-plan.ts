import type { GraphStore } from '@cgc/core';
import type { BreakpointSpec } from '../dbgp/session.js';
import { num } from './counts.js';
import { type PathMapping, unmapPath } from './path-mapping.js';

interface ClassInfo {
  readonly fqn: string;
  readonly kind: string;
  readonly methods: { name: string; path: string; line: number }[];
}

/**
 * The breakpoints that stop once at every call of the PHP code the graph
 * knows, following what Xdebug 3 matches (checked against a real PHP): a call
 * breakpoint `-a Cls -m m` fires for an instance call when `Cls` is the
 * object's own class, and for a static call when `Cls` declares the method (for
 * a trait method, the class that uses the trait). So every class gets one on
 * each method it declares or inherits (a subclass instance calling an inherited
 * method matches only its own class name); plain functions break by FQN; a
 * trait method, whose class names are not in the graph, gets a once-per-call
 * line breakpoint in the trait's file (its runtime path, through the path
 * mappings), and so does a closure (one that only its own execution trips).
 */
export async function planBreakpoints(
  store: GraphStore,
  mappings: readonly PathMapping[],
): Promise<BreakpointSpec[]> {
  // Keyed by the call name or the file:line place, so each breakpoint is set once.
  const out = new Map<string, BreakpointSpec>();
  const fns = await store.read(
    "MATCH (f:Function) WHERE f.lang = 'php' AND f.kind = 'function' AND f.fqn IS NOT NULL RETURN DISTINCT f.fqn AS fqn",
  );
  for (const r of fns) if (!String(r.fqn).includes('{')) out.set(String(r.fqn), String(r.fqn));
  const closures = await store.read(
    "MATCH (f:Function) WHERE f.lang = 'php' AND f.kind = 'closure' RETURN f.path AS path, f.line_number AS line",
  );
  for (const r of closures) atLine(out, unmapPath(String(r.path ?? ''), mappings), num(r.line), true);
  const classes = new Map<string, ClassInfo>();
  const rows = await store.read(
    "MATCH (c:Class)-[:CONTAINS]->(f:Function) WHERE c.lang = 'php' AND f.kind <> 'closure' " +
      'RETURN c.id AS id, c.fqn AS fqn, c.kind AS kind, f.name AS name, f.path AS path, f.line_number AS line',
  );
  for (const r of rows) {
    const id = String(r.id);
    const c = classes.get(id) ?? { fqn: String(r.fqn), kind: String(r.kind ?? 'class'), methods: [] };
    c.methods.push({ name: String(r.name), path: String(r.path ?? ''), line: num(r.line) });
    classes.set(id, c);
  }
  const parents = new Map<string, string[]>();
  const inherits = await store.read(
    "MATCH (a:Class)-[:INHERITS]->(b:Class) WHERE a.lang = 'php' RETURN a.id AS a, b.id AS b",
  );
  for (const r of inherits) {
    const list = parents.get(String(r.a)) ?? [];
    list.push(String(r.b));
    parents.set(String(r.a), list);
  }
  const classIds = new Set([...classes.keys(), ...parents.keys()]);
  if (parents.size) {
    const named = await store.read(
      "MATCH (c:Class) WHERE c.lang = 'php' RETURN c.id AS id, c.fqn AS fqn, c.kind AS kind",
    );
    for (const r of named) {
      if (!classes.has(String(r.id)) && classIds.has(String(r.id)))
        classes.set(String(r.id), { fqn: String(r.fqn), kind: String(r.kind ?? 'class'), methods: [] });
    }
  }
  for (const [id, c] of classes) {
    if (c.kind === 'interface') continue;
    if (c.kind === 'trait') {
      for (const m of c.methods) atLine(out, unmapPath(m.path, mappings), m.line, false);
      continue;
    }
    const names = new Set(c.methods.map((m) => m.name));
    const seen = new Set([id]);
    for (let queue = [...(parents.get(id) ?? [])]; queue.length; ) {
      const p = queue.shift()!;
      if (seen.has(p)) continue;
      seen.add(p);
      const pc = classes.get(p);
      if (pc && pc.kind !== 'interface' && pc.kind !== 'trait') for (const m of pc.methods) names.add(m.name);
      queue.push(...(parents.get(p) ?? []));
    }
    for (const n of names) out.set(`${c.fqn}::${n}`, `${c.fqn}::${n}`);
  }
  return [...out.values()];
}

function atLine(out: Map<string, BreakpointSpec>, file: string, line: number, closure: boolean): void {
  if (!file || line <= 0) return;
  out.set(
    `${file}:${line}:${closure ? 'closure' : 'method'}`,
    closure ? { file, line, closure } : { file, line },
  );
}
