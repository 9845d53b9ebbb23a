import { CgcError, isCgcError } from '@cgc/core';

/** Where an error happened, for messages that tell the user what to check. */
export interface ErrorContext {
  readonly uri: string;
  readonly database: string | undefined;
  readonly what: string;
  readonly passwordSet: boolean;
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.TransactionTimedOut',
]);

/** Maps a driver or server error to a CgcError with a code callers can branch on. */
export function mapNeo4jError(err: unknown, ctx: ErrorContext): CgcError {
  if (isCgcError(err)) return err;
  const e = err as { code?: unknown; message?: unknown; retriable?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const opts = (retriable = false) => ({ cause: err, retriable, details: { neo4jCode: code } });
  const where = `Neo4j at ${ctx.uri}`;

  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return new CgcError(
      'DB_UNAVAILABLE',
      `cannot reach ${where} (${ctx.what}): ${firstSentence(msg)} Check that the server is running and that NEO4J_URI is right.`,
      opts(true),
    );
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    const hint = ctx.passwordSet ? 'check NEO4J_USERNAME and NEO4J_PASSWORD' : 'NEO4J_PASSWORD is not set';
    return new CgcError(
      'DB_AUTH',
      `${where} refused the credentials (${ctx.what}): ${firstSentence(msg)} ${hint}.`,
      opts(),
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new CgcError(
      'NOT_FOUND',
      `database "${ctx.database ?? '(default)'}" does not exist on ${where}; check NEO4J_DATABASE (Community Edition has only "neo4j").`,
      opts(),
    );
  }
  if (code === 'Neo.ClientError.Statement.AccessMode') {
    return new CgcError(
      'READ_ONLY_VIOLATION',
      `read-only query tried to write: ${firstSentence(msg)}`,
      opts(),
    );
  }
  if (code === 'Neo.ClientError.Statement.SyntaxError') {
    return new CgcError('QUERY_SYNTAX', `invalid Cypher: ${msg}`, opts());
  }
  if (code === 'Neo.ClientError.Statement.ParameterMissing') {
    return new CgcError('INVALID_INPUT', `${msg} (pass every $parameter the query names)`, opts());
  }
  if (TIMEOUT_CODES.has(code) || code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new CgcError('DB_TIMEOUT', `${ctx.what} on ${where} timed out: ${firstSentence(msg)}`, opts());
  }
  if (
    code === 'Neo.TransientError.Transaction.DeadlockDetected' ||
    code.endsWith('.LockAcquisitionTimeout')
  ) {
    return new CgcError(
      'DB_LOCKED',
      `${ctx.what} on ${where} hit a lock conflict: ${firstSentence(msg)}`,
      opts(true),
    );
  }
  if (code.startsWith('Neo.TransientError.') || e.retriable === true) {
    return new CgcError(
      'DB_UNAVAILABLE',
      `${ctx.what} on ${where} failed transiently: ${firstSentence(msg)}`,
      opts(true),
    );
  }
  return new CgcError('QUERY_FAILED', `${ctx.what} on ${where} failed: ${msg}`, opts());
}

// Driver messages run to several sentences of generic advice; the first says what happened.
function firstSentence(msg: string): string {
  const m = /^[\s\S]*?[.!?](\s|$)/.exec(msg);
  return (m ? m[0] : msg).trim();
}
