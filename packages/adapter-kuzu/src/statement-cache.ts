import type { KuzuConnection, KuzuPreparedStatement } from './kuzu-module.js';

/** Counts catalog changes of one database; shared by every connection on it in this process. */
export interface CatalogClock {
  version: number;
}

// Statements that change the catalog: a statement prepared before them may be bound to a stale one.
const DDL = /^\s*(create|drop|alter)\b/i;
const CAPACITY = 256;

/**
 * Prepared statements of one connection, by text. Preparing costs about as much as running a
 * point query (~0.3-0.7 ms each on Kuzu 0.11.3; a callers query made 4 reads of 3 statements), and
 * core's queries reuse a handful of texts with parameters, so reads mostly skip it. An entry
 * prepared before the last catalog change (any CREATE/DROP/ALTER on the database, such as the
 * bulk path's scratch tables) is prepared again; a statement that fails is dropped.
 */
export class StatementCache {
  readonly #conn: KuzuConnection;
  readonly #clock: CatalogClock;
  readonly #entries = new Map<string, { ps: KuzuPreparedStatement; version: number; readOnly?: true }>();

  constructor(conn: KuzuConnection, clock: CatalogClock) {
    this.#conn = conn;
    this.#clock = clock;
  }

  /** A prepared statement for `cypher`, from the cache when still valid. */
  async prepare(cypher: string): Promise<KuzuPreparedStatement> {
    const hit = this.#entries.get(cypher);
    if (hit && hit.version === this.#clock.version) {
      // Re-inserted so the Map's order is least recently used first.
      this.#entries.delete(cypher);
      this.#entries.set(cypher, hit);
      return hit.ps;
    }
    this.#entries.delete(cypher);
    const ps = await this.#conn.prepare(cypher);
    if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
    if (!DDL.test(cypher)) {
      this.#entries.set(cypher, { ps, version: this.#clock.version });
      if (this.#entries.size > CAPACITY) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return ps;
  }

  /**
   * Whether `cypher` (as prepared now) already ran inside a read-only transaction. Kuzu decides
   * whether a statement writes from its plan, not from the data, so such a text needs no
   * read-only transaction around it again until the catalog changes.
   */
  provenReadOnly(cypher: string): boolean {
    const e = this.#entries.get(cypher);
    return e?.readOnly === true && e.version === this.#clock.version;
  }

  /** Records that `cypher` ran inside a read-only transaction. */
  markReadOnly(cypher: string): void {
    const e = this.#entries.get(cypher);
    if (e) e.readOnly = true;
  }

  /** Runs a statement with parameters and returns all its rows. */
  async run(cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const ps = await this.prepare(cypher);
    try {
      return await execute(this.#conn, ps, params);
    } catch (err) {
      this.#entries.delete(cypher);
      throw err;
    } finally {
      if (DDL.test(cypher)) this.#clock.version++;
    }
  }
}

/** Executes a prepared statement and returns the rows of its last result. */
export async function execute(
  conn: KuzuConnection,
  ps: KuzuPreparedStatement,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const res = await conn.execute(ps, params);
  const all = Array.isArray(res) ? res : [res];
  const last = all[all.length - 1]!;
  try {
    // The result is materialised when execute resolves; `getAll` would fetch it a row per
    // thread-pool round trip, which cost more than the query itself for point look-ups.
    return last.getAllSync ? last.getAllSync() : await last.getAll();
  } finally {
    for (const r of all) r.close?.();
  }
}
