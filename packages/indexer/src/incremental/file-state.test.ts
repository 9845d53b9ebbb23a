import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileIR } from '../ir.js';
import { packCalls } from '../resolve/packed-calls.js';
import { type FileState, loadSnapshot, type RepoSnapshot, saveSnapshot } from './file-state.js';
import { HashSpool } from './hash-spool.js';
import { packHashes, RowCollector, unpackHashes } from './row-set.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cgc-snap-'));
  dirs.push(d);
  return d;
}

function snapshot(files: number): RepoSnapshot {
  const map = new Map<string, FileState>();
  for (let i = 0; i < files; i++) {
    const rel = `src/f${i}.c`;
    const ir = { path: rel, lang: 'c', classes: [], functions: [], imports: [], routes: [], errors: [] };
    map.set(rel, {
      rel,
      hash: `h${i}`,
      size: i,
      lang: 'c',
      ir: ir as unknown as FileIR,
      calls: packCalls([{ name: `call${i}`, form: 'call', line: i, caller: 0, argc: 1 }]),
      deps: [`f\u0000src/f${(i + 1) % files}.c`],
      links: packHashes(new Map([[`r\u0000CALLS\u0000${i}`, 'abcd']])),
    });
  }
  return {
    repo: 'repo:x',
    root: '/tmp/x',
    isDependency: false,
    indexedAt: 42,
    config: {} as never,
    files: map,
  };
}

describe('snapshot files', () => {
  it('round-trips every file state, in records (a large snapshot spans several write chunks)', async () => {
    const dir = tempDir();
    const snap = snapshot(30_000);
    await saveSnapshot(dir, snap);
    const back = await loadSnapshot(dir, 'repo:x');
    expect(back?.indexedAt).toBe(42);
    expect(back?.files.size).toBe(30_000);
    expect(back?.files.get('src/f123.c')).toEqual(snap.files.get('src/f123.c'));
    // Written atomically: no temp file is left beside it.
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('saves hashes kept in a spool file as the hashes themselves', async () => {
    const dir = tempDir();
    const snap = snapshot(20);
    const spool = new HashSpool();
    const kept = snap.files.get('src/f7.c')!.links as Buffer;
    snap.files.get('src/f7.c')!.links = spool.put(kept);
    await saveSnapshot(dir, snap);
    const back = await loadSnapshot(dir, 'repo:x');
    expect(back?.files.get('src/f7.c')?.links).toEqual(kept);
    expect(unpackHashes(back?.files.get('src/f7.c')?.links as Buffer)?.get('r\u0000CALLS\u00007')).toBe(
      'abcd',
    );
  });

  it('ignores a truncated, foreign, older-format or absent snapshot', async () => {
    const dir = tempDir();
    await saveSnapshot(dir, snapshot(50));
    const [name] = readdirSync(dir);
    const path = join(dir, name!);
    const whole = readFileSync(path);
    expect(await loadSnapshot(dir, 'repo:other')).toBeUndefined();
    truncateSync(path, whole.length - 10);
    expect(await loadSnapshot(dir, 'repo:x')).toBeUndefined();
    // The previous layout: one v8-serialized object.
    writeFileSync(path, serialize({ format: 3, snap: snapshot(1) }));
    expect(await loadSnapshot(dir, 'repo:x')).toBeUndefined();
    writeFileSync(path, Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
    expect(await loadSnapshot(dir, 'repo:x')).toBeUndefined();
    rmSync(path);
    expect(await loadSnapshot(dir, 'repo:x')).toBeUndefined();
  });
});

describe('packed row hashes', () => {
  it('round-trip keys with NUL separators, and tell none from empty', () => {
    const rows = new Map([
      ['r\u0000CALLS\u0000Function\u0000Function\u0000fn:a\u0000fn:b', 'q1w2e3r4t5y6u7i8'],
      ['n\u0000Function\u0000fn:a', 'A+/b0000000000zz'],
      // Module names and unresolved calls are any text.
      ['n\u0000Module\u0000mod:é\u0000日本', 'A+/b0000000000zy'],
    ]);
    expect(unpackHashes(packHashes(rows))).toEqual(rows);
    expect(unpackHashes(packHashes(new Map()))).toEqual(new Map());
    expect(unpackHashes(undefined)).toBeUndefined();
  });

  it('packs a collector straight to what packing its hashes gives', () => {
    const c = new RowCollector();
    c.add({ kind: 'n', label: 'Function', row: { id: 'fn:a', unresolved: 'x()' } });
    c.add({
      kind: 'r',
      type: 'CALLS',
      from: 'Function',
      to: 'Function',
      row: { from: 'fn:a', to: 'fn:b', properties: { line_number: 3 } },
    });
    c.add({
      kind: 'r',
      type: 'CALLS',
      from: 'Function',
      to: 'Function',
      row: { from: 'fn:a', to: 'fn:b', properties: { confidence: 0.9 } },
    });
    expect(c.packed()).toEqual(packHashes(c.hashes()));
    expect(unpackHashes(c.packed())?.size).toBe(2);
    expect(new RowCollector().packed()).toEqual(packHashes(new Map()));
  });
});
