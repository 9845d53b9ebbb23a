/** A runtime path prefix (in a container) and the repository path it corresponds to. */
export interface PathMapping {
  readonly from: string;
  readonly to: string;
}

/**
 * Parses mappings from `"/var/www=/home/me/app,/srv=/x"` or an array of
 * `{from,to}`; entries without both sides are ignored.
 */
export function parsePathMappings(value: unknown): PathMapping[] {
  const list: PathMapping[] = [];
  if (typeof value === 'string') {
    for (const part of value.split(',')) {
      const [from, to] = part.split('=').map((s) => s.trim());
      if (from && to) list.push({ from, to });
    }
  } else if (Array.isArray(value)) {
    for (const v of value) {
      const m = v as { from?: unknown; to?: unknown };
      if (typeof m?.from === 'string' && typeof m.to === 'string' && m.from && m.to)
        list.push({ from: m.from, to: m.to });
    }
  }
  // Longest prefix first so nested mappings win.
  return list.sort((a, b) => b.from.length - a.from.length);
}

/** Maps a runtime path to the repository path (the first matching prefix, on a path boundary). */
export function mapPath(path: string, mappings: readonly PathMapping[]): string {
  for (const m of mappings) {
    const from = m.from.endsWith('/') ? m.from.slice(0, -1) : m.from;
    if (path === from || path.startsWith(`${from}/`)) {
      const to = m.to.endsWith('/') ? m.to.slice(0, -1) : m.to;
      return `${to}${path.slice(from.length)}`;
    }
  }
  return path;
}

/** Maps a repository path back to the runtime path (for breakpoints set in the running PHP). */
export function unmapPath(path: string, mappings: readonly PathMapping[]): string {
  const longestTo = [...mappings].sort((a, b) => b.to.length - a.to.length);
  return mapPath(
    path,
    longestTo.map((m) => ({ from: m.to, to: m.from })),
  );
}
