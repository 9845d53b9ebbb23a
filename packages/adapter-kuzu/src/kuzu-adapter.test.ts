import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterConformance } from '@cgc/core/testing';
import { createKuzuAdapter } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-'));

// Small batches row by row, big ones through COPY from temp JSON files (the default)…
runAdapterConformance('kuzu', { create: () => createKuzuAdapter({ path: tmp() }) });
// …every batch through COPY…
runAdapterConformance('kuzu', { create: () => createKuzuAdapter({ path: tmp(), rowPathMax: 0 }) });
// …and COPY from an UNWIND parameter, the fallback for modules without Kuzu's JSON reader.
runAdapterConformance('kuzu', {
  create: () => createKuzuAdapter({ path: tmp(), bulkLoad: 'unwind', rowPathMax: 0 }),
});
