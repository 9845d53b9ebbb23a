import { CgcError, type Engine, isCgcError, toCgcError } from '@cgc/core';
import type { Hono } from 'hono';
import { jsonResponse, readBodyLimited, sameSecret } from './guards.js';

/** Path of the internal graph endpoint `cgc serve` offers to other `cgc` processes. */
export const GRAPH_RPC_PATH = '/internal/graph';
/** Header carrying the internal token (from the endpoint file, never the MCP token). */
export const GRAPH_RPC_HEADER = 'x-cgc-internal-token';

/** Adapter operations callable over the internal endpoint. */
export const GRAPH_OPS = [
  'info',
  'ensureSchema',
  'upsertNodes',
  'upsertRelationships',
  'deleteNodes',
  'query',
] as const;
type GraphOp = (typeof GRAPH_OPS)[number];

/** JSON with bigints and dates kept: `{"$bigint":"…"}`, `{"$date":"…"}`. */
export function encodeGraphJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    if (raw instanceof Date) return { $date: raw.toISOString() };
    return v;
  });
}

/** The inverse of {@link encodeGraphJson}. */
export function decodeGraphJson(text: string): unknown {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && typeof v.$bigint === 'string') return BigInt(v.$bigint);
      if (keys.length === 1 && typeof v.$date === 'string') return new Date(v.$date);
    }
    return v;
  });
}

async function dispatch(engine: Engine, op: GraphOp, args: unknown[]): Promise<unknown> {
  const store = await engine.store();
  const a = store.adapter as unknown as Record<string, (...xs: unknown[]) => Promise<unknown>>;
  if (op === 'info') return { name: store.adapter.name, capabilities: store.adapter.capabilities };
  return a[op]!.apply(store.adapter, args);
}

/**
 * Mounts the internal graph endpoint: the adapter of the store this server owns, one call
 * per request, so that other `cgc` processes can read and write an embedded database
 * that only one process may open. Guarded by its own token from the endpoint file.
 */
export function mountGraphRpc(
  app: Hono,
  engine: Engine,
  token: string,
  maxBodyBytes = 256 * 1024 * 1024,
): void {
  app.post(GRAPH_RPC_PATH, async (c) => {
    const given = c.req.header(GRAPH_RPC_HEADER);
    if (!given || !sameSecret(given, token)) {
      return jsonResponse(
        401,
        encodeGraphJson({
          ok: false,
          error: { code: 'DB_AUTH', message: 'wrong or missing internal token' },
        }),
      );
    }
    try {
      const body = await readBodyLimited(c.req.raw, maxBodyBytes);
      if (!body.ok) throw new CgcError('INVALID_INPUT', `internal request larger than ${maxBodyBytes} bytes`);
      let msg: { op?: unknown; args?: unknown };
      try {
        msg = decodeGraphJson(body.text) as { op?: unknown; args?: unknown };
      } catch {
        throw new CgcError('INVALID_INPUT', 'internal request is not valid JSON');
      }
      if (!GRAPH_OPS.includes(msg.op as GraphOp) || !Array.isArray(msg.args ?? [])) {
        throw new CgcError('INVALID_INPUT', `unknown internal operation ${String(msg.op)}`);
      }
      const value = await dispatch(engine, msg.op as GraphOp, (msg.args as unknown[] | undefined) ?? []);
      return jsonResponse(200, encodeGraphJson({ ok: true, value: value ?? null }));
    } catch (err) {
      const e = isCgcError(err) ? err : toCgcError(err, 'QUERY_FAILED');
      const error = {
        code: e.code,
        message: e.message,
        retriable: e.retriable,
        ...(e.details ? { details: e.details } : {}),
      };
      return jsonResponse(200, encodeGraphJson({ ok: false, error }));
    }
  });
}
