import { describe, expect, it } from 'vitest';
import { CgcError, isCgcError, toCgcError } from './errors.js';

describe('CgcError', () => {
  it('carries code, cause and retriable', () => {
    const cause = new Error('socket closed');
    const e = new CgcError('DB_UNAVAILABLE', 'database down', { cause, retriable: true });
    expect(e.code).toBe('DB_UNAVAILABLE');
    expect(e.cause).toBe(cause);
    expect(e.retriable).toBe(true);
    expect(JSON.stringify(e)).not.toContain('stack');
  });

  it('is recognised by code across copies of core, not by instanceof', () => {
    const foreign = Object.assign(new Error('x'), { code: 'NOT_FOUND', [Symbol.for('cgc.error')]: true });
    expect(isCgcError(foreign)).toBe(true);
    expect(isCgcError(foreign, 'NOT_FOUND')).toBe(true);
    expect(isCgcError(foreign, 'DB_AUTH')).toBe(false);
    expect(isCgcError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isCgcError(null)).toBe(false);
  });

  it('wraps foreign errors and keeps cgc ones', () => {
    const own = new CgcError('NOT_FOUND', 'nope');
    expect(toCgcError(own)).toBe(own);
    const wrapped = toCgcError(new TypeError('bad'), 'QUERY_FAILED', 'while reading');
    expect(wrapped.code).toBe('QUERY_FAILED');
    expect(wrapped.message).toBe('while reading: bad');
  });
});
