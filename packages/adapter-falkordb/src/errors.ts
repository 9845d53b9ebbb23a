import { CgcError, isCgcError } from '@cgc/core';

/** Where an error happened, for messages that tell the user what to check. */
export interface ErrorContext {
  readonly where: string;
  readonly graph: string;
  readonly what: string;
}

const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|socket|closed unexpectedly|offline|LOADING|connection/i;
const SYNTAX =
  /errMsg:|Invalid input|not defined|Unknown function|Unknown procedure|syntax error|Ambiguous|already declared/i;

/** Maps a redis or FalkorDB error to a CgcError with a code callers can branch on. */
export function mapFalkorError(err: unknown, ctx: ErrorContext): CgcError {
  if (isCgcError(err)) return err;
  const e = err as { message?: unknown; code?: unknown; name?: unknown; constructor?: { name?: string } };
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const kind = e.constructor?.name ?? '';
  const opts = (retriable = false) => ({ cause: err, retriable });

  if (/WRONGPASS|NOAUTH|invalid username-password|NOPERM|Authentication required/i.test(msg)) {
    return new CgcError(
      'DB_AUTH',
      `${ctx.where} refused the credentials (${ctx.what}): ${msg}. Check FALKORDB_PASSWORD (or the password in FALKORDB_URL).`,
      opts(),
    );
  }
  if (msg.includes('RO_QUERY is to be executed only on read-only queries')) {
    return new CgcError('READ_ONLY_VIOLATION', `read-only query tried to write (${ctx.what})`, opts());
  }
  if (msg.includes('Invalid graph operation on empty key')) {
    return new CgcError(
      'NOT_FOUND',
      `graph "${ctx.graph}" does not exist on ${ctx.where} (nothing was written to it yet); check FALKORDB_GRAPH`,
      opts(),
    );
  }
  if (msg.startsWith('WRONGTYPE')) {
    return new CgcError(
      'CONFIG_INVALID',
      `key "${ctx.graph}" on ${ctx.where} holds something other than a graph; choose another FALKORDB_GRAPH`,
      opts(),
    );
  }
  if (/timed out/i.test(msg) && !UNREACHABLE.test(kind)) {
    return new CgcError('DB_TIMEOUT', `${ctx.what} on ${ctx.where} timed out: ${msg}`, opts());
  }
  if (/Missing parameters/i.test(msg)) {
    return new CgcError('INVALID_INPUT', `${msg} (pass every $parameter the query names)`, opts());
  }
  if (/does not currently support|currently only supports|not supported/i.test(msg)) {
    return new CgcError('UNSUPPORTED', `FalkorDB cannot run this query: ${msg}`, opts());
  }
  if (
    kind === 'ClientClosedError' ||
    kind === 'ClientOfflineError' ||
    kind === 'SocketClosedUnexpectedlyError' ||
    kind === 'ConnectionTimeoutError' ||
    kind === 'SocketTimeoutError' ||
    (typeof e.code === 'string' && UNREACHABLE.test(e.code)) ||
    (kind !== 'SimpleError' && kind !== 'ErrorReply' && UNREACHABLE.test(msg))
  ) {
    return new CgcError(
      'DB_UNAVAILABLE',
      `cannot reach ${ctx.where} (${ctx.what}): ${msg}. Check that the server is running and FALKORDB_URL or FALKORDB_HOST/FALKORDB_PORT.`,
      opts(true),
    );
  }
  if (SYNTAX.test(msg)) return new CgcError('QUERY_SYNTAX', `invalid Cypher for FalkorDB: ${msg}`, opts());
  return new CgcError('QUERY_FAILED', `${ctx.what} on ${ctx.where} failed: ${msg}`, opts());
}
