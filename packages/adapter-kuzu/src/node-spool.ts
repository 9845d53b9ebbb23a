import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CgcError, type GraphParam, type NodeDecl, type NodeRow } from '@cgc/core';
import {
  type BatchCopier,
  type CopyColumn,
  copiedCount,
  copyStatement,
  type Exec,
  writeJsonLines,
} from './batch-copy.js';
import { foldRows } from './fold-rows.js';
import { outOfBufferPool } from './kuzu-errors.js';
import { type LoadFile, LoadFiles } from './load-files.js';

/** One load file collecting the deferred rows of a label with one column set. */
interface Spool extends LoadFile {
  readonly decl: NodeDecl;
  readonly columns: readonly CopyColumn[];
}

/** Rows to put into the held rows of a label (see `NodeSpool.fold`). */
interface Folded {
  readonly decl: NodeDecl;
  readonly what: string;
  readonly columns: Map<string, CopyColumn>;
  readonly rows: Map<string, NodeRow>;
}

/** Upserts rows of a spool whose COPY could not insert them all, through the checked path. */
export type NodeSpoolFallback = (decl: NodeDecl, rows: readonly NodeRow[]) => Promise<void>;

const FALLBACK_CHUNK = 100_000;

/**
 * Fresh node rows held in load files (`NodeWriteOptions.defer`) and inserted with one COPY per
 * label and column set. Kuzu's COPY into a node group that already holds list values rewrites
 * the group's lists: 450k rows with a `STRING[]` column went in 18x faster as one COPY than as
 * 32 (measured on Kuzu 0.11.3; columns without lists show no such growth).
 */
export class NodeSpool {
  readonly #files: LoadFiles<Spool>;
  readonly #copier: BatchCopier;
  readonly #rowPathMax: number;
  /** Rows taken by `fold`, by label, waiting to go into the held rows. */
  readonly #folded = new Map<string, Folded>();

  /** `rowPathMax`: files of at most this many rows are upserted row by row. */
  constructor(copier: BatchCopier, rowPathMax: number) {
    this.#copier = copier;
    this.#files = new LoadFiles(copier);
    this.#rowPathMax = rowPathMax;
  }

