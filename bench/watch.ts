/**
 * Save → queryable latency of `cgc watch` on a generated repository.
 *
 *   pnpm bench:watch [--files 5000] [--saves 40] [--debounce 20]
 *
 * Generates a Python repository (packages of 100 modules; each module imports two
 * others, defines a class inheriting from another module's class and three functions
 * calling across modules), indexes it into an embedded Kuzu database in a temp dir,
 * starts `watchRepository`, then saves one file at a time (half plain writes, half
 * editor-style atomic saves: write a temp file, rename it over the original) adding a
 * new function, and measures until that function is returned by a graph query. Prints
 * p50/p95 of save → queryable, of the graph update alone, and the initial index time.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKuzuAdapter } from '../packages/adapter-kuzu/src/index.js';
import { CORE_SCHEMA, GraphStore } from '../packages/core/src/index.js';
import { type WatchUpdate, watchRepository } from '../packages/indexer/src/index.js';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const FILES = arg('files', 5000);
const SAVES = arg('saves', 40);
const DEBOUNCE = arg('debounce', 20);
const PER_PKG = 100;

function moduleSource(i: number, n: number, extra = ''): string {
  const j = (i * 7 + 3) % n;
  const k = (i * 13 + 5) % n;
  const mod = (x: number) => `pkg${Math.floor(x / PER_PKG)}.mod${x % PER_PKG}`;
  return `from ${mod(j)} import helper_${j}, Class${j}
import ${mod(k)} as other

class Class${i}(Class${j}):
    def __init__(self, value: int):
        self.value = value
        self.peer = Class${j}(value)

    def run(self, x):
        y = helper_${i}(x)
        return self.step(y) + self.peer.run(y)

    def step(self, x):
        return other.helper_${k}(x) + len(str(x))

def helper_${i}(x):
    c = Class${i}(x)
    return helper_${j}(x) if x > 0 else c.step(x)

def main_${i}():
    print(helper_${i}(1))
${extra}`;
}

function generate(root: string, n: number): void {
  for (let p = 0; p * PER_PKG < n; p++) {
    mkdirSync(join(root, `pkg${p}`), { recursive: true });
    writeFileSync(join(root, `pkg${p}`, '__init__.py'), '');
  }
  for (let i = 0; i < n; i++)
    writeFileSync(join(root, `pkg${Math.floor(i / PER_PKG)}`, `mod${i % PER_PKG}.py`), moduleSource(i, n));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const tmp = mkdtempSync(join(tmpdir(), 'cgc-bench-watch-'));
const root = join(tmp, 'repo');
try {
  generate(root, FILES);
  const store = new GraphStore(createKuzuAdapter({ path: join(tmp, 'db') }));
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
  const waiting = new Map<string, (u: WatchUpdate) => void>();
  const t0 = performance.now();
  const w = await watchRepository(store, root, {
    stateDir: join(tmp, 'state'),
    debounceMs: DEBOUNCE,
    storeSource: true,
    onUpdate: (u) => {
      for (const p of u.paths) waiting.get(p)?.(u);
    },
    onError: (e) => console.error('watch error:', e.message),
  });
  const indexSeconds = (performance.now() - t0) / 1000;
  console.log(`repository   ${FILES} files generated, indexed and watched in ${indexSeconds.toFixed(1)} s`);

  const total: number[] = [];
  const apply: number[] = [];
  const fromEvent: number[] = [];
  const phases = {
    scan: [] as number[],
    memory: [] as number[],
    remove: [] as number[],
    write: [] as number[],
  };
  for (let s = 0; s < SAVES; s++) {
    const i = (s * 997 + 11) % FILES;
    const rel = `pkg${Math.floor(i / PER_PKG)}/mod${i % PER_PKG}.py`;
    const fqn = `pkg${Math.floor(i / PER_PKG)}.mod${i % PER_PKG}.added_${s}`;
    const text = moduleSource(i, FILES, `\ndef added_${s}(x):\n    return helper_${i}(x)\n`);
    const updated = new Promise<WatchUpdate>((resolve) => waiting.set(rel, resolve));
    const start = performance.now();
    if (s % 2 === 0) writeFileSync(join(root, rel), text);
    else {
      // An editor's atomic save: a temp file renamed over the original.
      const tmpFile = join(root, `${rel}.swp~`);
      writeFileSync(tmpFile, text);
      renameSync(tmpFile, join(root, rel));
    }
    const u = await updated;
    waiting.delete(rel);
    const row = await store.one<{ n: number }>(
      'MATCH (f:Function)-[:CALLS]->(g:Function) WHERE f.fqn = $fqn RETURN count(g) AS n',
      { fqn },
    );
    if (!row || Number(row.n) !== 1) throw new Error(`save ${s}: ${fqn} not queryable with its call`);
    total.push(performance.now() - start);
    apply.push(u.applyMs);
    fromEvent.push(u.latencyMs);
    phases.scan.push(u.phases.scan);
    phases.memory.push(u.phases.memory);
    phases.remove.push(u.phases.remove);
    phases.write.push(u.phases.write);
  }
  await w.close();
  await store.close();
  const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms`;
  console.log(`saves        ${SAVES} (half atomic: temp file + rename), debounce ${DEBOUNCE} ms`);
  console.log(`save→query   ${fmt(total)}   (target < 200 ms)`);
  console.log(`event→graph  ${fmt(fromEvent)}`);
  console.log(`graph update ${fmt(apply)}`);
  console.log(`  scan+parse ${fmt(phases.scan)}`);
  console.log(`  in memory  ${fmt(phases.memory)} (table, rows, linking the file and its readers)`);
  console.log(`  removals   ${fmt(phases.remove)}`);
  console.log(`  writes     ${fmt(phases.write)}`);
  console.log(`peak RSS     ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
