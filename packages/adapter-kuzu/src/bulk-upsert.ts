import type { GraphParam, NodeDecl, NodeRow, RelBatch, RelDecl } from '@cgc/core';
import { columnExpr, type EncodedBatch, encodeBatch, KUZU_TYPES, q } from './row-codec.js';

/** Runs one statement with parameters on the write connection. */
export type Exec = (cypher: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

const UNWIND = 'UNWIND $rows AS r WITH r WHERE NOT r.w';

// Later rows win, as a sequence of single upserts would.
function lastWins<T>(rows: readonly T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) m.set(key(r), r);
  return [...m.values()];
}

/**
 * Updates stored nodes or relationships from a batch. `UNWIND $rows … MATCH … SET` makes Kuzu
 * join the unwound structs row by row (measured ~30 s for 20k rows); copying the batch into a
 * scratch table and joining tables takes ~2 s, so updates go through one.
 */
async function setViaStage(
  exec: Exec,
  name: string,
  ends: readonly string[],
  batch: EncodedBatch,
  match: (stage: string) => string,
): Promise<void> {
  const stage = q(`_cgc_stage_${name}`);
  const defs = [
    '_i SERIAL',
    ...ends.map((e) => `${e} STRING`),
    ...batch.columns.map((c, i) => `v${i} ${KUZU_TYPES[c.type]}`),
  ];
  await exec(`DROP TABLE IF EXISTS ${stage}`);
  await exec(`CREATE NODE TABLE ${stage}(${defs.join(', ')}, PRIMARY KEY(_i))`);
  try {
    const cols = [...ends, ...batch.columns.map((_, i) => `v${i}`)];
    const values = [
      ...ends.map((e) => `r.${e} AS ${e}`),
      ...batch.columns.map((c, i) => `${columnExpr(c)} AS v${i}`),
    ];
    await exec(`COPY ${stage}(${cols.join(', ')}) FROM (${UNWIND} RETURN ${values.join(', ')})`, {
      rows: batch.rows,
    });
    const sets = batch.columns.map((c, i) => `x.${q(c.name)} = s.v${i}`).join(', ');
    await exec(`${match(stage)} SET ${sets}`);
  } finally {
    await exec(`DROP TABLE IF EXISTS ${stage}`);
  }
}

/** The keys among `keys` that exist in a node table (one hash-index probe per key). */
export async function existingKeys(exec: Exec, label: string, key: string, keys: readonly string[]) {
  if (keys.length === 0) return new Set<string>();
  const rows = await exec(`UNWIND $keys AS k MATCH (n:${q(label)} {${q(key)}: k}) RETURN n.${q(key)} AS k`, {
    keys: [...keys],
  });
  return new Set(rows.map((r) => String(r.k)));
}

/**
 * Upserts nodes: keys already stored are updated in place (UNWIND + MATCH + SET),
 * the others are inserted with COPY, Kuzu's bulk path, which refuses duplicates.
 */
export async function upsertNodeRows(exec: Exec, decl: NodeDecl, input: readonly NodeRow[]): Promise<void> {
  const rows = lastWins(input, (r) => String(r[decl.key]));
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]!).filter((k) => k !== decl.key && rows[0]![k] !== undefined);
  const found = await existingKeys(
    exec,
    decl.label,
    decl.key,
    rows.map((r) => String(r[decl.key])),
  );
  const label = q(decl.label);
  const encode = (subset: NodeRow[]) =>
    encodeBatch(
      decl.properties,
      names,
      subset.map((r) => ({ ends: { k: String(r[decl.key]) }, props: r })),
      `label ${decl.label}`,
    );
  const fresh = rows.filter((r) => !found.has(String(r[decl.key])));
  if (fresh.length > 0) {
    const batch = encode(fresh);
    const cols = [q(decl.key), ...batch.columns.map((c) => q(c.name))].join(', ');
    const values = ['r.k AS k', ...batch.columns.map((c, i) => `${columnExpr(c)} AS v${i}`)].join(', ');
    await exec(`COPY ${label}(${cols}) FROM (${UNWIND} RETURN ${values})`, { rows: batch.rows });
  }
  const stored = rows.filter((r) => found.has(String(r[decl.key])));
  if (stored.length > 0 && names.length > 0) {
    await setViaStage(
      exec,
      decl.label,
      ['k'],
      encode(stored),
      (st) => `MATCH (s:${st}) MATCH (x:${label} {${q(decl.key)}: s.k})`,
    );
  }
}

