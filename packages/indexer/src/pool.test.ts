import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type WorkerPoolOptions, workerPool } from './pool.js';

const dir = mkdtempSync(join(tmpdir(), 'cgc-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(names: string[]) {
  mkdirSync(dir, { recursive: true });
  return names.map((rel, i) => {
    writeFileSync(join(dir, rel), `export function f${i}(): number {\n  return ${i};\n}\n`);
    return { abs: join(dir, rel), rel, lang: 'typescript', storeSource: false };
  });
}

// Every file parses, without a warning, on one worker started under `fault`.
async function expectAllParsed(names: string[], fault: string, options: WorkerPoolOptions) {
  const tasks = files(names);
  process.env.CGC_TEST_PARSE_FAULTS = fault;
  const pool = workerPool(1, options);
  delete process.env.CGC_TEST_PARSE_FAULTS;
  try {
    const results = await Promise.all(tasks.map((t) => pool.parse(t)));
    for (const r of results) {
      expect(r.warnings).toEqual([]);
      expect(r.ir?.functions).toHaveLength(1);
    }
  } finally {
    await pool.close();
  }
}

describe('workerPool', () => {
  it('skips a file that overruns the time budget or crashes its worker, and parses the rest', async () => {
    const tasks = files(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts', 'g.ts']);
    // Read by the workers when they start (they copy the environment).
    process.env.CGC_TEST_PARSE_FAULTS = 'stall:b.ts,exit:e.ts';
    const pool = workerPool(2, { fileTimeoutMs: 3000 });
    delete process.env.CGC_TEST_PARSE_FAULTS;
    // (A replacement worker's start, slow on a busy machine, does not count: see the next test.)
    try {
      const results = await Promise.all(tasks.map((t) => pool.parse(t)));
      const byRel = new Map(results.map((r) => [r.rel, r]));
      expect(byRel.get('b.ts')?.ir).toBeUndefined();
      expect(byRel.get('b.ts')?.warnings).toEqual([
        'skipped b.ts: parsing took over 3 s (index.fileTimeoutMs); the worker was stopped',
      ]);
      expect(byRel.get('e.ts')?.ir).toBeUndefined();
      expect(byRel.get('e.ts')?.warnings[0]).toMatch(/^skipped e\.ts: the parse worker crashed on it/);
      for (const rel of ['a.ts', 'c.ts', 'd.ts', 'f.ts', 'g.ts']) {
        const r = byRel.get(rel);
        expect(r?.warnings).toEqual([]);
        expect(r?.ir?.functions.map((f) => f.name)).toHaveLength(1);
      }
      // The replaced workers keep serving.
      const again = await pool.parse(files(['h.ts'])[0]!);
      expect(again.ir?.functions).toHaveLength(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("does not count a worker's slow start against the files queued on it", async () => {
    await expectAllParsed(['s1.ts', 's2.ts', 's3.ts'], 'slowstart:5000', { fileTimeoutMs: 3000 });
  }, 60_000);

  it('replaces a worker that hangs while loading, and fails after three such starts in a row', async () => {
    // The first worker hangs for good: its replacement parses every file queued on it.
    const marker = join(dir, 'hung-once');
    await expectAllParsed(['h1.ts', 'h2.ts', 'h3.ts'], `hangonce:${marker}`, {
      fileTimeoutMs: 3000,
      startTimeoutMs: 1500,
    });
    const tasks = files(['h4.ts', 'h5.ts']);

    // Every worker hangs (replacements copy the environment when they start).
    process.env.CGC_TEST_PARSE_FAULTS = 'slowstart:60000';
    const stuck = workerPool(1, { startTimeoutMs: 500 });
    try {
      const err = await stuck.parse(tasks[0]!).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'PARSE_FAILED', retriable: true });
      expect((err as Error).message).toMatch(/did not load within 0\.5 s, 3 times in a row/);
      // Later files fail the same way at once.
      await expect(stuck.parse(tasks[1]!)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    } finally {
      delete process.env.CGC_TEST_PARSE_FAULTS;
      await stuck.close();
    }
  }, 60_000);
});
