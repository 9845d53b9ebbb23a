import {
  CgcError,
  type GraphParam,
  type NodeDecl,
  type NodeRow,
  type PropertyType,
  type RelBatch,
  type RelDecl,
} from '@cgc/core';
import { type BatchCopier, type CopyColumn, type CopyRow, type Exec, literal } from './batch-copy.js';
import type { PairLedger } from './pair-ledger.js';
import { KUZU_TYPES, q } from './row-codec.js';
import { type Prepare, upsertNodesByRow, upsertRelsByRow } from './row-upsert.js';

export type { Exec } from './batch-copy.js';

/** How one write task talks to the database. */
export interface Writer {
  readonly exec: Exec;
  readonly prepare: Prepare;
  readonly copier: BatchCopier;
  /** Batches up to this many rows take the row path. */
  readonly rowPathMax: number;
  /** Relationship pairs written on this database, when the caller follows them. */
  readonly ledger?: PairLedger;
}

// Later rows win, as a sequence of single upserts would. Rows already unique (the store's bulk
// writer merged them) come back as they are, with their keys.
function lastWins<T>(rows: readonly T[], key: (r: T) => string): { rows: readonly T[]; keys: string[] } {
  const m = new Map<string, T>();
  const keys = rows.map(key);
  for (let i = 0; i < rows.length; i++) m.set(keys[i]!, rows[i]!);
  return m.size === rows.length ? { rows, keys } : { rows: [...m.values()], keys: [...m.keys()] };
}

const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A batch loaded into a scratch table: its name and the column (`v0..vn`) of each property. */
interface Stage {
  readonly table: string;
  readonly props: readonly { readonly name: string; readonly column: string }[];
}

/**
 * Loads a batch into a scratch node table, runs `work` against it, then drops it.
 * Kuzu joins an unwound list-of-structs parameter slowly (UNWIND + MATCH + SET measured
 * ~30 s for 20k rows) but joins tables fast (~0.3 s), so a batch is first bulk-loaded into
 * a table and then joined with the graph.
 */
async function withStage(
  exec: Exec,
  copier: BatchCopier,
  name: string,
  ends: readonly string[],
  props: readonly (readonly [string, PropertyType])[],
  rows: readonly {
    readonly ends: Record<string, string>;
    readonly props: Readonly<Record<string, GraphParam | undefined>>;
  }[],
  what: string,
  work: (stage: Stage) => Promise<void>,
): Promise<void> {
  const table = `_cgc_stage_${name}`;
  const columns: CopyColumn[] = [
    ...ends.map((e) => ({ column: e, type: 'string' as const })),
    ...props.map(([, type], i) => ({ column: `v${i}`, type })),
  ];
  const defs = ['_i SERIAL', ...columns.map((c) => `${c.column} ${KUZU_TYPES[c.type]}`)];
  await exec(`DROP TABLE IF EXISTS ${q(table)}`);
  await exec(`CREATE NODE TABLE ${q(table)}(${defs.join(', ')}, PRIMARY KEY(_i))`);
  try {
    const copyRows: CopyRow[] = rows.map((r) => {
      const out: Record<string, GraphParam | undefined> = { ...r.ends };
      props.forEach(([p], i) => {
        out[`v${i}`] = r.props[p];
      });
      return out;
    });
    await copier.copy(exec, table, columns, copyRows, what);
    await work({ table: q(table), props: props.map(([p], i) => ({ name: p, column: `v${i}` })) });
  } finally {
    await exec(`DROP TABLE IF EXISTS ${q(table)}`);
  }
}

const setClause = (target: string, stage: Stage) =>
  stage.props.map((p) => `${target}.${q(p.name)} = s.${p.column}`).join(', ');

