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

/** The code a Kuzu error message stands for. */
export function kuzuErrorCode(message: string): ErrorCode {
  if (/could not set lock on file/i.test(message)) return 'DB_LOCKED';
  if (/read-only (transaction|database)/i.test(message)) return 'READ_ONLY_VIOLATION';
  if (/^interrupted/i.test(message.trim())) return 'DB_TIMEOUT';
  if (SYNTAX.some((re) => re.test(message.trim()))) return 'QUERY_SYNTAX';
  return 'QUERY_FAILED';
}

/** Wraps a Kuzu failure into a CgcError with a code callers can branch on. */
export function mapKuzuError(err: unknown, what: string, dbPath: string): CgcError {
  if (isCgcError(err)) return err;
  const message = messageOf(err).split('\nSee the docs')[0]!.trim();
  const code = kuzuErrorCode(message);
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
