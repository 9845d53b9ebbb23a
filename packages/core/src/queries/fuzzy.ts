/** Lower-cases and drops separators so that `create_order`, `createOrder` and `create-order` compare equal. */
export function normaliseName(s: string): string {
  return s.toLowerCase().replace(/[\s_\-.$]+/g, '');
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up
 * early with `max + 1` once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** A candidate name close to the query, with its distance and a 0..1 similarity. */
export interface FuzzyMatch {
  readonly name: string;
  readonly distance: number;
  readonly similarity: number;
}

/** Ranks candidate names by edit distance to `query` (normalised), keeping those within `maxDistance`. */
export function fuzzyRank(query: string, names: Iterable<string>, maxDistance = 2, limit = 50): FuzzyMatch[] {
  const q = normaliseName(query);
  const out: FuzzyMatch[] = [];
  for (const name of names) {
    const n = normaliseName(name);
    const d = editDistance(q, n, maxDistance);
    if (d <= maxDistance)
      out.push({ name, distance: d, similarity: 1 - d / Math.max(q.length, n.length, 1) });
  }
  return out
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        b.similarity - a.similarity ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, limit);
}
