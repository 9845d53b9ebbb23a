import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CgcError, type GraphParam, type PropertyType } from '@cgc/core';
import { columnExpr, encodeBatch, jsonValue, q } from './row-codec.js';

/** A Cypher string literal. */
export const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A Cypher literal of a declared default. */
export const literal = (v: boolean | number | string) => (typeof v === 'string' ? lit(v) : String(v));

/** Runs one statement with parameters on the write connection. */
export type Exec = (cypher: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** A column a bulk insert fills, with the declared type its values must have. */
export interface CopyColumn {
  readonly column: string;
  readonly type: PropertyType;
}

/** A row to insert, keyed by column name. */
export type CopyRow = Readonly<Record<string, GraphParam | undefined>>;

/** A relationship row to insert: its end keys and properties. */
export interface RelCopyRow {
  readonly from: string;
  readonly to: string;
  readonly properties?: Readonly<Record<string, GraphParam | undefined>>;
}

/** How a bulk insert treats rows that cannot be inserted. */
export interface CopyOptions {
  /**
   * Skip node rows whose key is stored already instead of failing the batch (Kuzu's
   * `ignore_errors`, cheap for node tables; on relationship tables it measured 5-10x slower).
   */
  readonly skipStored?: boolean;
  /**
   * Copy into a relationship table between these labels; the rows' `from`/`to` hold the end keys
   * and a missing end fails the whole COPY (nothing is inserted).
   */
  readonly rel?: { readonly from: string; readonly to: string };
}

/** The rows a COPY inserted: Kuzu answers "<n> tuples have been copied to the <table> table." */
export const copiedCount = (rows: Record<string, unknown>[]): number | undefined => {
  const m = /^(\d+) tuples have been copied/.exec(String(rows[0]?.result ?? ''));
  return m ? Number(m[1]) : undefined;
};

/** The `COPY` of a load file into `table`'s `columns` (a relationship file starts with from, to). */
export function copyStatement(
  table: string,
  columns: readonly CopyColumn[],
  file: string,
  options: CopyOptions = {},
): string {
  const opts = [
    ...(options.rel ? [`from=${lit(options.rel.from)}`, `to=${lit(options.rel.to)}`] : []),
    ...(options.skipStored ? ['ignore_errors=true'] : []),
  ];
  // Columns left out get null; writing nulls into the file measured several times slower.
  const target = `${q(table)}(${columns.map((c) => q(c.column)).join(', ')})`;
  return `COPY ${target} FROM ${lit(file)}${opts.length ? ` (${opts.join(', ')})` : ''}`;
}

/**
 * Appends rows as newline-delimited JSON objects of `fields` to an open file. Written in slices:
 * one string of a 200k-row batch with source text could pass V8's string limit.
 */
export function writeJsonLines<R>(
  fd: number,
  fields: readonly CopyColumn[],
  rows: readonly R[],
  what: string,
  value: (row: R, column: string, index: number) => GraphParam | undefined,
): void {
  // Per column once, not per cell: the key's JSON text and the name used in error messages.
  const heads = fields.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.column)}:`);
  const wheres = fields.map((c) => `${what}.${c.column}`);
  for (let i = 0; i < rows.length; i += 2000) {
    let chunk = '';
    const end = Math.min(rows.length, i + 2000);
    for (let j = i; j < end; j++) {
      const r = rows[j]!;
      let line = '';
      for (let k = 0; k < fields.length; k++) {
        const c = fields[k]!;
        line += heads[k]! + jsonValue(c.type, value(r, c.column, k), wheres[k]!);
      }
      chunk += `${line || '{'}}\n`;
    }
    writeSync(fd, chunk);
  }
}

/** Reads a relationship row of a load file back (`from`, `to`, then the property columns). */
export const relValue = (r: RelCopyRow, column: string, i: number): GraphParam | undefined =>
  i === 0 ? r.from : i === 1 ? r.to : r.properties?.[column];

/**
 * Inserts rows into a table with `COPY`. The default source is a newline-delimited JSON
 * file (Kuzu's JSON reader is built in): it keeps every string, list and 64-bit integer
 * exact and loads ~5x faster than a parameter, which Kuzu's Node binding converts value
 * by value. A module without JSON support falls back to `COPY … FROM (UNWIND $rows …)`.
 */
export class BatchCopier {
  #dir: string | undefined;
  #json = true;

  constructor(json = true) {
    this.#json = json;
  }

  /** Whether `copy` loads from files, which `CopyOptions` need; the parameter fallback does not. */
  get fromFiles(): boolean {
    return this.#json;
  }

  /** Inserts the rows; returns how many went in when Kuzu says so (the file source does). */
  async copy(
    exec: Exec,
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly CopyRow[],
    what: string,
    options: CopyOptions = {},
  ): Promise<number | undefined> {
    if (rows.length === 0) return 0;
    if (this.#json) {
      try {
        return await this.#copyJson(exec, table, columns, rows, what, options);
      } catch (err) {
        if (
          !/json|extension/i.test(err instanceof Error ? err.message : String(err)) ||
          err instanceof CgcError
        ) {
          throw err;
        }
        this.#json = false;
      }
    }
    if (options.skipStored || options.rel) {
      throw new CgcError('INTERNAL', `${what}: this Kuzu module cannot bulk-load from files`);
    }
    await this.#copyUnwind(exec, table, columns, rows, what);
    return undefined;
  }

  /**
   * Inserts relationship rows straight from a file (no per-row objects are built for it); a
   * missing end fails the whole COPY. Needs the file source ({@link fromFiles}).
   */
  async copyRels(
    exec: Exec,
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly RelCopyRow[],
    what: string,
    ends: { readonly from: string; readonly to: string },
  ): Promise<number | undefined> {
    if (rows.length === 0) return 0;
    if (!this.#json) throw new CgcError('INTERNAL', `${what}: this Kuzu module cannot bulk-load from files`);
    return this.#copyJson(exec, table, columns, rows, what, { rel: ends }, relValue);
  }

  async #copyJson<R>(
    exec: Exec,
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly R[],
    what: string,
    options: CopyOptions,
    value: (row: R, column: string, index: number) => GraphParam | undefined = (r, c) => (r as CopyRow)[c],
  ) {
    const fields = options.rel
      ? [{ column: 'from', type: 'string' as const }, { column: 'to', type: 'string' as const }, ...columns]
      : columns;
    const file = this.file();
    try {
      const fd = openSync(file, 'w');
      try {
        writeJsonLines(fd, fields, rows, what, value);
      } finally {
        closeSync(fd);
      }
      return copiedCount(await exec(copyStatement(table, columns, file, options)));
    } finally {
      rmSync(file, { force: true });
    }
  }

  async #copyUnwind(
    exec: Exec,
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly CopyRow[],
    what: string,
  ) {
    const types = Object.fromEntries(columns.map((c) => [c.column, c.type]));
    const batch = encodeBatch(
      types,
      columns.map((c) => c.column),
      rows.map((r) => ({ ends: {}, props: r })),
      what,
    );
    const cols = batch.columns.map((c) => q(c.name)).join(', ');
    const values = batch.columns.map((c, i) => `${columnExpr(c)} AS v${i}`).join(', ');
    await exec(`COPY ${q(table)}(${cols}) FROM (UNWIND $rows AS r WITH r WHERE NOT r.w RETURN ${values})`, {
      rows: batch.rows,
    });
  }

  /** A new load file's path in this copier's folder (removed by {@link dispose}). */
  file(ext = 'json'): string {
    this.#dir ??= mkdtempSync(join(tmpdir(), 'cgc-kuzu-copy-'));
    return join(this.#dir, `${randomUUID()}.${ext}`);
  }

  /** Removes the folder of load files. */
  dispose(): void {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
