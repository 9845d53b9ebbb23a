import { type ErrorCode, isCgcError } from '@cgc/core';

/** Exit codes of `cgc`; docs/cli.md documents this table. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  database: 3,
  notFound: 4,
  internal: 70,
  interrupted: 130,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  CONFIG_INVALID: EXIT.usage,
  INVALID_INPUT: EXIT.usage,
  QUERY_SYNTAX: EXIT.usage,
  READ_ONLY_VIOLATION: EXIT.usage,
  SCHEMA_UNDECLARED: EXIT.usage,
  UNSUPPORTED: EXIT.usage,
  DB_UNAVAILABLE: EXIT.database,
  DB_AUTH: EXIT.database,
  DB_LOCKED: EXIT.database,
  DB_TIMEOUT: EXIT.database,
  NOT_FOUND: EXIT.notFound,
  CANCELLED: EXIT.interrupted,
  INTERNAL: EXIT.internal,
};

/** The exit code for an error code (1 for codes without their own). */
export function exitCodeFor(code: ErrorCode): number {
  return BY_CODE[code] ?? EXIT.failure;
}

/**
 * One line for stderr and the exit code for anything thrown. Errors without a cgc
 * code are bugs: they say so and ask for a report. The stack only with `--debug`.
 */
export function describeFailure(
  err: unknown,
  debug: boolean,
): { line: string; exitCode: number; stack?: string } {
  const stack = debug && err instanceof Error ? err.stack : undefined;
  if (isCgcError(err)) {
    const hint = err.retriable ? ' (this may succeed if you try again)' : '';
    const line =
      err.code === 'INTERNAL'
        ? `cgc: internal error: ${oneLine(err.message)}. This is a bug; please report it with the output of --debug.`
        : `cgc: ${oneLine(err.message)} [${err.code}]${hint}`;
    return { line, exitCode: exitCodeFor(err.code), ...(stack ? { stack } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    line: `cgc: internal error: ${oneLine(message)}. This is a bug; please report it with the output of --debug.`,
    exitCode: EXIT.internal,
    ...(stack ? { stack } : {}),
  };
}

/** Collapses a message to one line. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
