import { CgcError, type ErrorCode, isCgcError } from '@cgc/core';

const SYNTAX = [
  /^Parser exception/i,
  /^Binder exception/i,
  /^Catalog exception: function .* does not exist/i,
  /prepare multiple statements/i,
];

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether Kuzu failed for want of buffer pool: the same statement fails again with the same pool. */
export function outOfBufferPool(err: unknown): boolean {
  return /buffer pool is full/i.test(messageOf(err));
}

/** The code a Kuzu error message stands for. */
export function kuzuErrorCode(message: string): ErrorCode {
  if (/could not set lock on file/i.test(message)) return 'DB_LOCKED';
  if (/read-only (transaction|database)/i.test(message)) return 'READ_ONLY_VIOLATION';
  if (/^interrupted/i.test(message.trim())) return 'DB_TIMEOUT';
  if (SYNTAX.some((re) => re.test(message.trim()))) return 'QUERY_SYNTAX';
  return 'QUERY_FAILED';
}

/**
 * Wraps a Kuzu failure into a CgcError with a code callers can branch on. `bufferPool` (bytes) is
 * named when Kuzu ran out of it: a COPY needs room for the whole batch it inserts (a first index
 * inserts each table in one COPY), and the fix is a larger pool.
 */
export function mapKuzuError(err: unknown, what: string, dbPath: string, bufferPool?: number): CgcError {
  if (isCgcError(err)) return err;
  const message = messageOf(err).split('\nSee the docs')[0]!.trim();
  const code = kuzuErrorCode(message);
  if (outOfBufferPool(message)) {
    const mb = bufferPool === undefined ? undefined : Math.round(bufferPool / 1024 / 1024);
    return new CgcError(
      code,
      `kuzu: ${what} needs more memory than the database's buffer pool${mb === undefined ? '' : ` (${mb} MB)`} holds: raise database.kuzu.bufferPoolMb (env CGC_KUZU_BUFFER_POOL_MB) and run it again; a first index of a large repository inserts each table in one go (${message})`,
      {
        cause: err,
        retriable: false,
        details: { path: dbPath, ...(mb === undefined ? {} : { bufferPoolMb: mb }) },
      },
    );
  }
  switch (code) {
    case 'DB_LOCKED':
      return new CgcError(
        'DB_LOCKED',
        `the Kuzu database at ${dbPath} is locked by another process: another cgc process (for example \`cgc serve\`) holds it; stop that process or send the work to it`,
        { cause: err, retriable: true, details: { path: dbPath } },
      );
    case 'DB_TIMEOUT':
      return new CgcError('DB_TIMEOUT', `kuzu: ${what} timed out`, { cause: err, retriable: false });
    case 'READ_ONLY_VIOLATION':
      return new CgcError('READ_ONLY_VIOLATION', `kuzu: ${what} refused: ${message}`, { cause: err });
    default:
      // A checkpoint that waited too long for concurrent readers fails the write; upserts are
      // idempotent, so the store may simply repeat it.
      return new CgcError(code, `kuzu: ${what} failed: ${message}`, {
        cause: err,
        retriable: /waiting for active transactions to leave the system/i.test(message),
      });
  }
}
