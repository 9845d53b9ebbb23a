import {
  type AdapterCapabilities,
  CgcError,
  type DeleteScope,
  type GraphAdapter,
  type GraphParam,
  type GraphParams,
  type GraphRow,
  type GraphSchema,
  type NodeDecl,
  type NodeRow,
  type PropertyType,
  type QueryOptions,
  type RelBatch,
  type RelDecl,
} from '@cgc/core';
import neo4j, { type Config, type Driver } from 'neo4j-driver';
import { type ErrorContext, mapNeo4jError } from './errors.js';
import { q, schemaStatements } from './schema-statements.js';
import { fromNeo4j, toNeo4jFloat, toNeo4jParam } from './values.js';

/** Options of {@link createNeo4jAdapter}. */
export interface Neo4jAdapterOptions {
  /** Bolt or neo4j URI, e.g. `bolt://localhost:7687`. */
  readonly uri?: string;
  readonly username?: string;
  readonly password?: string;
  /** Database name; the server's default database when absent. */
  readonly database?: string;
  /** A ready driver; the adapter then uses it and leaves closing it to the caller. */
  readonly driver?: Driver;
  /** Extra driver settings (timeouts, pool size) for a driver the adapter creates. */
  readonly driverConfig?: Config;
  /** Rows per UNWIND statement (default 5000). */
  readonly batchSize?: number;
}

const DELETE_CHUNK = 10_000;
// Beyond the server-side transaction timeout, how long to wait for a server that stopped answering.
const CLIENT_GRACE_MS = 5_000;

/** Creates a {@link GraphAdapter} over a Neo4j 5.26+ or 2025.x server. */
export function createNeo4jAdapter(options: Neo4jAdapterOptions = {}): GraphAdapter {
  return new Neo4jAdapter(options);
}

class Neo4jAdapter implements GraphAdapter {
  readonly name = 'neo4j';
  readonly capabilities: AdapterCapabilities;
  readonly #options: Neo4jAdapterOptions;
  readonly #uri: string;
  #driver: Driver | undefined;
  #connected = false;
  #closed = false;
  #keys = new Map<string, string>();

  constructor(options: Neo4jAdapterOptions) {
    this.#options = options;
    this.#uri = options.uri ?? 'bolt://localhost:7687';
    this.#driver = options.driver;
    this.capabilities = {
      readOnlyQueries: true,
      bulkWrite: true,
      maxBatchSize: Math.max(1, options.batchSize ?? 5000),
      shortestPath: true,
      variableLengthPaths: true,
      regex: true,
      embedded: false,
      mapParams: true,
    };
  }

  async connect(): Promise<void> {
    this.#assertOpen('connect');
    if (this.#connected) return;
    const driver = this.#getDriver();
    try {
      await driver.verifyConnectivity();
    } catch (err) {
      throw mapNeo4jError(err, this.#ctx('connect'));
    }
    // verifyConnectivity does not touch the database: a query does, and reports an unknown name.
    await this.#run('RETURN 1', {}, 'read', 'connect');
    this.#connected = true;
  }

  async ensureSchema(schema: GraphSchema): Promise<void> {
    for (const n of schema.nodes) this.#keys.set(n.label, n.key);
    for (const statement of schemaStatements(schema)) await this.#run(statement, {}, 'write', 'ensureSchema');
    await this.#run('CALL db.awaitIndexes(300)', {}, 'read', 'ensureSchema');
  }

  async upsertNodes(decl: NodeDecl, rows: readonly NodeRow[]): Promise<void> {
    if (rows.length === 0) return;
    this.#keys.set(decl.label, decl.key);
    const params = rows.map((row) => {
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) {
        if (v === undefined || k === decl.key) continue;
        props[k] = typed(decl.properties[k], v, `${decl.label}.${k}`);
      }
      return { key: row[decl.key], props };
    });
    await this.#run(
      `UNWIND $rows AS r MERGE (n:${q(decl.label)} {${q(decl.key)}: r.key}) SET n += r.props`,
      { rows: params },
      'write',
      `upsert ${decl.label}`,
    );
  }

