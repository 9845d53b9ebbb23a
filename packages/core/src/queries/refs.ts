import { resolve } from 'node:path';
import type { GraphParams, GraphRow } from '../adapter.js';
import { CORE_SCHEMA } from '../core-schema.js';
import { CgcError } from '../errors.js';
import { nodeDecl } from '../schema.js';
import type { GraphStore } from '../store.js';
import type { CodeRef } from './types.js';

// Which stored property feeds each CodeRef field; only declared ones are projected,
// because Kuzu refuses to bind a property its table does not have.
const FIELDS: readonly (readonly [keyof CodeRef, readonly string[]])[] = [
  ['name', ['name']],
  ['fqn', ['fqn', 'full_name']],
  ['kind', ['kind']],
  ['path', ['path']],
  ['line', ['line_number']],
  ['endLine', ['end_line']],
  ['repo', ['repo']],
];

/** A RETURN fragment projecting node variable `v` of `label` into columns prefixed with `p`. */
export function projection(label: string, v: string, p = ''): string {
  return columns(label)
    .map(([field, prop]) => `${v}.${prop} AS ${p}${field}`)
    .join(', ');
}

/**
 * One projection serving every label of `labels` (a property missing on a node reads as null),
 * or undefined when they store a field under different names.
 */
export function unionProjection(labels: readonly string[], v: string, p = ''): string | undefined {
  const byField = new Map<string, string>();
  for (const label of labels) {
    for (const [field, prop] of columns(label)) {
      if ((byField.get(field) ?? prop) !== prop) return undefined;
      byField.set(field, prop);
    }
  }
  return [...byField].map(([field, prop]) => `${v}.${prop} AS ${p}${field}`).join(', ');
}

function columns(label: string): [string, string][] {
  const props = nodeDecl(CORE_SCHEMA, label).properties;
  const cols: [string, string][] = [['id', 'id']];
  for (const [field, names] of FIELDS) {
    const prop = names.find((n) => props[n] !== undefined);
    // A Route's `path` is its URL template, not a file path.
    if (prop && !(label === 'Route' && field === 'path')) cols.push([field, prop]);
  }
  return cols;
}

/** Builds a {@link CodeRef} from a row produced by {@link projection}. */
export function toRef(label: string, row: GraphRow, p = ''): CodeRef {
  const str = (k: string) => {
    const v = row[p + k];
    return typeof v === 'string' ? v : null;
  };
  const num = (k: string) => {
    const v = row[p + k];
    return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
  };
  return {
    id: String(row[`${p}id`]),
    label,
    name: str('name') ?? '',
    fqn: str('fqn'),
    kind: str('kind'),
    path: str('path'),
    line: num('line'),
    endLine: num('endLine'),
    repo: str('repo'),
  };
}

/** Sort order used by every query so that answers are identical on every engine. */
export function compareRefs(a: CodeRef, b: CodeRef): number {
  return (
    cmp(a.fqn ?? a.name, b.fqn ?? b.name) ||
    cmp(a.path ?? '', b.path ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A repository as stored. */
export interface RepositoryRef {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly isDependency: boolean;
  readonly indexedAt: number | null;
}

/** Lists every Repository node, ordered by name. */
export async function readRepositories(store: GraphStore): Promise<RepositoryRef[]> {
  const rows = await store.read(
    'MATCH (r:Repository) RETURN r.id AS id, r.name AS name, r.path AS path, r.is_dependency AS dep, r.indexed_at AS at',
  );
  return rows
    .map((r) => ({
      id: String(r.id),
      name: typeof r.name === 'string' ? r.name : '',
      path: typeof r.path === 'string' ? r.path : '',
      isDependency: r.dep === true,
      indexedAt: typeof r.at === 'number' ? r.at : null,
    }))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.path, b.path));
}

/**
 * Resolves a repository given by id, path (absolute or relative to the cwd) or name.
 * Throws NOT_FOUND, or INVALID_INPUT when a name matches several repositories.
 */
export async function resolveRepo(store: GraphStore, repo: string): Promise<RepositoryRef> {
  const want = repo.trim();
  if (!want) throw new CgcError('INVALID_INPUT', 'repository must not be empty');
  const all = await readRepositories(store);
  const abs = resolve(want);
  const trimmed = want.replace(/[/\\]+$/, '');
  const byId = all.filter((r) => r.id === want);
  const byPath = all.filter((r) => r.path === want || r.path === trimmed || r.path === abs);
  const byName = all.filter((r) => r.name === want);
  const found = byId.length ? byId : byPath.length ? byPath : byName;
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new CgcError('NOT_FOUND', `no indexed repository "${want}"`, {
      details: { known: all.map((r) => r.path) },
    });
  }
  throw new CgcError('INVALID_INPUT', `"${want}" names ${found.length} repositories; give its path`, {
    details: { candidates: found.map((r) => r.path) },
  });
}

/** The repository id to filter on, or undefined when no repository was given. */
export async function repoFilter(store: GraphStore, repo: string | undefined): Promise<string | undefined> {
  return repo === undefined ? undefined : (await resolveRepo(store, repo)).id;
}

