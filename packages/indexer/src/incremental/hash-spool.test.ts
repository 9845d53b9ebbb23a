import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashSpool, inMemory, SpooledHashes } from './hash-spool.js';
import { packHashes, unpackHashes } from './row-set.js';

const dir = mkdtempSync(join(tmpdir(), 'cgc-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the link hash spool', () => {
  it('gives back each range as it was put, and leaves no file behind', () => {
    const spool = new HashSpool(dir);
    const packs = Array.from({ length: 300 }, (_, i) =>
      packHashes(
        new Map(
          Array.from({ length: i % 7 }, (_, j) => [`r\u0000CALLS\u0000fn:${i}\u0000fn:${j}é`, `h${i}x${j}`]),
        ),
      ),
    );
    const spooled = packs.map((p) => spool.put(p));
    expect(readdirSync(dir)).toEqual([]);
    // Read out of order: each range is its own.
    for (const i of [299, 0, 150, 1, 298]) {
      expect(spooled[i]).toBeInstanceOf(SpooledHashes);
      expect(inMemory(spooled[i])).toEqual(packs[i]);
      expect(unpackHashes(inMemory(spooled[i]))).toEqual(unpackHashes(packs[i]));
    }
    expect(inMemory(packs[3])).toBe(packs[3]);
    expect(inMemory(undefined)).toBeUndefined();
  });
});