// Up to this many keys are probed one by one: a prepared `MATCH (n {id: $k})` uses the
// primary-key index (~0.15-0.2 ms a key), while `UNWIND $keys … MATCH` scans the table
// (~130 ms at 1M nodes for 1k keys, ~375 ms for 20k; a join with a scratch table of the keys
// measured no faster). Measured on Kuzu 0.11.3, see docs/adapters/kuzu.md.
const PROBE_MAX_KEYS = 700;

/** The keys among `keys` that exist in a node table. */
export async function existingKeys(w: Writer, label: string, key: string, keys: readonly string[]) {
  const found = new Set<string>();
  if (keys.length === 0) return found;
  // A fresh table (a first index run) needs no look-up; counting reads the table's statistics.
  const [count] = await w.exec(`MATCH (n:${q(label)}) RETURN count(*) AS c`);
  if (Number(count?.c ?? 0) === 0) return found;
  if (keys.length <= PROBE_MAX_KEYS) {
    const probe = await w.prepare(`MATCH (n:${q(label)} {${q(key)}: $k}) RETURN n.${q(key)} AS k`);
    for (const k of keys) if ((await probe({ k })).length > 0) found.add(k);
    return found;
  }
  const rows = await w.exec(
    `UNWIND $keys AS k MATCH (n:${q(label)} {${q(key)}: k}) RETURN n.${q(key)} AS k`,
    {
      keys: [...keys],
    },
  );
  for (const r of rows) found.add(String(r.k));
  return found;
}

/**
 * Upserts nodes. COPY, Kuzu's bulk path, only inserts: rows whose key is stored already are
 * skipped by it (`ignore_errors`), and when COPY reports fewer rows than it was given, every
 * row's properties are set again through a scratch table (the rows just inserted get the same
 * values). A first index thus pays one COPY per batch and no key look-up; a batch whose sampled
 * keys are mostly stored is set first instead (`fresh`: the caller says no key is stored, so
 * no key is sampled). A module that cannot load files looks the keys up first.
 */
export async function upsertNodeRows(
  w: Writer,
  decl: NodeDecl,
  input: readonly NodeRow[],
  fresh = false,
): Promise<void> {
  const { exec, copier } = w;
  const { rows } = lastWins(input, (r) => String(r[decl.key]));
  if (rows.length === 0) return;
  const what = `label ${decl.label}`;
  const names = Object.keys(rows[0]!).filter((k) => k !== decl.key && rows[0]![k] !== undefined);
  const props = names.map((n) => [n, typeOf(decl.properties, n, what)] as const);
  if (rows.length <= w.rowPathMax) return upsertNodesByRow(exec, w.prepare, decl, rows, props, what);
  const columns: CopyColumn[] = [
    { column: decl.key, type: 'string' },
    ...props.map(([column, type]) => ({ column, type })),
  ];
  const key = (r: NodeRow) => String(r[decl.key]);
  const update = async (stored: readonly NodeRow[]) => {
    const staged = stored.map((r) => ({ ends: { k: key(r) }, props: r }));
    let matched = 0;
    await withStage(exec, copier, decl.label, ['k'], props, staged, what, async (st) => {
      const set = names.length > 0 ? ` SET ${setClause('x', st)}` : '';
      const [hit] = await exec(
        `MATCH (s:${st.table}) MATCH (x:${q(decl.label)} {${q(decl.key)}: s.k})${set} RETURN count(*) AS c`,
      );
      matched = Number(hit?.c ?? -1);
    });
    return matched;
  };
  if (!copier.fromFiles) {
    const found = await existingKeys(w, decl.label, decl.key, rows.map(key));
    await copier.copy(
      exec,
      decl.label,
      columns,
      rows.filter((r) => !found.has(key(r))),
      what,
    );
    const stored = rows.filter((r) => found.has(key(r)));
    if (stored.length > 0 && names.length > 0) await update(stored);
    return;
  }
  // A batch of mostly stored keys (an update pass) is set first and copied only if rows are left;
  // a batch of mostly new keys (or one the caller says is new) is copied first. Skipping a stored
  // key in COPY costs ~10 µs a row.
  if (!fresh && (await mostlyStored(w, decl, rows))) {
    if (names.length > 0 && (await update(rows)) === rows.length) return;
    await copier.copy(exec, decl.label, columns, rows, what, { skipStored: true });
    return;
  }
  const copied = await copier.copy(exec, decl.label, columns, rows, what, { skipStored: true });
  if (copied !== rows.length && names.length > 0) await update(rows);
}

