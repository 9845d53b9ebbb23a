import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterConformance } from '@cgc/core/testing';
import { createKuzuAdapter } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-'));

// Bulk inserts from temp JSON files (the default)…
runAdapterConformance('kuzu', { create: () => createKuzuAdapter({ path: tmp() }) });
// …and from an UNWIND parameter, the fallback for modules without Kuzu's JSON reader.
runAdapterConformance('kuzu', { create: () => createKuzuAdapter({ path: tmp(), bulkLoad: 'unwind' }) });
