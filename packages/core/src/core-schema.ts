import { defineSchema, type PropertyType } from './schema.js';

// Properties every static code node carries: the repository it belongs to and,
// for per-file nodes, the file path, so that delete-by-scope can find them.
const scoped = { repo: 'string', file: 'string' } as const satisfies Record<string, PropertyType>;

const located = {
  ...scoped,
  name: 'string',
  path: 'string',
  line_number: 'int',
  end_line: 'int',
  lang: 'string',
} as const satisfies Record<string, PropertyType>;

/** The static code graph written by the indexer (see docs/graph.md). */
export const CORE_SCHEMA = defineSchema({
  nodes: [
    {
      label: 'Repository',
      key: 'id',
      properties: {
        id: 'string',
        repo: 'string',
        name: 'string',
        path: 'string',
        is_dependency: 'boolean',
        indexed_at: 'int',
      },
      indexes: ['path'],
    },
    {
      label: 'Directory',
      key: 'id',
      properties: { id: 'string', repo: 'string', name: 'string', path: 'string', relative_path: 'string' },
      indexes: ['repo'],
    },
    {
      label: 'File',
      key: 'id',
      properties: {
        id: 'string',
        ...scoped,
        name: 'string',
        path: 'string',
        relative_path: 'string',
        lang: 'string',
        hash: 'string',
        lines: 'int',
        size: 'int',
        is_dependency: 'boolean',
        parse_errors: 'int',
      },
      indexes: ['repo', 'path'],
    },
    {
      label: 'Module',
      key: 'id',
      properties: { id: 'string', repo: 'string', name: 'string', full_name: 'string', lang: 'string' },
      indexes: ['name', 'repo'],
    },
    {
      label: 'Class',
      key: 'id',
      properties: {
        id: 'string',
        ...located,
        fqn: 'string',
        kind: 'string',
        bases: 'string[]',
        decorators: 'string[]',
        docstring: 'string',
        source: 'string',
        is_dependency: 'boolean',
      },
      indexes: ['name', 'fqn', 'repo', 'file'],
    },
    {
      label: 'Function',
      key: 'id',
      properties: {
        id: 'string',
        ...located,
        fqn: 'string',
        kind: 'string',
        args: 'string[]',
        decorators: 'string[]',
        docstring: 'string',
        source: 'string',
        cyclomatic_complexity: 'int',
        class_context: 'string',
        context: 'string',
        visibility: 'string',
        is_static: 'boolean',
        exported: 'boolean',
        is_dependency: 'boolean',
        // The calls that resolved to nothing, one per line. A string, not a list: it is set on
        // every caller after linking, and Kuzu checkpoints updated list values ~10x slower.
        unresolved: 'string',
      },
      indexes: ['name', 'fqn', 'repo', 'file'],
    },
    {
      label: 'Variable',
      key: 'id',
      properties: { id: 'string', ...located, value: 'string', type: 'string', context: 'string' },
      indexes: ['name', 'repo', 'file'],
    },
    {
      label: 'Parameter',
      key: 'id',
      properties: {
        id: 'string',
        ...scoped,
        name: 'string',
        type: 'string',
        position: 'int',
        function_id: 'string',
      },
      indexes: ['name', 'file'],
    },
    {
      label: 'Route',
      key: 'id',
      properties: {
        id: 'string',
        ...scoped,
        method: 'string',
        path: 'string',
        framework: 'string',
        line_number: 'int',
        handler: 'string',
      },
      indexes: ['path', 'repo', 'file'],
    },
  ],
  relationships: [
    {
      type: 'CONTAINS',
      from: ['Repository', 'Directory', 'File', 'Class', 'Function'],
      to: ['Directory', 'File', 'Class', 'Function', 'Variable', 'Route'],
      properties: {},
    },
    { type: 'HAS_PARAMETER', from: ['Function'], to: ['Parameter'], properties: {} },
    {
      type: 'IMPORTS',
      from: ['File'],
      to: ['Module', 'File'],
      properties: { line_number: 'int', alias: 'string', imported_name: 'string' },
    },
    { type: 'INHERITS', from: ['Class'], to: ['Class'], properties: {} },
    { type: 'IMPLEMENTS', from: ['Class'], to: ['Class'], properties: {} },
    // a trait or mixin a class takes in: PHP `use T;`, Ruby `include`/`extend`/`prepend M`
    { type: 'INCLUDES', from: ['Class'], to: ['Class'], properties: {} },
    {
      type: 'CALLS',
      from: ['Function', 'File'],
      to: ['Function', 'Class'],
      properties: {
        line_number: 'int',
        lines: 'int[]',
        confidence: 'float',
        resolution: 'string',
        static: 'boolean',
        observed: 'boolean',
        observed_count: 'int',
        first_seen: 'int',
        last_seen: 'int',
      },
      // A static call was not observed until a runtime plugin says so. Declared rather than left
      // null: Kuzu 0.11.3 inserts relationship rows with null columns ~2 µs per null slower.
      defaults: { observed: false, observed_count: 0 },
    },
    { type: 'HANDLED_BY', from: ['Route'], to: ['Function'], properties: {} },
  ],
});