// Probes a few keys spread over the batch through the primary-key index (~0.2 ms each).
async function mostlyStored(w: Writer, decl: NodeDecl, rows: readonly NodeRow[]): Promise<boolean> {
  const probe = await w.prepare(`MATCH (n:${q(decl.label)} {${q(decl.key)}: $k}) RETURN count(*) AS c`);
  const samples = 8;
  let hits = 0;
  for (let i = 0; i < samples; i++) {
    const r = rows[Math.floor((i * rows.length) / samples)]!;
    const [row] = await probe({ k: String(r[decl.key]) });
    if (Number(row?.c ?? 0) > 0) hits++;
  }
  return hits * 2 > samples;
}

function typeOf(types: Readonly<Record<string, PropertyType>>, name: string, what: string): PropertyType {
  const t = types[name];
  if (!t) throw new CgcError('SCHEMA_UNDECLARED', `${what}: property ${name} is not declared`);
  return t;
}

/** Key of a node label's primary key column, by label. */
export type KeyOf = (label: string) => string;

/**
 * Upserts relationships unique per (type, from, to); rows with a missing end are dropped.
 * Pairs certainly not stored (the caller says so, the table was empty, or the ledger never saw them) go in by one
 * COPY straight from a file: Kuzu finds both ends through its primary-key index, so the cost
 * follows the batch, not the graph. The rest are loaded into a scratch table, stored pairs are
 * updated from it, and a COPY from a join inserts the pairs not stored yet. A direct COPY with
 * a missing end fails as a whole (nothing inserted), and its rows take the checked path.
 * `columns` is the relationship table's property columns (name, Kuzu type) in table order.
 */
export async function upsertRelRows(
  w: Writer,
  decl: RelDecl,
  batch: RelBatch,
  keyOf: KeyOf,
  columns: readonly (readonly [string, string])[],
): Promise<void> {
  const { rows, keys: pairs } = lastWins(batch.rows, pairKey);
  if (rows.length === 0) return;
  const what = `relationship ${decl.type}`;
  const first = rows[0]!.properties ?? {};
  const props = Object.keys(first)
    .filter((k) => first[k] !== undefined)
    .map((n) => [n, typeOf(decl.properties, n, what)] as const);
  const keys = [keyOf(batch.fromLabel), keyOf(batch.toLabel)] as const;
  const rel: RelWrite = { w, decl, batch, keys, props, columns, what };
  try {
    await writeRels(rel, rows);
  } finally {
    // Recorded even on failure: a pair that may be stored only costs a check later.
    if (batch.fresh) w.ledger?.release(decl.type);
    else w.ledger?.add(decl.type, pairs);
  }
}

const pairKey = (r: RelBatch['rows'][number]) => `${r.from}\u0000${r.to}`;

interface RelWrite {
  readonly w: Writer;
  readonly decl: RelDecl;
  readonly batch: RelBatch;
  readonly keys: readonly [string, string];
  readonly props: readonly (readonly [string, PropertyType])[];
  readonly columns: readonly (readonly [string, string])[];
  readonly what: string;
}

