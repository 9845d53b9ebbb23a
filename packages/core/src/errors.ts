/** Every error code cgc raises. Callers branch on `code`, never on `instanceof`. */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'INVALID_INPUT',
  'NOT_FOUND',
  'DB_UNAVAILABLE',
  'DB_AUTH',
  'DB_LOCKED',
  'DB_TIMEOUT',
  'QUERY_SYNTAX',
  'QUERY_FAILED',
  'READ_ONLY_VIOLATION',
  'SCHEMA_INVALID',
  'SCHEMA_UNDECLARED',
  'PLUGIN_LOAD_FAILED',
  'PLUGIN_TIMEOUT',
  'PLUGIN_INCOMPATIBLE',
  'PLUGIN_CONFLICT',
  'PARSE_FAILED',
  'INDEX_EMPTY',
  'WATCH_FAILED',
  'CANCELLED',
  'CLOSED',
  'UNSUPPORTED',
  'INTERNAL',
] as const;

/** A cgc error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const MARK = Symbol.for('cgc.error');

/** Options of a {@link CgcError}. */
export interface CgcErrorOptions {
  cause?: unknown;
  /** True when repeating the same operation later may succeed (connection lost, lock busy). */
  retriable?: boolean;
  /** Extra facts for logs and JSON output (never secrets). */
  details?: Record<string, unknown>;
}

/** The one error type of cgc: a code, a human message, an optional cause, and whether a retry may help. */
export class CgcError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly [MARK] = true;

  constructor(code: ErrorCode, message: string, options: CgcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CgcError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
  }

  /** A JSON-safe form without stack trace. */
  toJSON(): { code: ErrorCode; message: string; retriable: boolean; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** True when `err` is a cgc error (from any copy of core), optionally with one of the given codes. */
export function isCgcError(err: unknown, ...codes: ErrorCode[]): err is CgcError {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { [MARK]?: unknown; code?: unknown };
  if (e[MARK] !== true || typeof e.code !== 'string') return false;
  return codes.length === 0 || codes.includes(e.code as ErrorCode);
}

/** Wraps anything thrown into a CgcError, keeping cgc errors as they are. */
export function toCgcError(err: unknown, code: ErrorCode = 'INTERNAL', message?: string): CgcError {
  if (isCgcError(err)) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new CgcError(code, message ? `${message}: ${text}` : text, { cause: err });
}
