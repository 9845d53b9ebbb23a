import { createApp } from '@cgc/example-otel-hono';
import { it } from 'vitest';
import { startOtelReceivers } from '../src/otel-receivers.js';
import { writeExampleGraph } from './example-graph.js';
import { logger, openStore, testSettings } from './helpers.js';
import { exporter, provider, Recorder } from './sdk.js';

it('x', async () => {
  const db = await openStore();
  console.log('opened');
  await writeExampleGraph(db.store);
  console.log('seeded');
  const r = await startOtelReceivers({ store: db.store, settings: testSettings(), logger });
  console.log('started');
  const rec = new Recorder();
  const p = provider('orders', exporter('grpc', { grpc: r.grpcPort }), rec, true);
  const app = createApp();
  await app.request('/api/orders');
  await p.forceFlush();
  console.log('flushed', rec.spans.length);
  await r.pipeline.drained();
  console.log('drained', JSON.stringify(r.status()));
  await r.stop();
  await db.close();
  console.log('closed');
});
