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
  type QueryOptions,
  type RelBatch,
  type RelDecl,
} from '@cgc/core';
import { FalkorDB } from 'falkordb';
import { decodeReply, type NameTables, replyStats, StaleNames } from './compact-reply.js';
import { cypherLiteral, cypherWithParams, typedLiteral } from './cypher-literal.js';
import { type ErrorContext, mapFalkorError } from './errors.js';

/** Options of {@link createFalkorAdapter}. */
export interface FalkorAdapterOptions {
  /** `redis://[user:password@]host:port` or `falkor://...`; wins over host/port/password. */
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
  /** The graph (a Redis key) to use; default `cgc`. */
  readonly graph?: string;
  /** A ready client; the adapter then uses it and leaves closing it to the caller. */
  readonly client?: FalkorDB;
  /** Rows per UNWIND statement (default 5000). */
  readonly batchSize?: number;
  /** Milliseconds to wait for a connection (default 10000). */
  readonly connectTimeoutMs?: number;
}

// A RESP integer (`:`) type tag; mapped to String so 64-bit values are not rounded to doubles.
const RESP_NUMBER = 58;
const DELETE_CHUNK = 10_000;
// Beyond the server-side TIMEOUT, how long to wait for a server that stopped answering.
const CLIENT_GRACE_MS = 5_000;
const GRAPH_NAME = /^\S{1,512}$/;

type Connection = { sendCommand(args: string[], options?: unknown): Promise<unknown> };

/** Creates a {@link GraphAdapter} over a FalkorDB 4.x server. */
export function createFalkorAdapter(options: FalkorAdapterOptions = {}): GraphAdapter {
  return new FalkorAdapter(options);
}

class FalkorAdapter implements GraphAdapter {
  readonly name = 'falkordb';
  readonly capabilities: AdapterCapabilities;
  readonly #options: FalkorAdapterOptions;
  readonly #graph: string;
  readonly #where: string;
  #client: FalkorDB | undefined;
  #conn: Connection | undefined;
  #connecting: Promise<void> | undefined;
  #closed = false;
  #names: NameTables = { labels: [], relationshipTypes: [], propertyKeys: [] };
  #keys = new Map<string, string>();

  constructor(options: FalkorAdapterOptions) {
    this.#options = options;
    this.#graph = options.graph ?? 'cgc';
    if (!GRAPH_NAME.test(this.#graph)) {
      throw new CgcError('CONFIG_INVALID', `invalid FalkorDB graph name "${this.#graph}" (FALKORDB_GRAPH)`);
    }
    this.#where = `FalkorDB at ${options.url ? redactUrl(options.url) : `${options.host ?? 'localhost'}:${options.port ?? 6379}`}`;
    this.#client = options.client;
    this.capabilities = {
      readOnlyQueries: true,
      bulkWrite: true,
      maxBatchSize: Math.max(1, options.batchSize ?? 5000),
      // FalkorDB takes shortestPath() only inside WITH/RETURN, not as a MATCH pattern.
      shortestPath: false,
      variableLengthPaths: true,
      regex: false,
      embedded: false,
      mapParams: true,
    };
  }

  async connect(): Promise<void> {
    this.#assertOpen('connect');
    if (this.#conn) return;
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    await this.#connecting;
  }

  async ensureSchema(schema: GraphSchema): Promise<void> {
    for (const n of schema.nodes) {
      this.#keys.set(n.label, n.key);
      for (const p of new Set([n.key, ...(n.indexes ?? [])])) {
        try {
          await this.#command(
            'GRAPH.QUERY',
            `CREATE INDEX FOR (n:\`${n.label}\`) ON (n.\`${p}\`)`,
            'ensureSchema',
          );
        } catch (err) {
          // FalkorDB has no IF NOT EXISTS for indexes.
          if (!/already indexed/i.test((err as Error).message)) throw err;
        }
      }
    }
  }

  async upsertNodes(decl: NodeDecl, rows: readonly NodeRow[]): Promise<void> {
    if (rows.length === 0) return;
    this.#keys.set(decl.label, decl.key);
    const list = rows.map((row) => {
      const props: string[] = [];
      for (const [k, v] of Object.entries(row)) {
        if (v === undefined || k === decl.key) continue;
        props.push(`\`${k}\`:${typedLiteral(decl.properties[k], v, `${decl.label}.${k}`)}`);
      }
      return `{k:${cypherLiteral(row[decl.key] ?? null, `${decl.label}.${decl.key}`)},p:{${props.join(',')}}}`;
    });
    await this.#command(
      'GRAPH.QUERY',
      `CYPHER rows=[${list.join(',')}] UNWIND $rows AS r MERGE (n:\`${decl.label}\` {\`${decl.key}\`: r.k}) SET n += r.p`,
      `upsert ${decl.label}`,
    );
  }

