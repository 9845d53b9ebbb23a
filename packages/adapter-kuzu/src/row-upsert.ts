import type { GraphParam, NodeDecl, NodeRow, PropertyType, RelBatch, RelDecl } from '@cgc/core';
import type { Exec } from './batch-copy.js';
import { decodeExpr, encodeValue, q } from './row-codec.js';

/** Prepares a statement once for a batch; the returned function executes it with one row's parameters. */
export type Prepare = (
  cypher: string,
) => Promise<(params: Record<string, unknown>) => Promise<Record<string, unknown>[]>>;

/**
 * Batches up to this many rows take the row path, bigger ones the bulk (COPY) path. Measured
 * on Kuzu 0.11.3 with 100k nodes stored (docs/adapters/kuzu.md): the row path costs ~0.4 ms
 * per node and ~1.5 ms per relationship; the bulk path ~80-200 ms per node batch (scratch
 * table DDL, key look-up) and 250-500 ms per relationship batch (the join that finds new pairs
 * scans both end tables), so the lines cross near 450 nodes and 250 relationships.
 */
export const ROW_PATH_MAX_ROWS = { nodes: 400, relationships: 200 } as const;

type Props = readonly (readonly [string, PropertyType])[];

const setList = (target: string, props: Props) =>
  props.map(([name, type], i) => `${target}.${q(name)} = ${decodeExpr(type, `$p${i}`)}`).join(', ');

function encodeProps(
  props: Props,
  values: Readonly<Record<string, GraphParam | undefined>>,
  what: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  props.forEach(([name, type], i) => {
    out[`p${i}`] = encodeValue(type, values[name], `${what}.${name}`);
  });
  return out;
}

// One statement per row, prepared once, executed in one transaction: each MATCH / MERGE on a
// parameter probes the primary-key index, whereas `UNWIND $rows … MATCH (n {id: r.id})` scans
// the table on Kuzu 0.11 (~1 s per 10 relationships at 100k nodes).
async function inTransaction(
  exec: Exec,
  prepare: Prepare,
  cypher: string,
  params: readonly Record<string, unknown>[],
): Promise<void> {
  const stmt = await prepare(cypher);
  await exec('BEGIN TRANSACTION');
  try {
    for (const p of params) await stmt(p);
    await exec('COMMIT');
  } catch (err) {
    // A failed statement already rolled the transaction back; this covers the rest.
    await exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Upserts a small batch of nodes (deduplicated, one shape) row by row. */
export async function upsertNodesByRow(
  exec: Exec,
  prepare: Prepare,
  decl: NodeDecl,
  rows: readonly NodeRow[],
  props: Props,
  what: string,
): Promise<void> {
  // Encode (and type-check) every row before the transaction starts.
  const params = rows.map((r) => ({ k: String(r[decl.key]), ...encodeProps(props, r, what) }));
  const set = props.length > 0 ? ` SET ${setList('n', props)}` : '';
  await inTransaction(exec, prepare, `MERGE (n:${q(decl.label)} {${q(decl.key)}: $k})${set}`, params);
}

/** Upserts a small batch of relationships (deduplicated, one shape) row by row; rows with a missing end are skipped. */
export async function upsertRelsByRow(
  exec: Exec,
  prepare: Prepare,
  decl: RelDecl,
  batch: RelBatch,
  rows: RelBatch['rows'],
  keys: readonly [string, string],
  props: Props,
  what: string,
): Promise<void> {
  const params = rows.map((r) => ({ f: r.from, t: r.to, ...encodeProps(props, r.properties ?? {}, what) }));
  const ends = `MATCH (a:${q(batch.fromLabel)} {${q(keys[0])}: $f}), (b:${q(batch.toLabel)} {${q(keys[1])}: $t})`;
  const set = props.length > 0 ? ` SET ${setList('e', props)}` : '';
  await inTransaction(exec, prepare, `${ends} MERGE (a)-[e:${q(decl.type)}]->(b)${set}`, params);
}
