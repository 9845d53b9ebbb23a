import type { GraphStore } from '@cgc/core';

/** A method Xdebug saw on a class (`Cls->m`) that the class itself does not declare. */
export interface ClassMethod {
  readonly className: string;
  readonly method: string;
}

const CHUNK = 2_000;

/**
 * Finds the trait methods behind `UsingCls->m` frames. PHP copies a trait's
 * methods into the class that uses it, and Xdebug names that class, while the
 * indexer declares the method once on the trait (`Ns\Trait::m`); an inherited
 * method, by contrast, is reported with its declaring class. So when the class
 * is indexed but lacks `m`, `m` comes from a trait: the trait method of that
 * name, preferring a trait in the class's namespace or imported by its file
 * when several traits declare it. Keys of the result are `Cls::m`.
 */
export async function traitMethods(
  store: GraphStore,
  wanted: readonly ClassMethod[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const classes = [...new Set(wanted.map((w) => w.className))];
  const names = [...new Set(wanted.map((w) => w.method))];
  const classPath = new Map<string, string>();
  for (let i = 0; i < classes.length; i += CHUNK) {
    const rows = await store.read(
      "MATCH (c:Class) WHERE c.fqn IN $fqns AND c.kind <> 'trait' RETURN c.fqn AS fqn, c.path AS path",
      { fqns: classes.slice(i, i + CHUNK) },
    );
    for (const r of rows) classPath.set(String(r.fqn), String(r.path ?? ''));
  }
  if (classPath.size === 0) return out;
  const byName = new Map<string, { id: string; trait: string; path: string }[]>();
  for (let i = 0; i < names.length; i += CHUNK) {
    const rows = await store.read(
      "MATCH (t:Class)-[:CONTAINS]->(f:Function) WHERE t.kind = 'trait' AND f.name IN $names " +
        'RETURN f.id AS id, f.name AS name, t.fqn AS trait, f.path AS path ORDER BY id',
      { names: names.slice(i, i + CHUNK) },
    );
    for (const r of rows) {
      const list = byName.get(String(r.name)) ?? [];
      list.push({ id: String(r.id), trait: String(r.trait), path: String(r.path ?? '') });
      byName.set(String(r.name), list);
    }
  }
  const imports = await importedFiles(store, [...new Set(classPath.values())].filter(Boolean));
  for (const w of wanted) {
    const path = classPath.get(w.className);
    const candidates = byName.get(w.method);
    if (path === undefined || !candidates?.length) continue;
    let pick = candidates.length === 1 ? candidates[0] : undefined;
    if (!pick) {
      const ns = namespaceOf(w.className);
      const seen = imports.get(path);
      const visible = candidates.filter((c) => namespaceOf(c.trait) === ns || seen?.has(c.path));
      if (visible.length === 1) pick = visible[0];
    }
    if (pick) out.set(`${w.className}::${w.method}`, pick.id);
  }
  return out;
}

function namespaceOf(fqn: string): string {
  return fqn.slice(0, Math.max(0, fqn.lastIndexOf('\\')));
}

async function importedFiles(store: GraphStore, paths: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < paths.length; i += CHUNK) {
    const rows = await store.read(
      'MATCH (a:File)-[:IMPORTS]->(b:File) WHERE a.path IN $paths RETURN a.path AS a, b.path AS b',
      { paths: paths.slice(i, i + CHUNK) },
    );
    for (const r of rows) {
      const set = out.get(String(r.a)) ?? new Set<string>();
      set.add(String(r.b));
      out.set(String(r.a), set);
    }
  }
  return out;
}
