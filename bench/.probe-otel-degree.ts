// temporary probe (not committed): raw COPY into a rel table whose target has a high degree
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const kuzu = (await import('../packages/adapter-kuzu/node_modules/kuzu/index.js')).default as any;
const dir = mkdtempSync(join(tmpdir(), 'probe-deg-'));
const db = new kuzu.Database(join(dir, 'raw'));
const c = new kuzu.Connection(db);
await c.query('CREATE NODE TABLE S(id STRING, PRIMARY KEY(id))');
await c.query('CREATE NODE TABLE V(id STRING, PRIMARY KEY(id))');
await c.query('CREATE REL TABLE O(FROM S TO V)');
await c.query(`CREATE REL TABLE OF(FROM S TO V) WITH (storage_direction = 'fwd')`).catch((e: Error) => console.log('fwd:', String(e).slice(0, 120)));
await c.query("CREATE (:V {id: 'a'}), (:V {id: 'b'}), (:V {id: 'c'}), (:V {id: 'd'})");
const hex = (n: number) => n.toString(16).padStart(16, '0');
let r = 0;
const N = 20000;
for (let round = 0; round < 20; round++) {
  const ids = Array.from({ length: N }, () => ++r);
  const f = join(dir, 's.json'), fo = join(dir, 'o.json');
  writeFileSync(f, ids.map((n) => JSON.stringify({ id: hex(n) })).join('\n'));
  writeFileSync(fo, ids.map((n) => JSON.stringify({ from: hex(n), to: 'abcd'[n % 4] })).join('\n'));
  const t = [performance.now()];
  await c.query(`COPY S FROM '${f}'`); t.push(performance.now());
  await c.query(`COPY O FROM '${fo}'`); t.push(performance.now());
  await c.query(`COPY OF FROM '${fo}'`).catch(() => undefined); t.push(performance.now());
  // the checked insert shape: pairs not stored yet, from the low-degree end
  console.log(`stored ${r - N}: node ${(t[1]! - t[0]!).toFixed(0)} rel->4 targets ${(t[2]! - t[1]!).toFixed(0)} fwd-only ${(t[3]! - t[2]!).toFixed(0)}`);
}