  async upsertRelationships(decl: RelDecl, batch: RelBatch): Promise<void> {
    if (batch.rows.length === 0) return;
    const fromKey = this.#keys.get(batch.fromLabel) ?? 'id';
    const toKey = this.#keys.get(batch.toLabel) ?? 'id';
    const list = batch.rows.map((r) => {
      const props: string[] = [];
      for (const [k, v] of Object.entries(r.properties ?? {})) {
        if (v !== undefined)
          props.push(`\`${k}\`:${typedLiteral(decl.properties[k], v, `${decl.type}.${k}`)}`);
      }
      return `{f:${cypherLiteral(r.from, 'from')},t:${cypherLiteral(r.to, 'to')},p:{${props.join(',')}}}`;
    });
    // Declared defaults go on new relationships only; the row's own values are set after them.
    const defaults = Object.entries(decl.defaults ?? {}).map(
      ([k, v]) => `e.\`${k}\` = ${typedLiteral(decl.properties[k], v, `${decl.type}.${k}`)}`,
    );
    const onCreate = defaults.length > 0 ? ` ON CREATE SET ${defaults.join(', ')}` : '';
    await this.#command(
      'GRAPH.QUERY',
      `CYPHER rows=[${list.join(',')}] UNWIND $rows AS r ` +
        `MATCH (a:\`${batch.fromLabel}\` {\`${fromKey}\`: r.f}) MATCH (b:\`${batch.toLabel}\` {\`${toKey}\`: r.t}) ` +
        `MERGE (a)-[e:\`${decl.type}\`]->(b)${onCreate} SET e += r.p`,
      `upsert ${decl.type}`,
    );
  }

  async deleteNodes(scope: DeleteScope): Promise<number> {
    let total = 0;
    for (const label of scope.labels) {
      // Chunked: one huge delete would block the whole Redis server while it runs.
      for (;;) {
        const reply = await this.#command(
          'GRAPH.QUERY',
          cypherWithParams(
            `MATCH (n:\`${label}\`) WHERE n.\`${scope.property}\` = $value WITH n LIMIT ${DELETE_CHUNK} DETACH DELETE n`,
            { value: scope.value },
          ),
          `delete ${label}`,
        );
        const c = replyStats(reply)['Nodes deleted'] ?? 0;
        total += c;
        if (c < DELETE_CHUNK) break;
      }
    }
    return total;
  }

  async query(cypher: string, params: GraphParams = {}, options: QueryOptions = {}): Promise<GraphRow[]> {
    if (typeof cypher !== 'string' || cypher.trim() === '') {
      throw new CgcError('INVALID_INPUT', 'query text is empty');
    }
    const text = cypherWithParams(cypher, params);
    const cmd = (options.mode ?? 'read') === 'read' ? 'GRAPH.RO_QUERY' : 'GRAPH.QUERY';
    const reply = await this.#command(cmd, text, 'query', options.timeoutMs);
    try {
      return decodeReply(reply, this.#names);
    } catch (err) {
      if (!(err instanceof StaleNames)) throw err;
      // The query created labels or keys this adapter has not seen: fetch the tables once more.
      await this.#refreshNames();
      return decodeReply(reply, this.#names);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#connecting?.catch(() => undefined);
    const client = this.#client;
    this.#client = undefined;
    this.#conn = undefined;
    if (client && !this.#options.client) await client.close().catch(() => undefined);
  }

  async #open(): Promise<void> {
    try {
      if (!this.#client) {
        const o = this.#options;
        this.#client = await FalkorDB.connect({
          ...(o.url
            ? { url: o.url }
            : { socket: { host: o.host ?? 'localhost', port: o.port ?? 6379 } as never }),
          ...(o.username !== undefined ? { username: o.username } : {}),
          ...(o.password !== undefined ? { password: o.password } : {}),
          // Fail fast while the server is away instead of queueing commands forever;
          // GraphStore retries the retriable error with backoff.
          disableOfflineQueue: true,
          socket: {
            ...(o.url ? {} : { host: o.host ?? 'localhost', port: o.port ?? 6379 }),
            connectTimeout: o.connectTimeoutMs ?? 10_000,
            // Only after a first connection (a failed connect() does not retry): keep trying so
            // that a long-lived adapter works again once the server is back.
            reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
          },
        } as never);
        // Without a listener an 'error' event would crash the process; errors reach callers as rejections.
        this.#client.on('error', () => undefined);
      }
      this.#conn = (await this.#client.connection) as unknown as Connection;
      await this.#conn.sendCommand(['PING']);
    } catch (err) {
      const client = this.#client;
      if (client && !this.#options.client) {
        this.#client = undefined;
        await client.close().catch(() => undefined);
      }
      this.#conn = undefined;
      throw mapFalkorError(err, this.#ctx('connect'));
    }
  }

  async #command(cmd: string, text: string, what: string, timeoutMs?: number): Promise<unknown> {
    this.#assertOpen(what);
    if (!this.#conn) await this.connect();
    const args = [cmd, this.#graph, text];
    if (timeoutMs !== undefined) args.push('TIMEOUT', String(Math.max(1, Math.round(timeoutMs))));
    args.push('--compact');
    try {
      const work = this.#conn!.sendCommand(args, { typeMapping: { [RESP_NUMBER]: String } });
      return await (timeoutMs === undefined
        ? work
        : withDeadline(work, timeoutMs + CLIENT_GRACE_MS, what, this.#where));
    } catch (err) {
      if (this.#closed) throw new CgcError('CLOSED', `falkordb adapter is closed (${what})`, { cause: err });
      throw mapFalkorError(err, this.#ctx(what));
    }
  }

  async #refreshNames(): Promise<void> {
    const list = async (proc: string) =>
      decodeReply(
        await this.#command('GRAPH.RO_QUERY', `CALL ${proc}()`, 'read schema names'),
        this.#names,
      ).map((r) => String(Object.values(r)[0]));
    this.#names = {
      labels: await list('db.labels'),
      relationshipTypes: await list('db.relationshipTypes'),
      propertyKeys: await list('db.propertyKeys'),
    };
  }

  #assertOpen(what: string): void {
    if (this.#closed) throw new CgcError('CLOSED', `falkordb adapter is closed (${what})`);
  }

  #ctx(what: string): ErrorContext {
    return { where: this.#where, graph: this.#graph, what };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string, where: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CgcError('DB_TIMEOUT', `${what} on ${where} got no answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
