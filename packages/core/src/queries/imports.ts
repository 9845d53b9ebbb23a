import type { GraphStore } from '../store.js';
import { bind, compareRefs, cut, limitOf, pathMatches, projection, repoFilter, toRef } from './refs.js';
import type { CodeRef, ScopeOptions } from './types.js';
import { type Hop, neighbours } from './walk.js';

/** One IMPORTS edge: a file importing a module or another file. */
export interface ImportEdge {
  readonly importer: CodeRef;
  readonly imported: CodeRef;
  readonly line: number | null;
  readonly alias: string | null;
  readonly importedName: string | null;
}

/** Answer of {@link findImporters}. */
export interface ImportersResult {
  /** Modules and files the target named. */
  readonly targets: readonly CodeRef[];
  readonly results: readonly ImportEdge[];
  readonly truncated: boolean;
}

/**
 * Modules and files a user's module target names: a module name or full name (`app.services.orders`,
 * `express`, a suffix at a dot or slash), a file path, or a dotted module mapped to a file path.
 */
export async function resolveImportTargets(
  store: GraphStore,
  target: string,
  repo?: string,
): Promise<CodeRef[]> {
  const t = target.trim();
  const params: Record<string, string> = { t, dot: `.${t}`, slash: `/${t}`, bs: `\\${t}` };
  const scope = repo === undefined ? '' : ' AND m.repo = $repo';
  if (repo !== undefined) params.repo = repo;
  const modules = await store.read(
    `MATCH (m:Module) WHERE (m.name = $t OR m.full_name = $t OR m.full_name ENDS WITH $dot OR m.full_name ENDS WITH $slash OR m.full_name ENDS WITH $bs)${scope} RETURN ${projection('Module', 'm')}`,
    params,
  );
  // A dotted module may also be a file of the repository (`app.services.orders` → app/services/orders.py).
  const asPath = t.includes('/') || t.includes('\\') ? t : t.replace(/\./g, '/');
  const fileQuery = `MATCH (m:File) WHERE (m.path ENDS WITH $p OR m.relative_path STARTS WITH $p)${scope} RETURN ${projection('File', 'm')}`;
  const files = await store.read(fileQuery, bind(fileQuery, { ...params, p: asPath }));
  const fileRefs = files
    .map((r) => toRef('File', r))
    .filter(
      (f) =>
        pathMatches(f.path, t) || stem(f.path ?? '').endsWith(`/${asPath}`) || stem(f.path ?? '') === asPath,
    );
  return [...modules.map((r) => toRef('Module', r)).sort(compareRefs), ...fileRefs.sort(compareRefs)];
}

function stem(path: string): string {
  const p = path.replace(/\\/g, '/');
  const noExt = p.replace(/\.[^./]+$/, '');
  return noExt.endsWith('/__init__') || noExt.endsWith('/index')
    ? noExt.slice(0, noExt.lastIndexOf('/'))
    : noExt;
}

function importEdge(h: Hop, importer: CodeRef, imported: CodeRef): ImportEdge {
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    importer,
    imported,
    line: typeof h.props.line_number === 'number' ? h.props.line_number : null,
    alias: s(h.props.alias),
    importedName: s(h.props.imported_name),
  };
}

function sortEdges(edges: ImportEdge[]): ImportEdge[] {
  return edges.sort(
    (a, b) =>
      compareRefs(a.importer, b.importer) ||
      compareRefs(a.imported, b.imported) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

async function importersOf(store: GraphStore, targets: readonly CodeRef[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const label of ['Module', 'File']) {
    const byId = new Map(targets.filter((t) => t.label === label).map((t) => [t.id, t]));
    const hops = await neighbours(
      store,
      { type: 'IMPORTS', direction: 'in', nearLabel: label, farLabels: ['File'] },
      [...byId.keys()],
    );
    for (const h of hops) edges.push(importEdge(h, h.far, byId.get(h.near)!));
  }
  return edges;
}

/** Files importing a module (by name or full name) or a file (by path). */
export async function findImporters(
  store: GraphStore,
  target: string,
  options: ScopeOptions = {},
): Promise<ImportersResult> {
  const repo = await repoFilter(store, options.repo);
  const targets = await resolveImportTargets(store, target, repo);
  const edges = sortEdges(
    (await importersOf(store, targets)).filter((e) => repo === undefined || e.importer.repo === repo),
  );
  return { targets, ...cut(edges, limitOf(options.limit, 100)) };
}

/** Answer of {@link moduleDeps}. */
export interface ModuleDepsResult {
  readonly targets: readonly CodeRef[];
  /** Files importing the target. */
  readonly importedBy: readonly ImportEdge[];
  /** What the target's own files import (when the target is, or maps to, a file). */
  readonly imports: readonly ImportEdge[];
  /** Other modules imported by the files importing the target, most shared first. */
  readonly coImported: readonly { readonly module: CodeRef; readonly files: number }[];
  readonly truncated: boolean;
}

/** Dependencies of a module in both directions: who imports it, what it imports, what it travels with. */
export async function moduleDeps(
  store: GraphStore,
  target: string,
  options: ScopeOptions = {},
): Promise<ModuleDepsResult> {
  const repo = await repoFilter(store, options.repo);
  const limit = limitOf(options.limit, 100);
  const targets = await resolveImportTargets(store, target, repo);
  const importedBy = sortEdges(
    (await importersOf(store, targets)).filter((e) => repo === undefined || e.importer.repo === repo),
  );

  const files = new Map(targets.filter((t) => t.label === 'File').map((t) => [t.id, t]));
  const imports: ImportEdge[] = [];
  const out = await neighbours(
    store,
    { type: 'IMPORTS', direction: 'out', nearLabel: 'File', farLabels: ['Module', 'File'] },
    [...files.keys()],
  );
  for (const h of out) imports.push(importEdge(h, files.get(h.near)!, h.far));

  const targetIds = new Set(targets.map((t) => t.id));
  const importerIds = [...new Set(importedBy.map((e) => e.importer.id))];
  const co = await neighbours(
    store,
    { type: 'IMPORTS', direction: 'out', nearLabel: 'File', farLabels: ['Module'] },
    importerIds,
  );
  const counts = new Map<string, { module: CodeRef; files: Set<string> }>();
  for (const h of co) {
    if (targetIds.has(h.far.id)) continue;
    const c = counts.get(h.far.id) ?? { module: h.far, files: new Set<string>() };
    c.files.add(h.near);
    counts.set(h.far.id, c);
  }
  const coImported = [...counts.values()]
    .map((c) => ({ module: c.module, files: c.files.size }))
    .sort((a, b) => b.files - a.files || compareRefs(a.module, b.module));
  const a = cut(importedBy, limit);
  const b = cut(sortEdges(imports), limit);
  const c = cut(coImported, limit);
  return {
    targets,
    importedBy: a.results,
    imports: b.results,
    coImported: c.results,
    truncated: a.truncated || b.truncated || c.truncated,
  };
}
