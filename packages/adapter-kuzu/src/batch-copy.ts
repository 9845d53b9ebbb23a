import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CgcError, type GraphParam, type PropertyType } from '@cgc/core';
import { columnExpr, encodeBatch, jsonValue, q } from './row-codec.js';

/** Runs one statement with parameters on the write connection. */
export type Exec = (cypher: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** A column a bulk insert fills, with the declared type its values must have. */
export interface CopyColumn {
  readonly column: string;
  readonly type: PropertyType;
}

/** A row to insert, keyed by column name. */
export type CopyRow = Readonly<Record<string, GraphParam | undefined>>;

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

  async copy(
    exec: Exec,
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly CopyRow[],
    what: string,
  ) {
    if (rows.length === 0) return;
    if (this.#json) {
      try {
        return await this.#copyJson(exec, table, columns, rows, what);
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
    await this.#copyUnwind(exec, table, columns, rows, what);
  }

  async #copyJson(
    exec: Exec,
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly CopyRow[],
    what: string,
  ) {
    const lines = rows.map((r) => {
      const fields = columns.map(
        (c) => `${JSON.stringify(c.column)}:${jsonValue(c.type, r[c.column], `${what}.${c.column}`)}`,
      );
      return `{${fields.join(',')}}`;
    });
    this.#dir ??= mkdtempSync(join(tmpdir(), 'cgc-kuzu-copy-'));
    const file = join(this.#dir, `${randomUUID()}.json`);
    writeFileSync(file, lines.join('\n'));
    try {
      const cols = columns.map((c) => q(c.column)).join(', ');
      await exec(`COPY ${q(table)}(${cols}) FROM '${file.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
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

  /** Removes the folder of load files. */
  dispose(): void {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
