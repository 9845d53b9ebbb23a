import { CgcError } from '@cgc/core';

/** A rewrite from a runtime path prefix (inside a container) to the indexed repository path. */
export interface PathMapping {
  readonly from: string;
  readonly to: string;
}

/** Reads path mappings from settings: an array of `{from, to}` or a `from=to,from2=to2` string. */
export function parsePathMappings(value: unknown): PathMapping[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    return value
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const i = pair.indexOf('=');
        if (i <= 0)
          throw new CgcError(
            'CONFIG_INVALID',
            `path mapping "${pair}" must look like /container/path=/repo/path`,
          );
        return { from: pair.slice(0, i), to: pair.slice(i + 1) };
      });
  }
  if (Array.isArray(value)) {
    return value.map((m) => {
      if (typeof m !== 'object' || m === null || typeof m.from !== 'string' || typeof m.to !== 'string') {
        throw new CgcError('CONFIG_INVALID', 'each path mapping needs string "from" and "to"');
      }
      return { from: m.from, to: m.to };
    });
  }
  throw new CgcError('CONFIG_INVALID', 'pathMappings must be a list of {from,to} or a "from=to,…" string');
}

/** Applies the first mapping whose prefix matches (on path-segment boundaries). */
export function mapPath(path: string, mappings: readonly PathMapping[]): string {
  const p = normalisePath(path);
  for (const m of mappings) {
    const from = normalisePath(m.from).replace(/\/$/, '');
    if (p === from || p.startsWith(`${from}/`))
      return normalisePath(m.to).replace(/\/$/, '') + p.slice(from.length);
  }
  return p;
}

/** Forward slashes, no `file://` prefix, no `./` segments. */
export function normalisePath(path: string): string {
  return path
    .replace(/^file:\/\//, '')
    .replace(/\\/g, '/')
    .replace(/\/\.\//g, '/')
    .replace(/\/{2,}/g, '/');
}
