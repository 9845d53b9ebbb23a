import {
  type AdapterCapabilities,
  CgcError,
  type DeleteScope,
  type ErrorCode,
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
import { decodeGraphJson, encodeGraphJson, GRAPH_RPC_HEADER, GRAPH_RPC_PATH } from './graph-rpc.js';

/** Where a running `cgc serve` answers graph calls. */
export interface RemoteGraphOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8045`. */
  readonly url: string;
  /** The internal token from the endpoint file. */
  readonly token: string;
  /** Per-call timeout (default 10 minutes: bulk writes of a large index take a while). */
  readonly timeoutMs?: number;
}

type Reply =
  | { ok: true; value: unknown }
  | {
      ok: false;
      error: { code: ErrorCode; message: string; retriable?: boolean; details?: Record<string, unknown> };
    };

async function call(
  options: RemoteGraphOptions,
  op: string,
  args: unknown[],
  timeoutMs: number,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${options.url}${GRAPH_RPC_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GRAPH_RPC_HEADER]: options.token },
      body: encodeGraphJson({ op, args }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new CgcError(
      'DB_UNAVAILABLE',
      `the cgc server at ${options.url} did not answer (${(err as Error).message})`,
      {
        cause: err,
        retriable: true,
      },
    );
  }
  const text = await res.text();
  let reply: Reply;
  try {
    reply = decodeGraphJson(text) as Reply;
  } catch {
    throw new CgcError(
      'DB_UNAVAILABLE',
      `the cgc server at ${options.url} answered HTTP ${res.status} without a graph reply`,
    );
  }
  if (!reply.ok) {
    const e = reply.error;
    throw new CgcError(e.code, e.message, {
      retriable: e.retriable ?? false,
      ...(e.details ? { details: e.details } : {}),
    });
  }
  return reply.value;
}

/**
 * A graph adapter that forwards every call to the adapter of a running `cgc serve`, which
 * owns the embedded database. Commands and plugins work unchanged through it.
 */
export async function createRemoteAdapter(options: RemoteGraphOptions): Promise<GraphAdapter> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const info = (await call(options, 'info', [], Math.min(timeoutMs, 5000))) as {
    name: string;
    capabilities: AdapterCapabilities;
  };
  let closed = false;
  const rpc = (op: string, ...args: unknown[]) => {
    if (closed) return Promise.reject(new CgcError('CLOSED', `the remote graph adapter is closed (${op})`));
    return call(options, op, args, timeoutMs);
  };
  return {
    name: `${info.name} (via cgc serve at ${options.url})`,
    capabilities: info.capabilities,
    connect: async () => undefined,
    ensureSchema: async (schema: GraphSchema) => void (await rpc('ensureSchema', schema)),
    upsertNodes: async (decl: NodeDecl, rows: readonly NodeRow[]) =>
      void (await rpc('upsertNodes', decl, rows)),
    upsertRelationships: async (decl: RelDecl, batch: RelBatch) =>
      void (await rpc('upsertRelationships', decl, batch)),
    deleteNodes: async (scope: DeleteScope) => Number(await rpc('deleteNodes', scope)),
    query: async (cypher: string, params?: GraphParams, queryOptions?: QueryOptions) =>
      (await rpc('query', cypher, params ?? {}, queryOptions ?? {})) as GraphRow[],
    // The server keeps its database open; only this handle stops working.
    close: async () => {
      closed = true;
    },
  };
}
