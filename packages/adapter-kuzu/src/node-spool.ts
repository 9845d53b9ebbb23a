import { closeSync, createReadStream, openSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { GraphParam, NodeDecl, NodeRow } from '@cgc/core';
import { type BatchCopier, type CopyColumn, copyStatement, type Exec, writeJsonLines } from './batch-copy.js';

/** One load file collecting the deferred rows of a label with one column set. */
interface Spool {
  readonly decl: NodeDecl;
  readonly columns: readonly CopyColumn[];
  readonly file: string;
  readonly fd: number;
  rows: number;
}

/** Writes rows of a spool through the normal upsert path (updates stored keys). */
export type NodeSpoolFallback = (decl: NodeDecl, rows: NodeRow[]) => Promise<void>;

const REPLAY_CHUNK = 100_000;
// Kuzu answers a COPY with "<n> tuples have been copied to the <table> table."
const copiedCount = (rows: Record<string, unknown>[]) =>
  Number(/^(\d+) tuples have been copied/.exec(String(rows[0]?.result ?? ''))?.[1] ?? -1);

/**
 * Deferred node rows (`NodeWriteOptions.defer`) held in load files and inserted with one COPY
 * per label and column set: a Kuzu node COPY into a big table costs about the primary-key index
 * pages it touches (25k rows into 1M: ~17 µs a row), far less per row in one large COPY.
 * Stored keys are skipped by the COPY (`ignore_errors`); when any was, the file's rows take the
 * normal upsert path, which updates them.
 */
export class NodeSpool {
  readonly #copier: BatchCopier;
  readonly #spools = new Map<string, Spool>();
  readonly #rowPathMax: number;

  constructor(copier: BatchCopier, rowPathMax: number) {
    this.#copier = copier;
    this.#rowPathMax = rowPathMax;
  }

  /** Whether rows are waiting (of one of `labels`, when given). */
  pending(labels?: readonly string[]): boolean {
    for (const s of this.#spools.values()) if (!labels || labels.includes(s.decl.label)) return true;
    return false;
  }

  /** Appends rows of one shape (the store groups them so) to the file of their label and columns. */
  append(decl: NodeDecl, rows: readonly NodeRow[], columns: readonly CopyColumn[], what: string): void {
    const key = [decl.label, ...columns.map((c) => c.column)].join('\u0000');
    let spool = this.#spools.get(key);
    if (!spool) {
      const file = this.#copier.file();
      spool = { decl, columns, file, fd: openSync(file, 'w'), rows: 0 };
      this.#spools.set(key, spool);
    }
    writeJsonLines(spool.fd, columns, rows, what, (r, c) => r[c]);
    spool.rows += rows.length;
  }

  /** Inserts the files (of `labels`, when given); small ones and those with stored keys take `fallback`. */
  async flush(exec: Exec, fallback: NodeSpoolFallback, labels?: readonly string[]): Promise<void> {
    const spools: Spool[] = [];
    for (const [k, s] of this.#spools) {
      if (labels && !labels.includes(s.decl.label)) continue;
      spools.push(s);
      this.#spools.delete(k);
    }
    for (const s of spools) closeSync(s.fd);
    try {
      for (const s of spools) {
        if (s.rows <= this.#rowPathMax) {
          await replay(s, fallback);
          continue;
        }
        const copied = copiedCount(
          await exec(copyStatement(s.decl.label, s.columns, s.file, { skipStored: true })),
        );
        if (copied !== s.rows) await replay(s, fallback);
      }
    } finally {
      for (const s of spools) rmSync(s.file, { force: true });
    }
  }

  /** Drops what is waiting (the database is closing). */
  discard(): void {
    for (const s of this.#spools.values()) {
      closeSync(s.fd);
      rmSync(s.file, { force: true });
    }
    this.#spools.clear();
  }
}

async function replay(s: Spool, fallback: NodeSpoolFallback): Promise<void> {
  const lines = createInterface({ input: createReadStream(s.file, 'utf8'), crlfDelay: Infinity });
  let rows: NodeRow[] = [];
  for await (const line of lines) {
    if (!line) continue;
    rows.push(JSON.parse(line) as Record<string, GraphParam>);
    if (rows.length >= REPLAY_CHUNK) {
      await fallback(s.decl, rows);
      rows = [];
    }
  }
  if (rows.length > 0) await fallback(s.decl, rows);
}
