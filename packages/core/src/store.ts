import type {
  DeleteScope,
  GraphAdapter,
  GraphParam,
  GraphParams,
  GraphRow,
  NodeRow,
  NodeWriteOptions,
  QueryOptions,
  RelRow,
} from './adapter.js';
import { CgcError, isCgcError, toCgcError } from './errors.js';
import { type GraphSchema, mergeSchemas, nodeDecl, relDecl } from './schema.js';

/** Options of a {@link GraphStore}. */
export interface GraphStoreOptions {
  /** Attempts for retriable failures (default 4). */
  readonly attempts?: number;
  /** First backoff delay in ms, doubled each attempt (default 100). */
  readonly backoffMs?: number;
  /** Rows per adapter call; defaults to the adapter's maxBatchSize. */
  readonly batchSize?: number;
}

/**
 * The graph API every part of cgc uses: schema bootstrap, batched upserts with
 * retries, scoped deletes and read/write query helpers over one adapter.
 */
export class GraphStore {
  readonly adapter: GraphAdapter;
  #schema: GraphSchema = { nodes: [], relationships: [] };
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #batchSize: number;
  #closed = false;

  constructor(adapter: GraphAdapter, options: GraphStoreOptions = {}) {
    this.adapter = adapter;
    this.#attempts = Math.max(1, options.attempts ?? 4);
    this.#backoffMs = options.backoffMs ?? 100;
    this.#batchSize = Math.max(1, options.batchSize ?? adapter.capabilities.maxBatchSize);
  }

  /** The schema declared so far. */
  get schema(): GraphSchema {
    return this.#schema;
  }

  /** Connects the adapter (with retries). */
  async connect(): Promise<void> {
    await this.#retry('connect', () => this.adapter.connect());
  }

