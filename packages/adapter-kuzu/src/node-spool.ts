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

  /** `rowPathMax`: files of at most this many rows are upserted row by row. */
  constructor(copier: BatchCopier, rowPathMax: number) {
    this.#copier = copier;
    this.#files = new LoadFiles(copier);
    this.#rowPathMax = rowPathMax;
  }

  /** Whether rows are waiting (of one label, when given). */
  pending(label?: string): boolean {
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
   * Folds rows into the held rows of their keys, when they set only properties that no held file
   * of their label has (say, what linking learns about functions a first index holds): each held
   * file is rewritten with the new columns, and one COPY inserts both. Updating the rows once
   * inserted would join them with the whole table instead (Kuzu 0.11.3; 465k functions of the Linux
   * kernel: ~7 s). Returns the rows that were not folded (their key is not held, or nothing was).
   */
  async fold(decl: NodeDecl, rows: readonly NodeRow[], what: string): Promise<readonly NodeRow[]> {
    const held = (s: Spool) => s.decl.label === decl.label;
    const files = this.#files.list(held);
    const extra = new Map<string, CopyColumn>();
    for (const r of rows)
      for (const c of nodeColumns(decl, r, what).slice(1)) if (!extra.has(c.column)) extra.set(c.column, c);
    const taken = new Set(files.flatMap((s) => s.columns.map((c) => c.column)));
    if (files.length === 0 || extra.size === 0 || [...extra.keys()].some((c) => taken.has(c))) return rows;
    const byKey = new Map<string, NodeRow>();
    for (const r of rows) byKey.set(String(r[decl.key]), { ...byKey.get(String(r[decl.key])), ...r });
    const columns = [...extra.values()];
    await this.#files.rewrite(held, async (s) => {
      const file = this.#copier.file();
      const placed = await foldRows(s.file, file, decl.key, byKey, columns, what).catch((err: unknown) => {
        rmSync(file, { force: true });
        throw err;
      });
      if (placed.length === 0) {
        rmSync(file, { force: true });
        return s;
      }
      for (const k of placed) byKey.delete(k);
      rmSync(s.file, { force: true });
      return { ...s, file, columns: [...s.columns, ...columns] };
    });
    return [...byKey.values()];
  }

  /**
   * Inserts every file (of one label, when given) with one COPY that skips stored keys; when it
   * inserted fewer rows than the file holds (the caller's promise of new keys was broken, or a key
   * repeats), every row goes through `fallback`, which sets the properties of stored keys.
   */
  async flush(exec: Exec, fallback: NodeSpoolFallback, label?: string): Promise<void> {
    await this.#files.drain(
      async (s) => {
        if (s.rows > this.#rowPathMax) {
          const statement = copyStatement(s.decl.label, s.columns, s.file, { skipStored: true });
          if (copiedCount(await exec(statement)) === s.rows) return;
        }
        await replay(s, fallback);
      },
      label === undefined ? undefined : (s) => s.decl.label === label,
      // Too large for the buffer pool: no retry gets it in, and kept it would fail every read.
      outOfBufferPool,
    );
  }

  /** Drops what is waiting (the database is closing after a failure). */
  discard(): void {
    this.#files.discard();
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