  /** Whether rows are waiting (of one label, when given). */
  pending(label?: string): boolean {
    if (label === undefined ? this.#folded.size > 0 : this.#folded.has(label)) return true;
    return this.#files.has(label === undefined ? undefined : (s) => s.decl.label === label);
  }

  /** Appends rows (all with the properties of the first one) to the file of their label and columns. */
  append(decl: NodeDecl, rows: readonly NodeRow[], what: string): void {
    if (rows.length === 0) return;
    const columns = nodeColumns(decl, rows[0]!, what);
    const key = [decl.label, ...columns.map((c) => c.column)].join('\u0000');
    const spool = this.#files.open(key, (file, fd) => ({ decl, columns, file, fd, rows: 0 }));
    writeJsonLines(spool.fd, columns, rows, what, (r, c) => r[c]);
    spool.rows += rows.length;
  }

  /**
   * Takes rows that set only properties no held file of their label has (what linking learns about
   * the functions a first index holds) to put into the held rows of their keys at `flush`: each
   * file is rewritten once with the new columns, and one COPY inserts both. Updating the rows once
   * inserted joins them with the whole table instead (Kuzu 0.11.3). Rows of the same key merge, the
   * later values winning. Returns the rows it did not take: all, when nothing of the label is held
   * or a held file has one of their properties (the caller then inserts the held rows first).
   */
  fold(decl: NodeDecl, rows: readonly NodeRow[], what: string): readonly NodeRow[] {
    const held = this.#files.list((s) => s.decl.label === decl.label);
    if (held.length === 0) return rows;
    const taken = new Set(held.flatMap((s) => s.columns.map((c) => c.column)));
    const columns: CopyColumn[] = [];
    for (const r of rows)
      for (const c of nodeColumns(decl, r, what).slice(1)) {
        if (taken.has(c.column)) return rows;
        columns.push(c);
      }
    if (columns.length === 0) return rows;
    let f = this.#folded.get(decl.label);
    if (!f) {
      f = { decl, what, columns: new Map(), rows: new Map() };
      this.#folded.set(decl.label, f);
    }
    for (const c of columns) f.columns.set(c.column, c);
    for (const r of rows) {
      const k = String(r[decl.key]);
      f.rows.set(k, { ...f.rows.get(k), ...r });
    }
    return [];
  }

  // Rewrites the label's held files that lack the folded columns, each key's line with its values.
  async #place(f: Folded): Promise<void> {
    const columns = [...f.columns.values()];
    await this.#files.rewrite(
      (s) => s.decl.label === f.decl.label && !s.columns.some((c) => f.columns.has(c.column)),
      async (s) => {
        const file = this.#copier.file();
        const placed = await foldRows(s.file, file, f.decl.key, f.rows, columns, f.what).catch(
          (err: unknown) => {
            rmSync(file, { force: true });
            throw err;
          },
        );
        if (placed.length === 0) {
          rmSync(file, { force: true });
          return s;
        }
        for (const k of placed) f.rows.delete(k);
        rmSync(s.file, { force: true });
        return { ...s, file, columns: [...s.columns, ...columns] };
      },
    );
  }

  /**
   * Inserts every file (of one label, when given) with one COPY that skips stored keys; when it
   * inserted fewer rows than the file holds (the caller's promise of new keys was broken, or a key
   * repeats), every row goes through `fallback`, which sets the properties of stored keys.
   */
  async flush(exec: Exec, fallback: NodeSpoolFallback, label?: string): Promise<void> {
    const folded = [...this.#folded.values()].filter((f) => label === undefined || f.decl.label === label);
    const foldedLabels = new Set(folded.map((f) => f.decl.label));
    const insert = async (s: Spool) => {
      if (s.rows > this.#rowPathMax) {
        const statement = copyStatement(s.decl.label, s.columns, s.file, { skipStored: true });
        if (copiedCount(await exec(statement)) === s.rows) return;
      }
      await replay(s, fallback);
    };
    const selected = (s: Spool) => label === undefined || s.decl.label === label;
    // The folded labels' files are rewritten here while the database inserts the other labels'.
    const placing = (async () => {
      for (const f of folded) await this.#place(f);
    })().then(
      () => undefined,
      (err: unknown) => ({ err }),
    );
    // Too large for the buffer pool: no retry gets it in, and kept it would fail every read.
    const others = await this.#files
      .drain(insert, (s) => selected(s) && !foldedLabels.has(s.decl.label), outOfBufferPool)
      .then(
        () => undefined,
        (err: unknown) => ({ err }),
      );
    const placed = await placing;
    if (others) throw others.err;
    if (placed) throw placed.err;
    await this.#files.drain(insert, selected, outOfBufferPool);
    // Rows whose key no held file had go in after them.
    for (const f of folded) {
      const shapes = new Map<string, NodeRow[]>();
      for (const r of f.rows.values()) {
        const shape = Object.keys(r).sort().join('\u0000');
        const same = shapes.get(shape);
        if (same) same.push(r);
        else shapes.set(shape, [r]);
      }
      for (const rows of shapes.values()) await fallback(f.decl, rows);
      this.#folded.delete(f.decl.label);
    }
  }

  /** Drops what is waiting (the database is closing after a failure). */
  discard(): void {
    this.#files.discard();
    this.#folded.clear();
  }
}

async function replay(s: Spool, fallback: NodeSpoolFallback): Promise<void> {
  const lines = createInterface({ input: createReadStream(s.file, 'utf8'), crlfDelay: Infinity });
  let rows: NodeRow[] = [];
  for await (const line of lines) {
    if (!line) continue;
    const o = JSON.parse(line) as Record<string, GraphParam>;
    const row: Record<string, GraphParam> = {};
    for (const c of s.columns) row[c.column] = o[c.column] ?? null;
    rows.push(row);
    if (rows.length >= FALLBACK_CHUNK) {
      await fallback(s.decl, rows);
      rows = [];
    }
  }
  if (rows.length > 0) await fallback(s.decl, rows);
}

/** The key and the properties a row sets, checked against the declaration. */
function nodeColumns(decl: NodeDecl, row: NodeRow, what: string): CopyColumn[] {
  const columns: CopyColumn[] = [{ column: decl.key, type: 'string' }];
  for (const column of Object.keys(row)) {
    if (column === decl.key || row[column] === undefined) continue;
    const type = decl.properties[column];
    if (!type) throw new CgcError('SCHEMA_UNDECLARED', `${what}: property ${column} is not declared`);
    columns.push({ column, type });
  }
  return columns;
}