/** Key of a node label's primary key column, by label. */
export type KeyOf = (label: string) => string;

/**
 * Upserts relationships unique per (type, from, to): rows whose end nodes are
 * missing are dropped, stored pairs are updated in place, new pairs go through COPY.
 * `columns` is the relationship table's property columns (name, Kuzu type) in table order: COPY needs all.
 */
export async function upsertRelRows(
  exec: Exec,
  decl: RelDecl,
  batch: RelBatch,
  keyOf: KeyOf,
  columns: readonly (readonly [string, string])[],
): Promise<void> {
  const rows = lastWins(batch.rows, (r) => `${r.from}\u0000${r.to}`);
  if (rows.length === 0) return;
  const fromKey = keyOf(batch.fromLabel);
  const toKey = keyOf(batch.toLabel);
  // COPY fails on a missing end node, so rows whose ends are not stored are dropped first.
  const sameLabel = batch.fromLabel === batch.toLabel;
  const fromKeys = new Set(rows.map((r) => r.from));
  if (sameLabel) for (const r of rows) fromKeys.add(r.to);
  const froms = await existingKeys(exec, batch.fromLabel, fromKey, [...fromKeys]);
  const tos = sameLabel
    ? froms
    : await existingKeys(exec, batch.toLabel, toKey, [...new Set(rows.map((r) => r.to))]);
  const live = rows.filter((r) => froms.has(r.from) && tos.has(r.to));
  if (live.length === 0) return;
  const [a, b, t] = [q(batch.fromLabel), q(batch.toLabel), q(decl.type)];
  const pairs = await exec(
    `UNWIND $keys AS k MATCH (a:${a} {${q(fromKey)}: k})-[:${t}]->(b:${b}) RETURN a.${q(fromKey)} AS f, b.${q(toKey)} AS t`,
    { keys: [...new Set(live.map((r) => r.from))] },
  );
  const stored = new Set(pairs.map((p) => `${String(p.f)}\u0000${String(p.t)}`));
  const first = live[0]!.properties ?? {};
  const names = Object.keys(first).filter((k) => first[k] !== undefined);
  const encode = (subset: typeof live) =>
    encodeBatch(
      decl.properties,
      names,
      subset.map((r) => ({
        ends: { f: r.from, t: r.to },
        props: (r.properties ?? {}) as Record<string, GraphParam>,
      })),
      `relationship ${decl.type}`,
    );
  const isStored = (r: (typeof live)[number]) => stored.has(`${r.from}\u0000${r.to}`);
  const fresh = live.filter((r) => !isStored(r));
  if (fresh.length > 0) {
    const enc = encode(fresh);
    const byName = new Map(enc.columns.map((c) => [c.name, c]));
    // Every returned column needs its own name, or Kuzu refuses two NULL columns.
    const values = columns.map(([name, type], i) => {
      const c = byName.get(name);
      return `${c ? columnExpr(c) : `CAST(NULL AS ${type})`} AS v${i}`;
    });
    const from = batch.fromLabel.replace(/'/g, "\\'");
    const to = batch.toLabel.replace(/'/g, "\\'");
    await exec(
      `COPY ${t} FROM (${UNWIND} RETURN ${['r.f AS f', 'r.t AS t', ...values].join(', ')}) (from='${from}', to='${to}')`,
      {
        rows: enc.rows,
      },
    );
  }
  const update = live.filter(isStored);
  if (update.length > 0 && names.length > 0) {
    await setViaStage(
      exec,
      decl.type,
      ['f', 't'],
      encode(update),
      (st) => `MATCH (s:${st}) MATCH (a:${a} {${q(fromKey)}: s.f})-[x:${t}]->(b:${b} {${q(toKey)}: s.t})`,
    );
  }
}