async function writeRels(rel: RelWrite, rows: RelBatch['rows']): Promise<void> {
  const { w, decl, batch, keys, props, what } = rel;
  const { ledger, copier } = w;
  if (ledger?.worthCounting(decl.type)) {
    const [count] = await w.exec(`MATCH ()-[r:${q(decl.type)}]->() RETURN count(r) AS c`);
    ledger.counted(decl.type, Number(count?.c ?? -1));
  }
  if (rows.length <= w.rowPathMax) {
    return upsertRelsByRow(w.exec, w.prepare, decl, batch, rows, keys, props, what);
  }
  // The caller vouches that no pair is stored (RelBatch.fresh).
  if (batch.fresh && copier.fromFiles && (await copyDirect(rel, rows))) return;
  if (ledger && copier.fromFiles) {
    if (ledger.follows(decl.type)) {
      const { fresh, maybe } = ledger.split(decl.type, rows, pairKey);
      if (fresh.length > 0 && !(await copyDirect(rel, fresh))) maybe.push(...fresh);
      if (maybe.length > 0) await writeChecked(rel, maybe);
      return;
    }
  }
  await writeChecked(rel, rows);
}

// Straight from a file; false when an end is missing (the COPY then inserted nothing).
async function copyDirect(rel: RelWrite, rows: RelBatch['rows']): Promise<boolean> {
  const { w, decl, batch, props, what } = rel;
  const fileColumns = props.map(([column, type]) => ({ column, type }));
  try {
    await w.copier.copyRels(w.exec, decl.type, fileColumns, rows, what, {
      from: batch.fromLabel,
      to: batch.toLabel,
    });
    return true;
  } catch (err) {
    if (/unable to find primary key/i.test(err instanceof Error ? err.message : String(err))) return false;
    throw err;
  }
}

// Small remainders go row by row (primary-key lookups); big ones through a scratch table.
async function writeChecked(rel: RelWrite, rows: RelBatch['rows']): Promise<void> {
  const { w, decl, batch, keys, props, columns, what } = rel;
  if (rows.length <= w.rowPathMax) {
    return upsertRelsByRow(w.exec, w.prepare, decl, batch, rows, keys, props, what);
  }
  const { exec, copier } = w;
  const [fk, tk] = [q(keys[0]), q(keys[1])];
  const [a, b, t] = [q(batch.fromLabel), q(batch.toLabel), q(decl.type)];
  const staged = rows.map((r) => ({ ends: { f: r.from, t: r.to }, props: r.properties ?? {} }));
  await withStage(exec, copier, decl.type, ['f', 't'], props, staged, what, async (st) => {
    // Stored pairs get the batch's values; when there were none, the rest can go in directly.
    const set = st.props.length > 0 ? ` SET ${setClause('x', st)}` : '';
    const [hit] = await exec(
      `MATCH (s:${st.table}) MATCH (a:${a} {${fk}: s.f})-[x:${t}]->(b:${b} {${tk}: s.t})${set} RETURN count(*) AS c`,
    );
    if (Number(hit?.c ?? -1) === 0 && copier.fromFiles && (await copyDirect(rel, rows))) return;
    const byName = new Map(st.props.map((p) => [p.name, p.column]));
    // Every returned column needs its own name, or Kuzu refuses two NULL columns.
    const values = columns.map(([name, type], i) => {
      const column = byName.get(name);
      // A property the batch leaves out gets its declared default, as any other insert would.
      const absent = decl.defaults?.[name] === undefined ? 'NULL' : literal(decl.defaults[name]);
      return `${column === undefined ? `CAST(${absent} AS ${type})` : `s.${column}`} AS v${i}`;
    });
    const returned = [`a.${fk} AS f`, `b.${tk} AS t`, ...values].join(', ');
    const ends = `MATCH (s:${st.table}), (a:${a}), (b:${b}) WHERE a.${fk} = s.f AND b.${tk} = s.t`;
    const pair = `(from=${str(batch.fromLabel)}, to=${str(batch.toLabel)})`;
    await exec(
      `COPY ${t} FROM (${ends} AND NOT EXISTS { MATCH (a)-[:${t}]->(b) } RETURN ${returned}) ${pair}`,
    );
  });
}
