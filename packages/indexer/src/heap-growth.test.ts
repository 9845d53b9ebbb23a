import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { appliedHeapGrowth, boundHeapGrowth, collectGarbage } from './heap-growth.js';

// In a fresh isolate (the flag is the process's, each isolate's heap its own): keeps live objects
// while making garbage that outlives young collections, as linking's rows do; posts the largest
// committed heap seen.
const CHURN = `
const { parentPort } = require('node:worker_threads');
const live = [];
for (let i = 0; i < 600000; i++) live.push({ a: i, b: [i] });
let peak = 0;
for (let round = 0; round < 12; round++) {
  const held = [];
  for (let i = 0; i < 300000; i++) held.push({ a: i, b: [i, round] });
  peak = Math.max(peak, process.memoryUsage().heapTotal);
}
parentPort.postMessage(live.length > 0 ? peak : 0);
`;

function churn(): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CHURN, { eval: true });
    w.once('message', (peak: number) => {
      resolve(peak);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('bounded heap growth', () => {
  it('is applied while held, shared by concurrent holders, and given back by the last', () => {
    expect(appliedHeapGrowth()).toBe(0);
    const first = boundHeapGrowth(30);
    const second = boundHeapGrowth(50);
    expect(appliedHeapGrowth()).toBe(30);
    first();
    first();
    expect(appliedHeapGrowth()).toBe(30);
    second();
    expect(appliedHeapGrowth()).toBe(0);
    boundHeapGrowth(0)();
    expect(appliedHeapGrowth()).toBe(0);
  });

  it('keeps the heap closer to what is live than V8 does by itself', async () => {
    const free = await churn();
    const release = boundHeapGrowth(10);
    let bounded: number;
    try {
      bounded = await churn();
    } finally {
      release();
    }
    expect(bounded).toBeLessThan(free * 0.8);
  });
});

describe('collectGarbage', () => {
  it('gives back the pages of a dropped structure whose survivors are spread over it', () => {
    // One object in twelve survives, on every page: a collection that does not compact frees
    // the dead objects but keeps nearly every page.
    let table: { a: number; b: number[] }[] | undefined = [];
    for (let i = 0; i < 1_500_000; i++) table.push({ a: i, b: [i] });
    const survivors = table.filter((_, i) => i % 12 === 0);
    table = undefined;
    const before = process.memoryUsage().heapTotal;
    collectGarbage();
    const after = process.memoryUsage().heapTotal;
    expect(survivors.length).toBe(125_000);
    expect(after).toBeLessThan(before * 0.6);
  });
});