const SEPARATORS = ['.', '::', '\\', ':', '/', '#'];

/** The last segment of a name or FQN (`app.models.Order.save` → `save`). */
export function lastSegment(target: string): string {
  return (
    target
      .split(/::|[.\\:/#]/)
      .filter(Boolean)
      .pop() ?? target
  );
}

/** True when `fqn` is `target` or ends with it at a segment boundary. */
export function fqnMatches(fqn: string | null, target: string): boolean {
  if (!fqn) return false;
  return fqn === target || SEPARATORS.some((s) => fqn.endsWith(s + target));
}

/** True when a node's file path is the given file (absolute, relative or a path suffix). */
export function pathMatches(path: string | null, file: string): boolean {
  if (!path) return false;
  const f = file.replace(/\\/g, '/').replace(/^\.\//, '');
  const p = path.replace(/\\/g, '/');
  return p === f || p.endsWith(`/${f}`) || p === resolve(file).replace(/\\/g, '/');
}

/** How targets are looked up. */
export interface TargetOptions {
  readonly repo?: string | undefined;
  readonly file?: string | undefined;
}

/**
 * Finds the nodes of `label` a user's target names: an exact FQN, an FQN suffix at a segment
 * boundary (`Order.save`), a plain name, or a node id. Exact FQN matches win over looser ones.
 */
export async function resolveTargets(
  store: GraphStore,
  label: string,
  target: string,
  options: TargetOptions = {},
): Promise<CodeRef[]> {
  const t = target.trim();
  if (!t) throw new CgcError('INVALID_INPUT', `${label.toLowerCase()} name must not be empty`);
  const repo = await repoFilter(store, options.repo);
  const proj = projection(label, 'n');
  const scope = repo === undefined ? '' : ' AND n.repo = $repo';
  // An id is a key lookup on every engine, while names and FQNs may need a scan (Kuzu has no
  // secondary indexes): try the id first. Ids of code symbols carry a `kind:` prefix (`fn:…`,
  // `cls:…`), so a target without a colon skips that read (a quarter of a callers query).
  let refs = t.includes(':')
    ? (
        await store.read(
          `MATCH (n:${label}) WHERE n.id = $id${scope} RETURN ${proj}`,
          withRepo({ id: t }, repo),
        )
      ).map((r) => toRef(label, r))
    : [];
  if (refs.length === 0) {
    const name = lastSegment(t);
    const rows = await store.read(
      `MATCH (n:${label}) WHERE n.name = $name${scope} RETURN ${proj}`,
      withRepo({ name }, repo),
    );
    refs = rows.map((r) => toRef(label, r));
    if (t !== name) refs = refs.filter((r) => fqnMatches(r.fqn, t));
  }
  if (options.file) refs = refs.filter((r) => pathMatches(r.path, options.file!));
  const exact = refs.filter((r) => r.fqn === t);
  return (exact.length ? exact : refs).sort(compareRefs);
}

/** Like {@link resolveTargets} but throws NOT_FOUND when nothing matches. */
export async function requireTargets(
  store: GraphStore,
  label: string,
  target: string,
  options: TargetOptions = {},
): Promise<CodeRef[]> {
  const refs = await resolveTargets(store, label, target, options);
  if (refs.length === 0) {
    const where = [options.file && `in ${options.file}`, options.repo && `in repository ${options.repo}`]
      .filter(Boolean)
      .join(' ');
    throw new CgcError('NOT_FOUND', `no ${label.toLowerCase()} named "${target}"${where ? ` ${where}` : ''}`);
  }
  return refs;
}

/** Validates a limit option (a positive integer up to `max`), returning the default when absent. */
export function limitOf(limit: number | undefined, fallback: number, max = 10_000): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new CgcError('INVALID_INPUT', `limit must be an integer between 1 and ${max} (got ${limit})`);
  }
  return limit;
}

/** Validates a depth option (1..max). */
export function depthOf(depth: number | undefined, fallback: number, max = 20): number {
  if (depth === undefined) return fallback;
  if (!Number.isInteger(depth) || depth < 1 || depth > max) {
    throw new CgcError('INVALID_INPUT', `depth must be an integer between 1 and ${max} (got ${depth})`);
  }
  return depth;
}

/** Keeps the first `limit` items and says whether any were cut. */
export function cut<T>(items: readonly T[], limit: number): { results: T[]; truncated: boolean } {
  return { results: items.slice(0, limit), truncated: items.length > limit };
}

/** Query parameters with `repo` added when a repository filter is set. */
export function withRepo(params: Record<string, GraphParams[string]>, repo: string | undefined): GraphParams {
  return repo === undefined ? params : { ...params, repo };
}

/** Only the parameters `cypher` references: some engines (Kuzu) refuse unused ones. */
export function bind(cypher: string, params: GraphParams): GraphParams {
  const out: Record<string, GraphParams[string]> = {};
  for (const [k, v] of Object.entries(params)) if (new RegExp(`\\$${k}\\b`).test(cypher)) out[k] = v;
  return out;
}
