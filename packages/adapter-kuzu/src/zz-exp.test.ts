import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, GraphStore } from '@cgc/core';
import { it } from 'vitest';
import { createKuzuAdapter } from './index.js';

it('exp', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kx-'));
  const w = new GraphStore(createKuzuAdapter({ path: dir }), { attempts: 1 });
  const r = new GraphStore(createKuzuAdapter({ path: dir }), { attempts: 1 });
  await w.ensureSchema(CORE_SCHEMA);
  await w.upsertNodes(
    'Function',
    Array.from({ length: 2000 }, (_, i) => ({ id: `f${i}`, name: `n${i}`, repo: 'r' })),
  );
  let stop = false,
    reads = 0,
    readErr = 0;
  const loop = (async () => {
    while (!stop) {
      try {
        await r.read('MATCH (n:Function) WHERE n.name STARTS WITH $p RETURN count(n) AS c', { p: 'n1' });
        reads++;
      } catch {
        readErr++;
      }
    }
  })();
  let ok = 0,
    fail = 0;
  const errs = new Set<string>();
  const t0 = performance.now();
  const lat: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    try {
      await w.upsertNodes(
        'Function',
        Array.from({ length: 10 }, (_, j) => ({ id: `f${i * 10 + j}`, name: `u${i}`, repo: 'r' })),
      );
      await w.upsertRelationships(
        'CALLS',
        'Function',
        'Function',
        Array.from({ length: 10 }, (_, j) => ({ from: `f${i}`, to: `f${j}` })),
      );
      ok++;
    } catch (e) {
      fail++;
      errs.add(String(e).slice(0, 160));
    }
    lat.push(performance.now() - s);
    console.log(i, Math.round(performance.now() - s), reads, [...errs]);
  }
  stop = true;
  await loop;
  console.log({
    ok,
    fail,
    reads,
    readErr,
    ms: Math.round(performance.now() - t0),
    errs: [...errs],
    lat: lat.sort((a, b) => a - b)[25],
  });
  await w.close();
  await r.close();
}, 120000);
