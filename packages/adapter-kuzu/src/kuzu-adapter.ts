import {
  type AdapterCapabilities,
  CgcError,
  type DeleteScope,
  type GraphAdapter,
  type GraphParams,
  type GraphRow,
  type GraphSchema,
  type NodeDecl,
  type NodeRow,
  type NodeWriteOptions,
  type QueryOptions,
  type RelBatch,
  type RelDecl,
} from '@cgc/core';
import { BatchCopier, type Exec } from './batch-copy.js';
import { upsertNodeRows, upsertRelRows, type Writer } from './bulk-upsert.js';
import { databaseFile, defaultBufferPool, defaultKuzuPath } from './database-location.js';
import { acquireDatabase } from './database-registry.js';
import { mapKuzuError } from './kuzu-errors.js';
import { asKuzuModule, type KuzuConnection, type KuzuModule, loadDefaultKuzu } from './kuzu-module.js';
import { bindStatement } from './kuzu-values.js';
import { NodeSpool } from './node-spool.js';
import { type PairLedger, pairKeys } from './pair-ledger.js';
import { guardReadStatement, guardWriteStatement } from './read-guard.js';
import type { ReadWriteGate } from './read-write-gate.js';
import { RelSpool, relColumns } from './rel-spool.js';
import { q } from './row-codec.js';
import { ROW_PATH_MAX_ROWS } from './row-upsert.js';
import { runReadOnly, runTimed } from './run-statement.js';
import { readCatalog, schemaStatements, type TableInfo } from './schema-sync.js';
import { SerialQueue } from './serial-queue.js';
import { execute, StatementCache } from './statement-cache.js';

/** Options of {@link createKuzuAdapter}. */
export interface KuzuAdapterOptions {
  /** Database folder (the file `graph.kuzu` goes inside), an existing database file, or `:memory:`. Default `<CGC_HOME or ~/.cgc>/kuzu`. */
  readonly path?: string;
  /** An API-compatible module (for example LadybugDB's `lbug`); default `await import('kuzu')`. */
  readonly module?: unknown;
  /** Buffer pool size in bytes (default: a quarter of physical memory, at most 2 GiB; Kuzu's own is 80%). */
  readonly bufferPoolSize?: number;
  /** Opens the database read-only: every write is refused with READ_ONLY_VIOLATION. */
  readonly readOnly?: boolean;
  /** Rows per upsert call that GraphStore sends (default 200 000). */
  readonly maxBatchSize?: number;
  /** Batches of up to this many rows are written row by row in one transaction, bigger ones through COPY (default 400 nodes / 200 relationships; 0 always uses COPY). */
  readonly rowPathMax?: number;
  /** Read connections (reads on one connection run one at a time). Default 2. */
  readonly readConnections?: number;
  /** Source of bulk inserts: a temp JSON file (default, falls back when the module lacks JSON) or an UNWIND parameter. */
  readonly bulkLoad?: 'json' | 'unwind';
}

/** A read connection: one transaction at a time, so its reads queue. */
interface Reader {
  readonly conn: KuzuConnection;
  readonly cache: StatementCache;
  readonly queue: SerialQueue;
  queued: number;
}

interface Session {
  readonly writer: KuzuConnection;
  /** Prepared statements of the write connection. */
  readonly writes: StatementCache;
  /** Read connections; a read goes to the one with the fewest reads queued. */
  readonly readers: readonly Reader[];
  /** Shared by every adapter on the database in this process. */
  readonly gate: ReadWriteGate;
  /** Shared by every adapter on the database in this process. */
  readonly ledger: PairLedger;
  readonly release: () => Promise<void>;
}

class KuzuAdapter implements GraphAdapter {
  readonly name = 'kuzu';
  readonly capabilities: AdapterCapabilities;
  readonly #options: KuzuAdapterOptions;
  readonly #path: string;
  readonly #pool: number;
  #opening: Promise<Session> | undefined;
  #closed = false;
  #catalog = new Map<string, TableInfo>();
  readonly #keys = new Map<string, string>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #copier: BatchCopier;
  readonly #spool: RelSpool;
  readonly #nodeSpool: NodeSpool;

