import { describe, expect, it } from 'vitest';
import { PairLedger, pairKeys } from './pair-ledger.js';

const pairs = (n: number, salt = '') =>
  Array.from({ length: n }, (_, i) => `f${salt}${i}\u0000t${(i * 7919) % n}`);
const id = (k: string) => k;

describe('PairLedger', () => {
  it('follows a type only after its table was counted empty', () => {
    const l = new PairLedger();
    expect(l.follows('T')).toBe(false);
    expect(l.split('T', ['a'], id)).toEqual({ fresh: [], maybe: ['a'] });
    l.counted('T', 3);
    expect(l.follows('T')).toBe(false);
    expect(l.worthCounting('T')).toBe(false);
    l.deleted();
    expect(l.worthCounting('T')).toBe(true);
    l.counted('T', 0);
    expect(l.follows('T')).toBe(true);
  });

  it('keys pairs lazily: only a followed type reads them', () => {
    const l = new PairLedger();
    let read = 0;
    const rows = Array.from({ length: 3 }, (_, i) => ({
      get from() {
        read++;
        return `a${i}`;
      },
      to: `b${i}`,
    }));
    l.add('T', pairKeys(rows));
    expect(read).toBe(0);
    l.counted('T', 0);
    l.add('T', pairKeys(rows));
    expect(read).toBe(3);
    expect(l.split('T', ['a1\u0000b1', 'a9\u0000b9'], id).maybe).toContain('a1\u0000b1');
  });

  it('never calls a recorded pair fresh, across growing layers', () => {
    const l = new PairLedger();
    l.counted('T', 0);
    const seen = pairs(300_000);
    l.add('T', seen);
    expect(l.split('T', seen, id).fresh).toEqual([]);
  });

  it('calls almost every unseen pair fresh (false positives well under 1%)', () => {
    const l = new PairLedger();
    l.counted('T', 0);
    l.add('T', pairs(300_000));
    const { maybe } = l.split('T', pairs(100_000, 'x'), id);
    expect(maybe.length).toBeLessThan(1000);
  });

  it('stops following a type whose writer vouches for its own pairs', () => {
    const l = new PairLedger();
    l.counted('T', 0);
    l.add('T', pairs(10));
    l.release('T');
    expect(l.follows('T')).toBe(false);
    expect(l.worthCounting('T')).toBe(false);
    expect(l.split('T', pairs(10, 'x'), id).fresh).toEqual([]);
  });

  it('forgets everything after a write it could not follow', () => {
    const l = new PairLedger();
    l.counted('T', 0);
    l.forgetAll();
    expect(l.follows('T')).toBe(false);
    expect(l.worthCounting('T')).toBe(true);
  });
});
