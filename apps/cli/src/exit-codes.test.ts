import { CgcError, ERROR_CODES } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { describeFailure, EXIT, exitCodeFor } from './exit-codes.js';

describe('exit codes', () => {
  it('maps every error code to a documented exit code', () => {
    const documented = new Set<number>(Object.values(EXIT));
    for (const code of ERROR_CODES) expect(documented.has(exitCodeFor(code)), code).toBe(true);
    expect(exitCodeFor('CONFIG_INVALID')).toBe(2);
    expect(exitCodeFor('DB_LOCKED')).toBe(3);
    expect(exitCodeFor('NOT_FOUND')).toBe(4);
    expect(exitCodeFor('QUERY_FAILED')).toBe(1);
    expect(exitCodeFor('INTERNAL')).toBe(70);
  });

  it('says one line with the code, and the stack only in debug', () => {
    const err = new CgcError('DB_LOCKED', 'database is locked\nby pid 42', { retriable: true });
    const plain = describeFailure(err, false);
    expect(plain).toEqual({
      line: 'cgc: database is locked by pid 42 [DB_LOCKED] (this may succeed if you try again)',
      exitCode: 3,
    });
    expect(describeFailure(err, true).stack).toMatch(/\n\s+at /);
  });

  it('treats anything without a code as a bug to report', () => {
    const f = describeFailure(new TypeError('x is undefined'), false);
    expect(f.exitCode).toBe(70);
    expect(f.line).toMatch(/^cgc: internal error: x is undefined\. This is a bug; please report it/);
  });
});
