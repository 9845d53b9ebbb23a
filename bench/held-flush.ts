/**
 * The Kuzu adapter's flush of held rows (what the end of a first index costs the database): N
 * functions with their source and 3N parameters held in load files, every function's `unresolved`
 * folded into the held rows, then one `flushDeferred()`, timed. Prints the flush seconds and how
 * many folded values arrived.
 *
 *   pnpm bench:held-flush [-- --functions 400000 --runs 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKuzuAdapter } from '../packages/adapter-kuzu/src/index.js';
import { defineSchema, GraphStore } from '../packages/core/src/index.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const functions = arg('functions', 400_000);
const runs = arg('runs', 3);
const schema = defineSchema({
  nodes: [
    {
      label: 'F',
      key: 'id',
      properties: { id: 'string', source: 'string', name: 'string', line: 'int', unresolved: 'string' },
    },
    {
      label: 'P',
      key: 'id',
      properties: { id: 'string', name: 'string', position: 'int', function_id: 'string' },
    },
  ],
  relationships: [],
});
const defer = { fresh: true, defer: true } as const;
// ~1 KB of C with the characters JSON escapes (newlines, tabs, quotes, backslashes).
const source =
  'static int probe(struct device *dev)\n{\n\tint ret = setup(dev);\n\tif (ret)\n\t\treturn ret;\n\treturn "x\\y";\n}\n'.repeat(
    10,
  );

for (let run = 1; run <= runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-bench-held-flush-'));
  const store = new GraphStore(createKuzuAdapter({ path: dir }), { attempts: 1 });
  try {
    await store.ensureSchema(schema);
    for (let i = 0; i < functions; i += 5000) {
      const n = Math.min(5000, functions - i);
      await store.upsertNodes(
        'F',
        Array.from({ length: n }, (_, j) => ({ id: `f${i + j}`, source, name: `fn${i + j}`, line: j })),
        defer,
      );
      await store.upsertNodes(
        'P',
        Array.from({ length: 3 * n }, (_, j) => ({
          id: `p${3 * i + j}`,
          name: `arg${j % 3}`,
          position: j % 3,
          function_id: `f${i + Math.floor(j / 3)}`,
        })),
        defer,
      );
    }
    for (let i = 0; i < functions; i += 20_000)
      await store.upsertNodes(
        'F',
        Array.from({ length: Math.min(20_000, functions - i) }, (_, j) => ({
          id: `f${i + j}`,
          unresolved: 'kmalloc\nprintk\nmemset',
        })),
      );
    const t = performance.now();
    await store.flushDeferred();
    const seconds = (performance.now() - t) / 1000;
    const [r] = await store.read('MATCH (f:F) WHERE f.unresolved IS NOT NULL RETURN count(f) AS c');
    console.log(
      `run ${run}: ${functions} functions, ${3 * functions} parameters: flush ${seconds.toFixed(2)} s, ${Number(r!.c)} folded values stored`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
