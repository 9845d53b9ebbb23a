// temporary probe (not committed): adapter cost per label for span flushes vs raw COPY
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { CORE_SCHEMA, GraphStore, createLogger } = await import('../packages/core/src/index.js');
const { OTEL_SCHEMA } = await import('../packages/plugin-otel/src/index.js');
const { SpanWriter } = await import('../packages/plugin-otel/src/span-writer.js');
const { createKuzuAdapter } = await import('../packages/adapter-kuzu/src/index.js');
const { FunctionIndex } = await import('../packages/plugin-otel/src/function-index.js');
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const adapter = createKuzuAdapter({ path: join(dir, 'k') });
const store = new GraphStore(adapter);
await store.connect();
await store.ensureSchema(CORE_SCHEMA, OTEL_SCHEMA);
const times: Record<string, number[]> = {};
const a = adapter as unknown as Record<string, (...x: unknown[]) => Promise<unknown>>;
for (const m of ['upsertNodes', 'upsertRelationships']) {
  const orig = a[m]!.bind(adapter);
  a[m] = async (...x: unknown[]) => {
    const t0 = performance.now();
    try { return await orig(...x); } finally {
      const k = (x[0] as { label?: string; type?: string }).label ?? (x[0] as { type: string }).type;
      (times[k] ??= []).push(performance.now() - t0);
    }
  };
}
const writer = new SpanWriter({ store, logger: createLogger('warn'), index: () => new FunctionIndex([]), pathMappings: [], singleWriter: true });
let seq = 0;
const N = Number(process.argv[2] ?? 20000);
const hex = (n: number, l: number) => n.toString(16).padStart(l, '0');
function batch() {
  const out = [];
  const now = BigInt(Date.now()) * 1_000_000n;
  for (let i = 0; i < N; i++) {
    const n = ++seq; const k = n % 10;
    out.push({ traceId: hex(Math.floor(n / 10) + 1, 32), spanId: hex(n, 16), ...(k ? { parentSpanId: hex(n - 1, 16) } : {}),
      name: k ? `op-${k}` : 'POST /api/orders', kind: k === 0 ? 'SERVER' : 'INTERNAL', startNs: now, endNs: now + 2_000_000n,
      statusCode: 'UNSET', attributes: { n }, events: [], links: [], service: { name: `svc-${n % 4}` } });
  }
  return out;
}
for (let round = 0; round < Number(process.argv[3] ?? 15); round++) {
  for (const k of Object.keys(times)) delete times[k];
  const t0 = performance.now();
  const plan = await writer.plan(batch() as never);
  const t1 = performance.now();
  await writer.apply(plan);
  const t2 = performance.now();
  console.log(`stored ${seq - N}: plan ${(t1 - t0).toFixed(0)} apply ${(t2 - t1).toFixed(0)} | ` + Object.entries(times).map(([k, v]) => `${k} ${v.map((x) => x.toFixed(0)).join('+')}`).join(', '));
}
// raw COPY floor: insert-only of the same shape
const kuzu = (await import('../packages/adapter-kuzu/node_modules/kuzu/index.js')).default as any;
const db = new kuzu.Database(join(dir, 'raw')); const c = new kuzu.Connection(db);
await c.query('CREATE NODE TABLE S(id STRING, trace_id STRING, name STRING, attributes STRING, start_us INT64, PRIMARY KEY(id))');
await c.query('CREATE NODE TABLE T(id STRING, PRIMARY KEY(id))');
await c.query('CREATE REL TABLE P(FROM S TO T)');
await c.query('CREATE REL TABLE C(FROM S TO S)');
let r = 0;
for (let round = 0; round < 10; round++) {
  const ids = Array.from({ length: N }, () => ++r);
  const f = join(dir, 's.json'), ft = join(dir, 't.json'), fp = join(dir, 'p.json'), fc = join(dir, 'c.json');
  const tr = (n: number) => hex(Math.floor((n - 1) / 10) + 1, 32);
  writeFileSync(f, ids.map((n) => JSON.stringify({ id: hex(n, 16), trace_id: tr(n), name: 'op', attributes: '{"n":1}', start_us: n })).join('\n'));
  writeFileSync(ft, ids.filter((n) => n % 10 === 1).map((n) => JSON.stringify({ id: tr(n) })).join('\n'));
  writeFileSync(fp, ids.map((n) => JSON.stringify({ from: hex(n, 16), to: tr(n) })).join('\n'));
  writeFileSync(fc, ids.filter((n) => n % 10 !== 1).map((n) => JSON.stringify({ from: hex(n, 16), to: hex(n - 1, 16) })).join('\n'));
  const t = [performance.now()];
  await c.query(`COPY S FROM '${f}'`); t.push(performance.now());
  await c.query(`COPY T FROM '${ft}' (ignore_errors=true)`); t.push(performance.now());
  await c.query(`COPY P FROM '${fp}'`).catch((e: Error) => console.log(String(e).slice(0, 100))); t.push(performance.now());
  await c.query(`COPY C FROM '${fc}'`); t.push(performance.now());
  console.log(`raw stored ${r - N}: COPY node ${(t[1]! - t[0]!).toFixed(0)} trace ${(t[2]! - t[1]!).toFixed(0)} rel P ${(t[3]! - t[2]!).toFixed(0)} rel C ${(t[4]! - t[3]!).toFixed(0)}`);
}
