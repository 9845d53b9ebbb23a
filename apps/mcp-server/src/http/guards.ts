import { timingSafeEqual } from 'node:crypto';

/** A JSON-RPC error body for an HTTP-level refusal (no request id is known yet). */
export function rpcError(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
}

/** A JSON response with the right content type. */
export function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** True when `a` equals `b`, in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True when a bind address only accepts connections from this machine. */
export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

function hostnameOf(hostHeader: string): string {
  // `[::1]:8045` keeps its brackets; `localhost:8045` loses the port.
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1).toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** What the DNS-rebinding check accepts. */
export interface RebindingPolicy {
  /** Host names (without port) accepted besides the loopback names. */
  readonly allowedHosts: readonly string[];
  /** Origins accepted besides loopback ones (the configured CORS origin when not `*`). */
  readonly allowedOrigins: readonly string[];
}

/**
 * Why a request to a loopback-bound server must be refused, or undefined. A page on a
 * rebound DNS name arrives with a foreign Host; a cross-site fetch arrives with a foreign
 * Origin. Either would let a web page drive the local server.
 */
export function rebindingViolation(
  hostHeader: string | null,
  originHeader: string | null,
  policy: RebindingPolicy,
): string | undefined {
  if (!hostHeader) return 'missing Host header';
  const hostname = hostnameOf(hostHeader);
  if (!LOOPBACK_NAMES.has(hostname) && !policy.allowedHosts.includes(hostname)) {
    return `Host "${hostHeader}" is not allowed for a server bound to loopback`;
  }
  if (originHeader && originHeader !== 'null') {
    if (policy.allowedOrigins.includes(originHeader)) return undefined;
    let originHost: string;
    try {
      originHost = new URL(originHeader).hostname.toLowerCase();
    } catch {
      return `Origin "${originHeader}" is not a URL`;
    }
    if (!LOOPBACK_NAMES.has(originHost) && !LOOPBACK_NAMES.has(`[${originHost}]`)) {
      return `Origin "${originHeader}" is not allowed (set CGC_CORS_ORIGIN to allow a browser app)`;
    }
  }
  return undefined;
}

/** A request body read up to a byte limit. */
export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * Reads a request body, stopping as soon as it exceeds `limit` bytes, so an oversize
 * upload costs at most `limit` bytes of memory whatever Content-Length claims.
 */
export async function readBodyLimited(req: Request, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, tooLarge: true };
  if (!req.body) return { ok: true, text: '' };
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    parts.push(value);
  }
  return { ok: true, text: Buffer.concat(parts).toString('utf8') };
}
