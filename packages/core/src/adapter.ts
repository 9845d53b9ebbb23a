import type { GraphSchema, NodeDecl, RelDecl } from './schema.js';

/** A value that can be passed as a query parameter or stored as a property. */
export type GraphScalar = string | number | bigint | boolean | null;
/** A property or parameter value, possibly nested. */
export type GraphParam = GraphScalar | readonly GraphParam[] | { readonly [k: string]: GraphParam };
/** Query parameters. */
export type GraphParams = Readonly<Record<string, GraphParam>>;

/** A node as returned by queries, the same shape on every engine. */
export interface GraphNode {
  readonly kind: 'node';
  readonly label: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A relationship as returned by queries, the same shape on every engine. */
export interface GraphRelationship {
  readonly kind: 'relationship';
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A path as returned by queries. */
export interface GraphPath {
  readonly kind: 'path';
  readonly nodes: readonly GraphNode[];
  readonly relationships: readonly GraphRelationship[];
}

/** One result row: column name to value. Integers within 2^53 are numbers, larger ones bigints. */
export type GraphRow = Record<string, unknown>;

/** A node row to upsert: the key property and any other declared properties. */
export type NodeRow = Readonly<Record<string, GraphParam | undefined>>;

/** A relationship row to upsert, between two nodes given by their keys. */
export interface RelRow {
  readonly from: string;
  readonly to: string;
  readonly properties?: Readonly<Record<string, GraphParam | undefined>>;
}

/** A batch of relationships of one type between one pair of labels. */
export interface RelBatch {
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly rows: readonly RelRow[];
  /**
   * The caller guarantees that no relationship of this type is stored yet between any pair of
   * the rows, typically because one end of each was created in the same write (a new span's
   * edges, a first index). An adapter may then insert without looking for stored pairs; a
   * broken promise leaves duplicate relationships. Adapters that MERGE anyway ignore it.
   */
  readonly fresh?: boolean;
  /**
   * With `fresh`: the adapter may hold the rows and insert them later, at the latest on
   * {@link GraphAdapter.flushDeferred} or before its next query, delete, non-deferred
   * relationship write or close (so no reader ever misses them). An engine whose bulk insert
   * costs about the size of the table it inserts into (Kuzu rewrites the adjacency of every
   * node group a batch touches) then inserts each type once instead of once per batch.
   */
  readonly defer?: boolean;
}

/** How a batch of nodes may be written (the node counterpart of `RelBatch.fresh`/`defer`). */
export interface NodeWriteOptions {
  /**
   * The caller guarantees that no node with these keys is stored yet (a first index). An adapter
   * may then insert without looking keys up; a broken promise still ends with the rows' values,
   * at the price of a second pass.
   */
  readonly fresh?: boolean;
  /**
   * With `fresh`: the adapter may hold the rows and insert them later, at the latest on
   * {@link GraphAdapter.flushDeferred} or before its next query, delete, non-deferred write of the
   * same label, non-deferred relationship write or close. Kuzu's bulk insert of list values into
   * a node group that already holds rows costs about the group's size, so one insert per label
   * is several times cheaper than one per batch.
   */
  readonly defer?: boolean;
}

/** Which nodes a delete removes: every node of the given labels whose property equals the value. */
export interface DeleteScope {
  readonly labels: readonly string[];
  readonly property: string;
  readonly value: string;
}

/** How a query may touch the graph. */
export type QueryMode = 'read' | 'write';

/** Options of {@link GraphAdapter.query}. */
export interface QueryOptions {
  /** `read` (default) must be refused by the engine if the statement writes. */
  readonly mode?: QueryMode;
  readonly timeoutMs?: number;
}

/** What an adapter's engine can do; core adapts queries to these, never to engine names. */
export interface AdapterCapabilities {
  /** Read-only queries are refused by the engine itself (read transaction, RO command). */
  readonly readOnlyQueries: boolean;
  /** Upserts go through a bulk path (COPY, UNWIND batches). */
  readonly bulkWrite: boolean;
  /** Preferred maximum rows per upsert call. */
  readonly maxBatchSize: number;
  /** Supports `shortestPath(...)` / `SHORTEST` path syntax. */
  readonly shortestPath: boolean;
  /** Supports variable-length patterns `-[*1..n]->`. */
  readonly variableLengthPaths: boolean;
  /** Supports `=~` regular expressions. */
  readonly regex: boolean;
  /** Stores data on the local disk of this process (one writer at a time). */
  readonly embedded: boolean;
  /** Supports nested maps as query parameters. */
  readonly mapParams: boolean;
  /**
   * Deferred fresh rows (`NodeWriteOptions` and `RelBatch` with `defer` and `fresh`) are held by
   * the adapter and inserted later in one go, so a caller may send them in small batches at
   * little cost (absent: false; each call then writes).
   */
  readonly holdsDeferred?: boolean;
}

/**
 * The small surface every graph engine implements. Batching, retries and query
 * helpers live in {@link GraphStore}; an adapter only translates.
 */
export interface GraphAdapter {
  readonly name: string;
  readonly capabilities: AdapterCapabilities;
  /** Opens the connection and checks the engine answers. Safe to call twice. */
  connect(): Promise<void>;
  /** Creates what the declared schema needs (tables, constraints, indexes); idempotent. */
  ensureSchema(schema: GraphSchema): Promise<void>;
  /** Inserts or updates nodes by key; properties absent from a row are left unchanged. */
  upsertNodes(decl: NodeDecl, rows: readonly NodeRow[], options?: NodeWriteOptions): Promise<void>;
  /** Inserts or updates relationships, unique per (type, from, to); missing end nodes are skipped. */
  upsertRelationships(decl: RelDecl, batch: RelBatch): Promise<void>;
  /** Detach-deletes the nodes in scope; returns how many were deleted. */
  deleteNodes(scope: DeleteScope): Promise<number>;
  /** Runs one parameterised Cypher statement. */
  query(cypher: string, params?: GraphParams, options?: QueryOptions): Promise<GraphRow[]>;
  /**
   * Inserts the nodes and relationships held back by `NodeWriteOptions.defer` and `RelBatch.defer`,
   * nodes first (absent: the adapter never holds any). With `types`, only the relationships of
   * those types go in (`[]`: nodes only), so that a writer can have what it has finished stored
   * while it still produces rows to hold.
   */
  flushDeferred?(types?: readonly string[]): Promise<void>;
  /** Releases every resource. Safe to call twice. */
  close(): Promise<void>;
}
