import { join } from 'node:path';
import { it } from 'vitest';
import { EXAMPLES } from './php.js';
import { openTestStore } from './kuzu-store.js';

it('probe', async () => {
  const { indexRepository } = await import('../../indexer/src/index.js');
  const { store, dispose } = await openTestStore();
  const s = await indexRepository(store, join(EXAMPLES, 'php-shop'));
  console.log(JSON.stringify(s).slice(0, 200));
  console.log(await store.read('MATCH (f:Function) RETURN f.id, f.fqn, f.path, f.file, f.line_number, f.end_line, f.kind, f.lang'));
  console.log(await store.read('MATCH (a:Function)-[c:CALLS]->(b:Function) RETURN a.fqn, b.fqn, c.static, c.resolution'));
  await dispose();
});
