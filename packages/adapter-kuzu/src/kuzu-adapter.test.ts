import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterConformance } from '@cgc/core/testing';
import { createKuzuAdapter } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-'));

runAdapterConformance('kuzu', { create: () => createKuzuAdapter({ path: tmp() }) });
