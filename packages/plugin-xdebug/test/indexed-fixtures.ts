import { join } from 'node:path';
import type { GraphStore } from '@cgc/core';
import { indexRepository } from '@cgc/indexer';
import { EXAMPLES } from './php.js';

/** Root of the PHP shop fixture project (examples/php-shop). */
export const SHOP_ROOT = join(EXAMPLES, 'php-shop');
/** Root of the PHP edge-case scripts (examples/php-edge). */
export const EDGE_ROOT = join(EXAMPLES, 'php-edge');

/** Indexes the PHP fixture projects with the real indexer, as `cgc index` would. */
export async function indexPhpFixtures(store: GraphStore, roots = [SHOP_ROOT, EDGE_ROOT]): Promise<void> {
  for (const root of roots) {
    const summary = await indexRepository(store, root, { workers: 0 });
    if (summary.files === 0) throw new Error(`indexing ${root} found no files`);
  }
}

/** The id of the indexed Function with this FQN (the first one when several share it). */
export async function functionId(store: GraphStore, fqn: string): Promise<string> {
  const row = await store.one('MATCH (f:Function) WHERE f.fqn = $fqn RETURN f.id AS id ORDER BY id LIMIT 1', {
    fqn,
  });
  if (!row) throw new Error(`the indexer wrote no Function ${fqn}`);
  return String(row.id);
}

/** The CALLS edge between two indexed Functions (by FQN): static/observed flags, count, first/last seen. */
export async function callEdge(store: GraphStore, from: string, to: string) {
  return (
    await store.read(
      'MATCH (a:Function)-[c:CALLS]->(b:Function) WHERE a.id = $a AND b.id = $b ' +
        'RETURN c.static AS static, c.observed AS observed, c.observed_count AS n, c.resolution AS resolution, ' +
        'c.first_seen AS first, c.last_seen AS last',
      { a: await functionId(store, from), b: await functionId(store, to) },
    )
  )[0];
}

/** Every observed CALLS edge, static or runtime-only, as sorted `caller -> callee: count` (a File caller by relative path). */
export async function observedCalls(store: GraphStore, isStatic: boolean): Promise<string[]> {
  const out: string[] = [];
  for (const [label, name] of [
    ['Function', 'a.fqn'],
    ['File', 'a.relative_path'],
  ] as const) {
    const rows = await store.read(
      `MATCH (a:${label})-[c:CALLS]->(b:Function) WHERE c.observed = true AND c.static = $s ` +
        `RETURN ${name} AS caller, b.fqn AS callee, c.observed_count AS n`,
      { s: isStatic },
    );
    out.push(...rows.map((r) => `${String(r.caller)} -> ${String(r.callee)}: ${String(r.n)}`));
  }
  return out.sort();
}
