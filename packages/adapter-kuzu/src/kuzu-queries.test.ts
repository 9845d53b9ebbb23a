import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphAdapter } from '@cgc/core';
import { runQuerySuite } from '@cgc/core/testing';
import { createKuzuAdapter } from './index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-kuzu-queries-'));

runQuerySuite('kuzu', { create: () => createKuzuAdapter({ path: tmp() }) });

// The same answers when transitive walks run breadth-first in core instead of as
// variable-length statements: the capability flag, not the engine, picks the shape.
function withoutVariableLength(adapter: GraphAdapter): GraphAdapter {
  return {
    name: adapter.name,
    capabilities: { ...adapter.capabilities, variableLengthPaths: false },
    connect: () => adapter.connect(),
    ensureSchema: (schema) => adapter.ensureSchema(schema),
    upsertNodes: (decl, rows) => adapter.upsertNodes(decl, rows),
    upsertRelationships: (decl, batch) => adapter.upsertRelationships(decl, batch),
    deleteNodes: (scope) => adapter.deleteNodes(scope),
    query: (cypher, params, options) => adapter.query(cypher, params, options),
    close: () => adapter.close(),
  };
}
runQuerySuite('kuzu (breadth-first walks)', {
  create: () => withoutVariableLength(createKuzuAdapter({ path: tmp() })),
});
