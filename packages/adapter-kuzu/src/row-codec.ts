import { CgcError, type GraphParam, type PropertyType } from '@cgc/core';

/** The Kuzu column type of each declared property type (`json` is stored as its text). */
export const KUZU_TYPES: Readonly<Record<PropertyType, string>> = {
  string: 'STRING',
  int: 'INT64',
  float: 'DOUBLE',
  boolean: 'BOOL',
  'string[]': 'STRING[]',
  'int[]': 'INT64[]',
  'float[]': 'DOUBLE[]',
  json: 'STRING',
};

interface Codec {
  /** A non-null value of the encoded type, for the witness row. */
  readonly witness: unknown;
  encode(v: GraphParam, where: string): unknown;
  /** The Cypher expression turning the encoded field back into the column type. */
  expr(ref: string): string;
}

const bad = (where: string, want: string, v: unknown) =>
  new CgcError(
    'INVALID_INPUT',
    `${where}: expected ${want}, got ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
  );

const intText = (v: unknown, where: string): string => {
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v))) return String(v);
  throw bad(where, 'an integer', v);
};
const floatText = (v: unknown, where: string): string => {
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  throw bad(where, 'a finite number', v);
};
const text = (v: unknown, where: string): string => {
  if (typeof v === 'string') return v;
  throw bad(where, 'a string', v);
};
const list = (v: unknown, where: string, item: (x: unknown, w: string) => string, head: string) => {
  if (!Array.isArray(v)) throw bad(where, 'a list', v);
  return [head, ...v.map((x, i) => item(x, `${where}[${i}]`))];
};

// Integers and floats travel as text and are CAST in Cypher, because the Node
// binding turns an integral float into INT64; lists carry a dummy head element
// so that an empty list stays a list (the binding turns [] into null).
const CODECS: Readonly<Record<PropertyType, Codec>> = {
  string: { witness: '', encode: text, expr: (r) => r },
  json: { witness: '', encode: text, expr: (r) => r },
  int: { witness: '0', encode: intText, expr: (r) => `CAST(${r} AS INT64)` },
  float: { witness: '0', encode: floatText, expr: (r) => `CAST(${r} AS DOUBLE)` },
  boolean: {
    witness: false,
    encode: (v, w) => {
      if (typeof v === 'boolean') return v;
      throw bad(w, 'a boolean', v);
    },
    expr: (r) => r,
  },
  // Sliced null is typed STRING, not STRING[] ("LIST_SLICE … has data type STRING"): cast it back.
  'string[]': {
    witness: [''],
    encode: (v, w) => list(v, w, text, ''),
    expr: (r) => `CAST(${r}[2:] AS STRING[])`,
  },
  'int[]': {
    witness: ['0'],
    encode: (v, w) => list(v, w, intText, '0'),
    expr: (r) => `CAST(${r}[2:] AS INT64[])`,
  },
  'float[]': {
    witness: ['0'],
    encode: (v, w) => list(v, w, floatText, '0'),
    expr: (r) => `CAST(${r}[2:] AS DOUBLE[])`,
  },
};

/** One property column of a batch: its name, type and the struct field carrying it. */
export interface BatchColumn {
  readonly name: string;
  readonly type: PropertyType;
  readonly field: string;
}

/** A batch encoded for `UNWIND $rows AS r WITH r WHERE NOT r.w`. */
export interface EncodedBatch {
  readonly rows: Record<string, unknown>[];
  readonly columns: readonly BatchColumn[];
}

/** Quotes an identifier for Cypher. */
export const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** A value checked against its declared type and encoded as its codec sends it (null stays null). */
export function encodeValue(type: PropertyType, v: GraphParam | undefined, where: string): unknown {
  return v === null || v === undefined ? null : CODECS[type].encode(v, where);
}

/** The Cypher expression turning an encoded value at `ref` (a parameter or field) back into its column type. */
export function decodeExpr(type: PropertyType, ref: string): string {
  return CODECS[type].expr(ref);
}

/** The Cypher expression of a column read from the unwound row `r`. */
export function columnExpr(c: BatchColumn): string {
  return CODECS[c.type].expr(`r.${c.field}`);
}

/**
 * Encodes rows of one shape as structs Kuzu types consistently. The first row is
 * a witness (flag `w` true) holding a non-null value in every field: the binding
 * types a list of structs by its first element and fails on a null there.
 */
export function encodeBatch(
  types: Readonly<Record<string, PropertyType>>,
  names: readonly string[],
  rows: readonly {
    readonly ends: Record<string, string>;
    readonly props: Readonly<Record<string, GraphParam | undefined>>;
  }[],
  what: string,
): EncodedBatch {
  const columns: BatchColumn[] = names.map((name, i) => {
    const type = types[name];
    if (!type) throw new CgcError('SCHEMA_UNDECLARED', `${what}: property ${name} is not declared`);
    return { name, type, field: `c${i}` };
  });
  const witness: Record<string, unknown> = { w: true };
  for (const k of Object.keys(rows[0]?.ends ?? {})) witness[k] = '';
  for (const c of columns) witness[c.field] = CODECS[c.type].witness;
  const out: Record<string, unknown>[] = [witness];
  for (const row of rows) {
    const enc: Record<string, unknown> = { w: false, ...row.ends };
    for (const c of columns) {
      const v = row.props[c.name];
      enc[c.field] = v === null || v === undefined ? null : CODECS[c.type].encode(v, `${what}.${c.name}`);
    }
    out.push(enc);
  }
  return { rows: out, columns };
}

// JSON text of one value for a bulk-load file: integers as exact digits (bigints too).
const JSON_ITEM: Readonly<Record<PropertyType, (v: unknown, where: string) => string>> = {
  string: (v, w) => JSON.stringify(text(v, w)),
  json: (v, w) => JSON.stringify(text(v, w)),
  int: intText,
  float: floatText,
  boolean: (v, w) => {
    if (typeof v === 'boolean') return String(v);
    throw bad(w, 'a boolean', v);
  },
  'string[]': (v, w) =>
    `[${list(v, w, (x, wx) => JSON.stringify(text(x, wx)), '')
      .slice(1)
      .join(',')}]`,
  'int[]': (v, w) => `[${list(v, w, intText, '').slice(1).join(',')}]`,
  'float[]': (v, w) => `[${list(v, w, floatText, '').slice(1).join(',')}]`,
};

/** One value as JSON text for a bulk-load file, checked against its declared type. */
export function jsonValue(type: PropertyType, v: GraphParam | undefined, where: string): string {
  return v === null || v === undefined ? 'null' : JSON_ITEM[type](v, where);
}
