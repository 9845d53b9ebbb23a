import { it, expect } from 'vitest';
import { startOtelReceivers } from '../src/otel-receivers.js';
import { logger, openStore, testSettings } from './helpers.js';
import { otlpJson, postJson } from './otlp-json-body.js';
it('reads while writing', async () => {
  const db = await openStore();
  const r = await startOtelReceivers({ store: db.store, settings: testSettings(), logger });
  let stop = false;
  const reader = (async () => { let n = 0; while (!stop) { await db.store.read('MATCH (s:Span) RETURN count(s) AS n'); n++; } return n; })();
  for (let i = 0; i < 10; i++) await postJson(r.httpPort!, otlpJson('s', `t${i}`, Array.from({ length: 200 }, (_, j) => ({ id: `a${i}-${j}` }))));
  const ok = await r.pipeline.drained(60_000);
  stop = true;
  console.log('reads', await reader, JSON.stringify({ ok, ...r.status(), receivers: undefined }).slice(0, 400));
  await r.stop(); await db.close();
  expect(ok).toBe(true);
}, 120_000);
