import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CgcError, type GraphParam, type RelBatch, type RelDecl } from '@cgc/core';
import {
  type BatchCopier,
  type CopyColumn,
  copyStatement,
  type Exec,
  type RelCopyRow,
  relValue,
  writeJsonLines,
} from './batch-copy.js';
import { outOfBufferPool } from './kuzu-errors.js';
import { type LoadFile, LoadFiles } from './load-files.js';

/** One load file collecting the deferred rows of a type between two labels with one column set. */
interface Spool extends LoadFile {
  readonly decl: RelDecl;
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly columns: readonly CopyColumn[];
}

/** Re-inserts rows of a spool whose COPY failed, through the checked path. */
export type SpoolFallback = (decl: RelDecl, batch: RelBatch) => Promise<void>;

const FALLBACK_CHUNK = 100_000;

/**
 * Fresh relationship rows held in load files (`RelBatch.defer`) and inserted with one COPY per
 * file. A relationship COPY into a non-empty Kuzu table costs about the table's size (it rewrites
 * the adjacency of every node group the batch touches): 1M edges went in ~5x faster as one COPY
 * than as ten, and a first index of the Linux kernel wrote CALLS in dozens of batches.
 */
export class RelSpool {
  readonly #files: LoadFiles<Spool>;
  readonly #rowPathMax: number;

  /** `rowPathMax`: files of at most this many rows are inserted row by row. */
  constructor(copier: BatchCopier, rowPathMax: number) {
    this.#files = new LoadFiles(copier);
    this.#rowPathMax = rowPathMax;
  }

  /** Whether rows are waiting (of one type, when given). */
  pending(type?: string): boolean {
    return this.#files.has(type === undefined ? undefined : (s) => s.decl.type === type);
  }

  /** Appends a batch's rows to the file of its type, labels and property columns. */
  append(decl: RelDecl, batch: RelBatch, columns: readonly CopyColumn[], what: string): void {
    const key = [decl.type, batch.fromLabel, batch.toLabel, ...columns.map((c) => c.column)].join('\u0000');
    const spool = this.#files.open(key, (file, fd) => ({
      decl,
      fromLabel: batch.fromLabel,
      toLabel: batch.toLabel,
      columns,
      file,
      fd,
      rows: 0,
    }));
    const fields: CopyColumn[] = [
      { column: 'from', type: 'string' },
      { column: 'to', type: 'string' },
      ...columns,
    ];
    writeJsonLines(spool.fd, fields, batch.rows, what, relValue);
    spool.rows += batch.rows.length;
  }

  /**
   * Inserts every file (of one type, when given) with one COPY (small ones row by row). A file with a missing end fails as a whole (Kuzu inserts
   * nothing) and its rows take `fallback`, which skips the rows whose end is missing.
   */
  async flush(exec: Exec, fallback: SpoolFallback, type?: string): Promise<void> {
    await this.#files.drain(
      async (s) => {
        // A few rows go in one by one, as they would have without deferring: a relationship COPY
        // costs tens of ms whatever its size, and a tiny one into a table whose nodes were
        // detach-deleted earlier crashed Kuzu 0.11.3 (the incremental re-indexing test).
        if (s.rows <= this.#rowPathMax) return replay(s, fallback);
        try {
          await exec(
            copyStatement(s.decl.type, s.columns, s.file, { rel: { from: s.fromLabel, to: s.toLabel } }),
          );
        } catch (err) {
          if (!/unable to find primary key/i.test(err instanceof Error ? err.message : String(err)))
            throw err;
          await replay(s, fallback);
        }
      },
      type === undefined ? undefined : (s) => s.decl.type === type,
      // Too large for the buffer pool: no retry gets it in, and kept it would fail every read.
      outOfBufferPool,
    );
  }

  /** Drops what is waiting (the database is closing after a failure). */
  discard(): void {
    this.#files.discard();
  }
}

async function replay(s: Spool, fallback: SpoolFallback): Promise<void> {
  const lines = createInterface({ input: createReadStream(s.file, 'utf8'), crlfDelay: Infinity });
  let rows: RelCopyRow[] = [];
  const send = async () => {
    if (rows.length === 0) return;
    const batch: RelBatch = { fromLabel: s.fromLabel, toLabel: s.toLabel, rows };
    rows = [];
    await fallback(s.decl, batch);
  };
  for await (const line of lines) {
    if (!line) continue;
    const o = JSON.parse(line) as Record<string, GraphParam>;
    if (typeof o.from !== 'string' || typeof o.to !== 'string') {
      throw new CgcError('INTERNAL', `relationship load file ${s.file} holds a row without ends`);
    }
    const properties: Record<string, GraphParam> = {};
    for (const c of s.columns) properties[c.column] = o[c.column] ?? null;
    rows.push({ from: o.from, to: o.to, properties });
    if (rows.length >= FALLBACK_CHUNK) await send();
  }
  await send();
}

/** The property columns of a batch (those its first row sets), checked against the declaration. */
export function relColumns(decl: RelDecl, rows: RelBatch['rows'], what: string): CopyColumn[] {
  const first = rows[0]?.properties ?? {};
  return Object.keys(first)
    .filter((k) => first[k] !== undefined)
    .map((column) => {
      const type = decl.properties[column];
      if (!type) throw new CgcError('SCHEMA_UNDECLARED', `${what}: property ${column} is not declared`);
      return { column, type };
    });
}