  async upsertRelationships(decl: RelDecl, batch: RelBatch): Promise<void> {
    if (batch.rows.length === 0) return;
    const fromKey = this.#keys.get(batch.fromLabel) ?? 'id';
    const toKey = this.#keys.get(batch.toLabel) ?? 'id';
    const rows = batch.rows.map((r) => {
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.properties ?? {})) {
        if (v !== undefined) props[k] = typed(decl.properties[k], v, `${decl.type}.${k}`);
      }
      return { from: r.from, to: r.to, props };
    });
    // Declared defaults go on new relationships only; the row's own values are set after them.
    const defaults: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(decl.defaults ?? {}))
      defaults[k] = typed(decl.properties[k], v, `${decl.type}.${k}`);
    const onCreate = decl.defaults ? ' ON CREATE SET e += $defaults' : '';
    await this.#run(
      `UNWIND $rows AS r MATCH (a:${q(batch.fromLabel)} {${q(fromKey)}: r.from}) ` +
        `MATCH (b:${q(batch.toLabel)} {${q(toKey)}: r.to}) ` +
        `MERGE (a)-[e:${q(decl.type)}]->(b)${onCreate} SET e += r.props`,
      { rows, defaults },
      'write',
      `upsert ${decl.type}`,
    );
  }

  async deleteNodes(scope: DeleteScope): Promise<number> {
    let total = 0;
    for (const label of scope.labels) {
      // Chunked so that deleting a large repository never needs one huge transaction;
      // an interrupted delete leaves a smaller scope that the next run finishes.
      for (;;) {
        const rows = await this.#run(
          `MATCH (n:${q(label)}) WHERE n.${q(scope.property)} = $value WITH n LIMIT ${DELETE_CHUNK} ` +
            'DETACH DELETE n RETURN count(*) AS c',
          { value: scope.value },
          'write',
          `delete ${label}`,
        );
        const c = Number(rows[0]?.c ?? 0);
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
    const converted: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) converted[k] = toNeo4jParam(v, `$${k}`);
    return this.#run(cypher, converted, options.mode ?? 'read', 'query', options.timeoutMs);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const driver = this.#driver;
    this.#driver = undefined;
    if (driver && !this.#options.driver) await driver.close();
  }

  async #run(
    cypher: string,
    params: Record<string, unknown>,
    mode: 'read' | 'write',
    what: string,
    timeoutMs?: number,
  ): Promise<GraphRow[]> {
    this.#assertOpen(what);
    const session = this.#getDriver().session({
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.#options.database ? { database: this.#options.database } : {}),
    });
    try {
      const work = session.run(cypher, params, timeoutMs ? { timeout: timeoutMs } : undefined);
      const result = await (timeoutMs
        ? withDeadline(work, timeoutMs + CLIENT_GRACE_MS, what, this.#uri)
        : work);
      return result.records.map((rec) => {
        const row: GraphRow = {};
        for (const k of rec.keys) row[String(k)] = fromNeo4j(rec.get(k));
        return row;
      });
    } catch (err) {
      throw mapNeo4jError(err, this.#ctx(what));
    } finally {
      // A hung server must not hang the caller on close; the driver reclaims the connection later.
      void session.close().catch(() => undefined);
    }
  }

  #getDriver(): Driver {
    if (!this.#driver) {
      const { username = 'neo4j', password } = this.#options;
      const auth =
        password === undefined ? neo4j.auth.basic(username, '') : neo4j.auth.basic(username, password);
      try {
        this.#driver = neo4j.driver(this.#uri, auth, {
          useBigInt: true,
          connectionTimeout: 10_000,
          maxTransactionRetryTime: 0,
          ...this.#options.driverConfig,
        });
      } catch (err) {
        throw new CgcError('CONFIG_INVALID', `invalid Neo4j URI "${this.#uri}": ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    return this.#driver;
  }

  #assertOpen(what: string): void {
    if (this.#closed) throw new CgcError('CLOSED', `neo4j adapter is closed (${what})`);
  }

  #ctx(what: string): ErrorContext {
    return {
      uri: this.#uri,
      database: this.#options.database,
      what,
      passwordSet: this.#options.password !== undefined || this.#options.driver !== undefined,
    };
  }
}

function typed(type: PropertyType | undefined, v: GraphParam, path: string): unknown {
  if (type === 'float' || type === 'float[]') return toNeo4jFloat(v, path);
  if (type === 'int' || type === 'int[]') {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'number' && !Number.isInteger(x)) {
        throw new CgcError('INVALID_INPUT', `${path}: ${x} is not an integer`);
      }
    }
    return toNeo4jParam(asBigIntegers(v), path);
  }
  return toNeo4jParam(v, path);
}

// Unsafe-range integral numbers (e.g. 2**60) are still meant as integers for an int property.
function asBigIntegers(v: GraphParam): GraphParam {
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map((x) => asBigIntegers(x as GraphParam));
  return v;
}

function withDeadline<T>(work: PromiseLike<T>, ms: number, what: string, uri: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CgcError('DB_TIMEOUT', `${what} on Neo4j at ${uri} got no answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
