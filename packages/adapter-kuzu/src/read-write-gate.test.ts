import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, GraphStore } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { createKuzuAdapter } from './index.js';
import { ReadWriteGate } from './read-write-gate.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('ReadWriteGate', () => {
  it('runs reads together, a write alone, and holds new reads behind a waiting write', async () => {
    const gate = new ReadWriteGate();
    const log: string[] = [];
    let release!: () => void;
    const first = gate.read(async () => {
      log.push('r1 start');
      await new Promise<void>((r) => {
        release = r;
      });
      log.push('r1 end');
    });
    const second = gate.read(async () => log.push('r2'));
    await tick();
    const write = gate.write(async () => log.push('w'));
    const late = gate.read(async () => log.push('r3'));
    await tick();
    expect(log).toEqual(['r1 start', 'r2']);
    release();
    await Promise.all([first, second, write, late]);
    expect(log).toEqual(['r1 start', 'r2', 'r1 end', 'w', 'r3']);
  });

  it('lets reads that waited go before the next write, so writes cannot starve them', async () => {
    const gate = new ReadWriteGate();
    const log: string[] = [];
    const w1 = gate.write(async () => {
      await tick();
      log.push('w1');
    });
    const r = gate.read(async () => log.push('r'));
    const w2 = gate.write(async () => log.push('w2'));
    await Promise.all([w1, r, w2]);
    expect(log).toEqual(['w1', 'r', 'w2']);
  });

  it('keeps going after a task fails', async () => {
    const gate = new ReadWriteGate();
    await expect(gate.write(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.read(async () => Promise.reject(new Error('bang')))).rejects.toThrow('bang');
    expect(await gate.write(async () => 'ok')).toBe('ok');
  });
});

describe('kuzu reads and writes in one process', () => {
  it('completes 50 small upserts while another adapter reads in a tight loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgc-kuzu-gate-'));
    // Two adapters on one path, as an MCP server and an OTEL ingester in one process would be.
    const writer = new GraphStore(createKuzuAdapter({ path: dir }), { attempts: 1 });
    const reader = new GraphStore(createKuzuAdapter({ path: dir }), { attempts: 1 });
    try {
      await writer.ensureSchema(CORE_SCHEMA);
      await writer.upsertNodes(
        'Function',
        Array.from({ length: 2000 }, (_, i) => ({ id: `f${i}`, name: `n${i}`, repo: 'r' })),
      );
      let stop = false;
      let reads = 0;
      const readErrors: unknown[] = [];
      const loop = (async () => {
        while (!stop) {
          try {
            await reader.read('MATCH (n:Function) WHERE n.name STARTS WITH $p RETURN count(n) AS c', {
              p: 'n1',
            });
            reads++;
          } catch (err) {
            readErrors.push(err);
          }
        }
      })();
      const writeErrors: unknown[] = [];
      const readsAtStart = reads;
      for (let i = 0; i < 50; i++) {
        // Big enough batches take the bulk path too (scratch tables, COPY), which checkpoints.
        const size = i % 10 === 0 ? 1000 : 10;
        try {
          await writer.upsertNodes(
            'Function',
            Array.from({ length: size }, (_, j) => ({
              id: `f${(i * 10 + j) % 2000}`,
              name: `u${i}`,
              repo: 'r',
            })),
          );
          await writer.upsertRelationships(
            'CALLS',
            'Function',
            'Function',
            Array.from({ length: size }, (_, j) => ({ from: `f${i}`, to: `f${j}` })),
          );
        } catch (err) {
          writeErrors.push(err);
        }
      }
      stop = true;
      await loop;
      expect(writeErrors.map(String)).toEqual([]);
      expect(readErrors.map(String)).toEqual([]);
      expect(reads - readsAtStart).toBeGreaterThanOrEqual(50);
      expect(await reader.read("MATCH (:Function {id: 'f49'})-[r:CALLS]->() RETURN count(r) AS c")).toEqual([
        { c: 10 },
      ]);
    } finally {
      await reader.close();
      await writer.close();
    }
  }, 120_000);
});