  constructor(options: KuzuAdapterOptions) {
    this.#options = options;
    this.#path = options.path ?? defaultKuzuPath();
    this.#pool = options.bufferPoolSize ?? defaultBufferPool();
    this.#copier = new BatchCopier(options.bulkLoad !== 'unwind');
    this.#spool = new RelSpool(this.#copier, options.rowPathMax ?? ROW_PATH_MAX_ROWS.relationships);
    this.#nodeSpool = new NodeSpool(this.#copier, options.rowPathMax ?? ROW_PATH_MAX_ROWS.nodes);
    this.capabilities = {
      readOnlyQueries: true,
      bulkWrite: true,
      maxBatchSize: options.maxBatchSize ?? 200_000,
      shortestPath: true,
      variableLengthPaths: true,
      regex: true,
      embedded: true,
      mapParams: true,
      holdsDeferred: this.#copier.fromFiles,
    };
  }

  connect(): Promise<void> {
    return this.#session().then(() => undefined);
  }

  #session(): Promise<Session> {
    if (this.#closed)
      return Promise.reject(new CgcError('CLOSED', `kuzu adapter for ${this.#path} is closed`));
    this.#opening ??= this.#open().catch((err) => {
      this.#opening = undefined;
      const mapped = mapKuzuError(err, 'open', this.#path);
      // Failing to open is never a query problem: a missing folder, a bad file, a broken binary.
      const why = `cannot open the Kuzu database at ${this.#path}: ${mapped.message}`;
      throw mapped.code === 'QUERY_FAILED' || mapped.code === 'QUERY_SYNTAX'
        ? new CgcError('DB_UNAVAILABLE', why, { cause: err })
        : mapped;
    });
    return this.#opening;
  }

  async #open(): Promise<Session> {
    const mod: KuzuModule = this.#options.module
      ? asKuzuModule(this.#options.module)
      : await loadDefaultKuzu();
    const readOnly = this.#options.readOnly ?? false;
    const file = databaseFile(this.#path, readOnly);
    const { database, gate, ledger, clock, release } = await acquireDatabase(
      mod,
      file,
      () => new mod.Database(file, this.#pool, true, readOnly),
    );
    try {
      const writer = new mod.Connection(database);
      const readers = Array.from({ length: Math.max(1, this.#options.readConnections ?? 2) }, () => {
        const conn = new mod.Connection(database);
        return { conn, cache: new StatementCache(conn, clock), queue: new SerialQueue(), queued: 0 };
      });
      return { writer, readers, writes: new StatementCache(writer, clock), gate, ledger, release };
    } catch (err) {
      await release();
      throw err;
    }
  }

  async #write<T>(
    what: string,
    task: (
      exec: (c: string, p?: Record<string, unknown>) => Promise<Record<string, unknown>[]>,
      cache: StatementCache,
      conn: KuzuConnection,
    ) => Promise<T>,
  ) {
    const s = await this.#session();
    return this.#track(
      s.gate.write(async () => {
        try {
          return await task((c, p) => s.writes.run(c, p), s.writes, s.writer);
        } catch (err) {
          throw mapKuzuError(err, what, this.#path, this.#pool);
        }
      }),
    );
  }

  /**
   * Appends held rows to their load files right away, outside the write queue: they touch no
   * table, so a COPY of earlier held rows that runs meanwhile does not hold them up (a flush
   * takes the files it inserts before it starts; later rows start new files).
   */
  async #hold(what: string, append: () => void): Promise<void> {
    await this.#session();
    try {
      append();
    } catch (err) {
      throw mapKuzuError(err, what, this.#path, this.#pool);
    }
  }

  #writer(
    exec: Writer['exec'],
    [cache, conn]: readonly [StatementCache, KuzuConnection],
    kind: 'nodes' | 'relationships',
    ledger?: PairLedger,
  ): Writer {
    return {
      exec,
      ...(ledger ? { ledger } : {}),
      copier: this.#copier,
      rowPathMax: this.#options.rowPathMax ?? ROW_PATH_MAX_ROWS[kind],
      prepare: async (cypher) => {
        const ps = await cache.prepare(cypher);
        return (params) => execute(conn, ps, params);
      },
    };
  }

  // close() waits for this adapter's own work only: the gate is shared with other adapters.
  #track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work);
    const done = () => this.#pending.delete(work);
    work.then(done, done);
    return work;
  }

  async ensureSchema(schema: GraphSchema): Promise<void> {
    await this.#write('ensureSchema', async (exec) => {
      const catalog = await readCatalog((c) => exec(c));
      const statements = schemaStatements(schema, catalog);
      for (const s of statements) await exec(s);
      this.#catalog = statements.length > 0 ? await readCatalog((c) => exec(c)) : catalog;
    });
    for (const n of schema.nodes) this.#keys.set(n.label, n.key);
  }

  async upsertNodes(decl: NodeDecl, rows: readonly NodeRow[], options: NodeWriteOptions = {}): Promise<void> {
    this.#keys.set(decl.label, decl.key);
    if (options.defer && options.fresh && this.#copier.fromFiles) {
      await this.#hold(`upsert ${decl.label}`, () =>
        this.#nodeSpool.append(decl, rows, `label ${decl.label}`),
      );
      return;
    }
    // Properties the held rows of the label lack go into them (one COPY for both); other rows after
    // the held rows are inserted: later values win.
    const what = `upsert ${decl.label}`;
    const rest = this.#nodeSpool.fold(decl, rows, `label ${decl.label}`);
    if (rest.length === 0) return;
    await this.#flushNodes(decl.label);
    await this.#write(what, (exec, cache, conn) =>
      upsertNodeRows(this.#writer(exec, [cache, conn], 'nodes'), decl, rest, options.fresh),
    );
  }

  async upsertRelationships(decl: RelDecl, batch: RelBatch): Promise<void> {
    if (batch.defer && batch.fresh && this.#copier.fromFiles) {
      // The table must be known first (a catalog read goes through the write queue).
      if (!this.#catalog.has(decl.type))
        await this.#write(`upsert ${decl.type}`, (exec) => this.#relTable(decl, exec));
      const s = await this.#session();
      await this.#hold(`upsert ${decl.type}`, () => {
        const what = `relationship ${decl.type}`;
        this.#spool.append(decl, batch, relColumns(decl, batch.rows, what), what);
        s.ledger.add(decl.type, pairKeys(batch.rows));
      });
      return;
    }
    // Pairs of the same type may be held back: they go first, so this batch finds them stored.
    await this.#flushSpool(decl.type);
    await this.#write(`upsert ${decl.type}`, (exec, cache, conn) =>
      this.#upsertRels(decl, batch, exec, cache, conn),
    );
  }

  async flushDeferred(types?: readonly string[]): Promise<void> {
    if (!types) return this.#flushSpool();
    await this.#flushNodes();
    for (const t of types) await this.#flushSpool(t);
  }

  // Every relationship write but a deferred one may need any held node as an end.
  async #flushSpool(type?: string): Promise<void> {
    await this.#flushNodes();
    if (!this.#spool.pending(type)) return;
    await this.#write('flush deferred relationships', (exec, cache, conn) =>
      this.#spool.flush(exec, (decl, batch) => this.#upsertRels(decl, batch, exec, cache, conn), type),
    );
  }

  async #flushNodes(label?: string): Promise<void> {
    if (!this.#nodeSpool.pending(label)) return;
    await this.#write('flush deferred nodes', (exec, cache, conn) =>
      this.#nodeSpool.flush(
        exec,
        (decl, rows) => upsertNodeRows(this.#writer(exec, [cache, conn], 'nodes'), decl, rows),
        label,
      ),
    );
  }

  #holding(): boolean {
    return this.#spool.pending() || this.#nodeSpool.pending();
  }

  async #upsertRels(decl: RelDecl, batch: RelBatch, exec: Exec, cache: StatementCache, conn: KuzuConnection) {
    const { table, keyOf } = await this.#relTable(decl, exec);
    const s = await this.#session();
    await upsertRelRows(this.#writer(exec, [cache, conn], 'relationships', s.ledger), decl, batch, keyOf, [
      ...table.columns.entries(),
    ]);
  }

  async #relTable(decl: RelDecl, exec: Exec) {
    if (!this.#catalog.has(decl.type)) this.#catalog = await readCatalog((c) => exec(c));
    const table = this.#catalog.get(decl.type);
    if (!table)
      throw new CgcError(
        'SCHEMA_UNDECLARED',
        `relationship table ${decl.type} does not exist; call ensureSchema first`,
      );
    const keyOf = (label: string) => {
      const key = this.#keys.get(label) ?? this.#catalog.get(label)?.primaryKey;
      if (!key) throw new CgcError('SCHEMA_UNDECLARED', `label ${label} is not declared`);
      return key;
    };
    return { table, keyOf };
  }

  async deleteNodes(scope: DeleteScope): Promise<number> {
    await this.flushDeferred();
    (await this.#session()).ledger.deleted();
    return this.#write('delete', async (exec) => {
      if (scope.labels.some((l) => !this.#catalog.has(l))) this.#catalog = await readCatalog((c) => exec(c));
      let deleted = 0;
      for (const label of scope.labels) {
        // A label without the scope property cannot hold nodes in that scope.
        if (!this.#catalog.get(label)?.columns.has(scope.property)) continue;
        const match = `MATCH (n:${q(label)}) WHERE n.${q(scope.property)} = $v`;
        const [row] = await exec(`${match} RETURN count(n) AS c`, { v: scope.value });
        const c = Number(row?.c ?? 0);
        if (c > 0) await exec(`${match} DETACH DELETE n`, { v: scope.value });
        deleted += c;
      }
      return deleted;
    });
  }

  async query(cypher: string, params: GraphParams = {}, options: QueryOptions = {}): Promise<GraphRow[]> {
    // No reader may miss a deferred node or relationship.
    if (this.#holding()) await this.flushDeferred();
    const s = await this.#session();
    const { cypher: statement, params: kparams } = bindStatement(cypher, params);
    if (options.mode === 'write') {
      guardWriteStatement(cypher);
      // A Cypher write may create any relationship: the ledger can no longer vouch for new pairs.
      s.ledger.forgetAll();
      return this.#write('query', async () =>
        runTimed(s.writer, options, () => s.writes.run(statement, kparams)),
      );
    }
    guardReadStatement(cypher);
    const r = s.readers.reduce((a, b) => (b.queued < a.queued ? b : a));
    r.queued++;
    return r.queue
      .run(() =>
        this.#track(
          s.gate.read(async () => {
            try {
              return await runReadOnly(r.conn, r.cache, statement, kparams, options);
            } catch (err) {
              throw mapKuzuError(err, 'query', this.#path, this.#pool);
            }
          }),
        ),
      )
      .finally(() => {
        r.queued--;
      });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // Deferred rows go in before the database closes; a failure is reported once closed.
    let failed: unknown;
    if (this.#opening && this.#holding()) await this.flushDeferred().catch((err) => (failed = err));
    this.#closed = true;
    const opening = this.#opening;
    if (!opening) return;
    const s = await opening.catch(() => undefined);
    if (!s) return;
    await Promise.allSettled([...this.#pending, ...s.readers.map((r) => r.queue.drain())]);
    await Promise.allSettled([s.writer.close(), ...s.readers.map((r) => r.conn.close())]);
    this.#spool.discard();
    this.#nodeSpool.discard();
    this.#copier.dispose();
    await s.release();
    if (failed !== undefined) throw failed;
  }
}

/** Creates the embedded Kuzu adapter; nothing is opened until `connect()` or first use. */
export function createKuzuAdapter(options: KuzuAdapterOptions = {}): GraphAdapter {
  return new KuzuAdapter(options);
}
