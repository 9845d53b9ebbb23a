import type { NodeRow, RelRow } from '@cgc/core';

/** Where graph rows go: the store's bulk writer, or a collector in tests and dry runs. */
export interface GraphSink {
  node(label: string, row: NodeRow): Promise<void>;
  rel(type: string, fromLabel: string, toLabel: string, row: RelRow): Promise<void>;
  /** Writes what is buffered (a bulk writer keeps only the last row per key within a flush). */
  flush?(): Promise<void>;
}

/** A collected relationship. */
export interface CollectedRel extends RelRow {
  readonly type: string;
  readonly fromLabel: string;
  readonly toLabel: string;
}

/** A sink that keeps every row in memory (later rows for the same key merge, as upserts do). */
export class MemorySink implements GraphSink {
  readonly nodes = new Map<string, Map<string, Record<string, unknown>>>();
  readonly rels: CollectedRel[] = [];

  async node(label: string, row: NodeRow): Promise<void> {
    const m = this.nodes.get(label) ?? new Map<string, Record<string, unknown>>();
    this.nodes.set(label, m);
    const id = String(row.id);
    m.set(id, { ...(m.get(id) ?? {}), ...row });
  }

  async rel(type: string, fromLabel: string, toLabel: string, row: RelRow): Promise<void> {
    this.rels.push({ type, fromLabel, toLabel, ...row });
  }

  /** Rows of one label. */
  all(label: string): Record<string, unknown>[] {
    return [...(this.nodes.get(label)?.values() ?? [])];
  }
}
