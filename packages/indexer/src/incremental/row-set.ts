import { hash } from 'node:crypto';
import type { NodeRow, RelRow } from '@cgc/core';
import type { GraphSink } from '../graph/sink.js';

/** A row a sink received, keyed as the graph identifies it. */
export type Row =
  | { readonly kind: 'n'; readonly label: string; readonly row: NodeRow }
  | {
      readonly kind: 'r';
      readonly type: string;
      readonly from: string;
      readonly to: string;
      readonly row: RelRow;
    };

/** Row key → short hash of the row: what a file wrote last time, to write only what changed. */
export type RowHashes = Map<string, string>;

function keyOf(r: Row): string {
  return r.kind === 'n'
    ? `n\u0000${r.label}\u0000${String(r.row.id)}`
    : `r\u0000${r.type}\u0000${r.from}\u0000${r.to}\u0000${r.row.from}\u0000${r.row.to}`;
}

function hashOf(r: Row): string {
  return hash('sha1', JSON.stringify(r.kind === 'n' ? r.row : (r.row.properties ?? {})), 'base64').slice(
    0,
    16,
  );
}

/**
 * Row hashes packed into one buffer: the UTF-8 of `key \u0001 hash` per row, rows apart by `\u0002`
 * (keys are ids and names joined by `\u0000`, hashes base64). Every file of a repository keeps the
 * hashes of what its linking wrote, hundreds of megabytes on the Linux kernel: a Map per file cost
 * about three times a string, and a string lives in V8's heap, where each megabyte held through a
 * run is marked at every full collection and lets the heap grow by more; a buffer is outside it.
 */
export type PackedHashes = Buffer;

/** Packs row hashes (see {@link PackedHashes}). */
export function packHashes(h: RowHashes): PackedHashes {
  return pack(h);
}

function pack(entries: Iterable<readonly [string, string]>): PackedHashes {
  const parts: string[] = [];
  for (const [k, v] of entries) parts.push(`${k}\u0001${v}`);
  return Buffer.from(parts.join('\u0002'), 'utf8');
}

/** Unpacks row hashes. */
export function unpackHashes(p: PackedHashes | undefined): RowHashes | undefined {
  if (p === undefined) return undefined;
  const out: RowHashes = new Map();
  if (p.length === 0) return out;
  for (const part of p.toString('utf8').split('\u0002')) {
    const i = part.lastIndexOf('\u0001');
    out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

/** Collects rows (later rows of the same key merge, as upserts do). */
export class RowCollector {
  readonly rows = new Map<string, Row>();

  readonly sink: GraphSink = {
    node: async (label, row) => this.add({ kind: 'n', label, row }),
    rel: async (type, from, to, row) => this.add({ kind: 'r', type, from, to, row }),
  };

  add(r: Row): void {
    const k = keyOf(r);
    const prev = this.rows.get(k);
    if (!prev) this.rows.set(k, r);
    else if (prev.kind === 'n' && r.kind === 'n') this.rows.set(k, { ...r, row: { ...prev.row, ...r.row } });
    else if (prev.kind === 'r' && r.kind === 'r')
      this.rows.set(k, {
        ...r,
        row: { ...r.row, properties: { ...prev.row.properties, ...r.row.properties } },
      });
  }

  hashes(): RowHashes {
    const out: RowHashes = new Map();
    for (const [k, r] of this.rows) out.set(k, hashOf(r));
    return out;
  }

  /** `packHashes(this.hashes())` without the map in between (a first index packs every file's). */
  packed(): PackedHashes {
    return pack(this.#hashed());
  }

  *#hashed(): Generator<[string, string]> {
    for (const [k, r] of this.rows) yield [k, hashOf(r)];
  }
}

/** What changed between the rows a file wrote before and the rows it writes now. */
export interface RowDiff {
  /** New or changed rows. */
  readonly write: Row[];
  /** Keys written before and not now. */
  readonly gone: string[];
}

/** Compares a collector's rows with the hashes of what was written before. */
export function diffRows(before: RowHashes | undefined, now: RowCollector, nowHashes: RowHashes): RowDiff {
  const write: Row[] = [];
  for (const [k, r] of now.rows) if (before?.get(k) !== nowHashes.get(k)) write.push(r);
  const gone = before ? [...before.keys()].filter((k) => !now.rows.has(k)) : [];
  return { write, gone };
}

/** A gone key, parsed back. */
export function parseKey(
  key: string,
):
  | { kind: 'n'; label: string; id: string }
  | { kind: 'r'; type: string; fromLabel: string; toLabel: string; from: string; to: string } {
  const p = key.split('\u0000');
  return p[0] === 'n'
    ? { kind: 'n', label: p[1]!, id: p[2]! }
    : { kind: 'r', type: p[1]!, fromLabel: p[2]!, toLabel: p[3]!, from: p[4]!, to: p[5]! };
}
