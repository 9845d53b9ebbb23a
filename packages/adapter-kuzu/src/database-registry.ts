import type { KuzuDatabase, KuzuModule } from './kuzu-module.js';
import { PairLedger } from './pair-ledger.js';
import { ReadWriteGate } from './read-write-gate.js';
import type { CatalogClock } from './statement-cache.js';

interface Entry {
  readonly opening: Promise<KuzuDatabase>;
  /** Every adapter on the database goes through one gate: writes one at a time and never beside a read (see ReadWriteGate). */
  readonly gate: ReadWriteGate;
  /** Relationship pairs written through any adapter on the database (see PairLedger). */
  readonly ledger: PairLedger;
  /** Catalog changes, so that connections know when their prepared statements are stale. */
  readonly clock: CatalogClock;
  refs: number;
}

// Kuzu's file lock only keeps other processes out: two Database objects in one
// process would both write the same file. Adapters of one process therefore share
// one Database per (module, path), closed when the last adapter lets go.
const registry = new WeakMap<KuzuModule, Map<string, Entry>>();

/** Opens (or joins) the database at `file`; call the returned release function exactly once. */
export async function acquireDatabase(
  mod: KuzuModule,
  file: string,
  open: () => KuzuDatabase,
): Promise<{
  database: KuzuDatabase;
  gate: ReadWriteGate;
  ledger: PairLedger;
  clock: CatalogClock;
  release: () => Promise<void>;
}> {
  let byPath = registry.get(mod);
  if (!byPath) {
    byPath = new Map();
    registry.set(mod, byPath);
  }
  const shareable = file !== ':memory:';
  let entry = shareable ? byPath.get(file) : undefined;
  if (!entry) {
    const opening = (async () => {
      const db = open();
      await db.init();
      return db;
    })();
    entry = { opening, gate: new ReadWriteGate(), ledger: new PairLedger(), clock: { version: 0 }, refs: 0 };
    if (shareable) byPath.set(file, entry);
    const e = entry;
    opening.catch(() => {
      if (byPath.get(file) === e) byPath.delete(file);
    });
  }
  entry.refs++;
  const e = entry;
  let database: KuzuDatabase;
  try {
    database = await e.opening;
  } catch (err) {
    e.refs--;
    throw err;
  }
  let released = false;
  return {
    database,
    gate: e.gate,
    ledger: e.ledger,
    clock: e.clock,
    release: async () => {
      if (released) return;
      released = true;
      if (--e.refs > 0) return;
      if (byPath.get(file) === e) byPath.delete(file);
      await database.close();
    },
  };
}