  /** Declares schema contributions and has the adapter create what they need. */
  async ensureSchema(...schemas: GraphSchema[]): Promise<void> {
    const merged = mergeSchemas(this.#schema, ...schemas);
    await this.#retry('ensureSchema', () => this.adapter.ensureSchema(merged));
    this.#schema = merged;
  }

  /** Upserts nodes of one declared label, in batches of rows with the same property set. */
  async upsertNodes(label: string, rows: readonly NodeRow[], options: NodeWriteOptions = {}): Promise<void> {
    const how: NodeWriteOptions | undefined = options.fresh
      ? { fresh: true, ...(options.defer ? { defer: true } : {}) }
      : undefined;
    const decl = nodeDecl(this.#schema, label);
    const what = `label ${label}`;
    const cleaned = rows.map((r) => cleanRow(decl.properties, r, what));
    for (const group of groupByShape(cleaned, (r) => r)) {
      for (const g of group) {
        if (typeof g[decl.key] !== 'string' || g[decl.key] === '') {
          throw new CgcError('INVALID_INPUT', `node ${label} without a string key "${decl.key}"`);
        }
      }
      for (const chunk of chunks(group, this.#batchSize)) {
        await this.#retry(`upsert ${label}`, () =>
          how ? this.adapter.upsertNodes(decl, chunk, how) : this.adapter.upsertNodes(decl, chunk),
        );
      }
    }
  }

  /** Upserts relationships of one declared type between two labels. */
  async upsertRelationships(
    type: string,
    fromLabel: string,
    toLabel: string,
    rows: readonly RelRow[],
    options: RelWriteOptions = {},
  ): Promise<void> {
    const decl = relDecl(this.#schema, type);
    if (!decl.from.includes(fromLabel) || !decl.to.includes(toLabel)) {
      throw new CgcError(
        'SCHEMA_UNDECLARED',
        `relationship ${type} is not declared from ${fromLabel} to ${toLabel}`,
      );
    }
    const what = `relationship ${type}`;
    const cleaned = rows.map((r) => {
      if (!r.properties) return r;
      const properties = cleanRow(decl.properties, r.properties, what);
      return properties === r.properties ? r : { from: r.from, to: r.to, properties };
    });
    for (const group of groupByShape(cleaned, (r) => r.properties ?? NO_PROPERTIES)) {
      for (const chunk of chunks(group, this.#batchSize)) {
        await this.#retry(`upsert ${type}`, () =>
          this.adapter.upsertRelationships(decl, {
            fromLabel,
            toLabel,
            rows: chunk,
            ...(options.fresh ? { fresh: true } : {}),
            ...(options.fresh && options.defer ? { defer: true } : {}),
          }),
        );
      }
    }
  }

  /**
   * Inserts the nodes and relationships written with `defer` that the adapter still holds
   * (`types`: the nodes and the relationships of these types only; see {@link GraphAdapter.flushDeferred}).
   */
  async flushDeferred(types?: readonly string[]): Promise<void> {
    const adapter = this.adapter;
    if (!adapter.flushDeferred) return;
    await this.#retry('flush deferred', () =>
      types ? adapter.flushDeferred!(types) : adapter.flushDeferred!(),
    );
  }

  /** Detach-deletes every node in scope; returns the number deleted. */
  async deleteNodes(scope: DeleteScope): Promise<number> {
    for (const l of scope.labels) nodeDecl(this.#schema, l);
    return this.#retry('delete', () => this.adapter.deleteNodes(scope));
  }

  /** Runs a read-only query; the engine refuses writes. */
  async read<T extends GraphRow = GraphRow>(cypher: string, params: GraphParams = {}, timeoutMs?: number) {
    const options: QueryOptions = timeoutMs === undefined ? { mode: 'read' } : { mode: 'read', timeoutMs };
    return (await this.#retry('query', () => this.adapter.query(cypher, params, options))) as T[];
  }

  /** Runs a write statement (for plugins maintaining counters and such). */
  async write(cypher: string, params: GraphParams = {}): Promise<GraphRow[]> {
    return this.#retry('write', () => this.adapter.query(cypher, params, { mode: 'write' }));
  }

  /** The first row of a read query, or undefined. */
  async one<T extends GraphRow = GraphRow>(cypher: string, params: GraphParams = {}): Promise<T | undefined> {
    return (await this.read<T>(cypher, params))[0];
  }

  /** A bulk writer that buffers nodes and relationships and flushes them in order. */
  writer(options: { flushAt?: number } = {}): BulkWriter {
    return new BulkWriter(this, options.flushAt ?? 100_000);
  }

  /** Closes the adapter; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.adapter.close();
  }

  async #retry<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new CgcError('CLOSED', `graph store is closed (${what})`);
    let delay = this.#backoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isCgcError(err)) throw toCgcError(err, 'QUERY_FAILED', `${this.adapter.name}: ${what} failed`);
        if (!err.retriable || attempt >= this.#attempts) throw err;
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }
}

/** How relationships are written. */
export interface RelWriteOptions {
  /** No pair of these rows is stored yet (see `RelBatch.fresh`). */
  readonly fresh?: boolean;
  /** With `fresh`: the adapter may insert the rows later (see `RelBatch.defer` and {@link GraphStore.flushDeferred}). */
  readonly defer?: boolean;
}

/**
 * Buffers nodes and relationships for large writes (indexing, span ingestion).
 * Nodes are flushed before relationships so that both ends exist.
 */
export class BulkWriter {
  readonly #store: GraphStore;
  readonly #flushAt: number;
  #nodes = new Map<string, { label: string; fresh: boolean; defer: boolean; rows: NodeRow[] }>();
  #rels = new Map<
    string,
    { type: string; from: string; to: string; fresh: boolean; defer: boolean; rows: RelRow[] }
  >();
  #pending = 0;
  /** Totals written so far. */
  readonly written = { nodes: 0, relationships: 0 };

  constructor(store: GraphStore, flushAt: number) {
    this.#store = store;
    this.#flushAt = flushAt;
  }

  /** Adds one node; flushes when the buffer is full. See {@link NodeWriteOptions} for `options`. */
  async node(label: string, row: NodeRow, options: NodeWriteOptions = {}): Promise<void> {
    const fresh = options.fresh === true;
    const defer = fresh && options.defer === true;
    const k = fresh ? `${label}\u0000${defer}` : label;
    let entry = this.#nodes.get(k);
    if (!entry) {
      entry = { label, fresh, defer, rows: [] };
      this.#nodes.set(k, entry);
    }
    entry.rows.push(row);
    if (++this.#pending >= this.#flushAt) await this.flush();
  }

  /** Adds one relationship; flushes when the buffer is full. See `RelBatch.fresh` for `options.fresh`. */
  async rel(
    type: string,
    fromLabel: string,
    toLabel: string,
    row: RelRow,
    options: RelWriteOptions = {},
  ): Promise<void> {
    const fresh = options.fresh === true;
    const defer = fresh && options.defer === true;
    const k = `${type}\u0000${fromLabel}\u0000${toLabel}\u0000${fresh}\u0000${defer}`;
    let entry = this.#rels.get(k);
    if (!entry) {
      entry = { type, from: fromLabel, to: toLabel, fresh, defer, rows: [] };
      this.#rels.set(k, entry);
    }
    entry.rows.push(row);
    if (++this.#pending >= this.#flushAt) await this.flush();
  }

  /** Writes everything buffered. */
  async flush(): Promise<void> {
    const nodes = this.#nodes;
    const rels = this.#rels;
    this.#nodes = new Map();
    this.#rels = new Map();
    this.#pending = 0;
    for (const e of nodes.values()) {
      const key = nodeDecl(this.#store.schema, e.label).key;
      const unique = mergeNodes(e.rows, key);
      await this.#store.upsertNodes(e.label, unique, { fresh: e.fresh, defer: e.defer });
      this.written.nodes += unique.length;
    }
    for (const e of rels.values()) {
      const rows = mergeRels(e.rows);
      await this.#store.upsertRelationships(e.type, e.from, e.to, rows, { fresh: e.fresh, defer: e.defer });
      this.written.relationships += rows.length;
    }
  }
}

// Rows for the same key merge, later properties winning, as a sequence of upserts would.
function mergeNodes(rows: readonly NodeRow[], key: string): NodeRow[] {
  const m = new Map<string, NodeRow>();
  for (const r of rows) {
    const k = String(r[key]);
    const prev = m.get(k);
    m.set(k, prev ? { ...prev, ...defined(r) } : r);
  }
  return [...m.values()];
}

function mergeRels(rows: readonly RelRow[]): RelRow[] {
  const m = new Map<string, RelRow>();
  for (const r of rows) {
    const k = `${r.from}\u0000${r.to}`;
    const prev = m.get(k);
    m.set(k, prev ? { ...r, properties: { ...prev.properties, ...defined(r.properties ?? {}) } } : r);
  }
  return [...m.values()];
}

function defined<T extends Readonly<Record<string, unknown>>>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const NO_PROPERTIES: Record<string, GraphParam> = Object.freeze({}) as Record<string, GraphParam>;

function cleanRow(
  declared: Readonly<Record<string, string>>,
  row: Readonly<Record<string, GraphParam | undefined>>,
  what: string,
): Readonly<Record<string, GraphParam>> {
  // Most rows are clean already: checked, and copied only when a value needs dropping or encoding.
  for (const k in row) {
    const v = row[k];
    const t = declared[k];
    if (!t && v !== undefined)
      throw new CgcError('SCHEMA_UNDECLARED', `${what}: property ${k} is not declared`);
    if (v === undefined || (t === 'json' && v !== null && typeof v !== 'string')) {
      return copyClean(declared, row);
    }
  }
  return row as Readonly<Record<string, GraphParam>>;
}

function copyClean(
  declared: Readonly<Record<string, string>>,
  row: Readonly<Record<string, GraphParam | undefined>>,
): Record<string, GraphParam> {
  const out: Record<string, GraphParam> = {};
  for (const k in row) {
    const v = row[k];
    if (v === undefined) continue;
    out[k] = declared[k] === 'json' && v !== null && typeof v !== 'string' ? JSON.stringify(v) : v;
  }
  return out;
}

/**
 * Groups rows by their property set. Rows built by one code path list their keys in the same
 * order, so a row is first compared with the previous row's keys; only a differing row pays
 * for the sorted key text.
 */
function groupByShape<T>(rows: readonly T[], propsOf: (row: T) => object): T[][] {
  const m = new Map<string, T[]>();
  let lastKeys: string[] = [];
  let lastList: T[] | undefined;
  for (const r of rows) {
    const keys = Object.keys(propsOf(r));
    if (lastList && sameKeys(keys, lastKeys)) {
      lastList.push(r);
      continue;
    }
    const k = [...keys].sort().join(',');
    let list = m.get(k);
    if (!list) {
      list = [];
      m.set(k, list);
    }
    list.push(r);
    lastKeys = keys;
    lastList = list;
  }
  return [...m.values()];
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
