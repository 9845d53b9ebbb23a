import { describe, expect, it } from 'vitest';
import { CORE_SCHEMA } from './core-schema.js';
import { defineSchema, mergeSchemas } from './schema.js';

describe('schema declarations', () => {
  it('checks relationship defaults against their properties and refuses two defaults for one', () => {
    const rel = (defaults: Record<string, boolean | number | string>) => ({
      nodes: [{ label: 'N', key: 'id', properties: { id: 'string' as const } }],
      relationships: [
        {
          type: 'R',
          from: ['N'],
          to: ['N'],
          properties: { seen: 'boolean' as const, n: 'int' as const, tags: 'string[]' as const },
          defaults,
        },
      ],
    });
    expect(defineSchema(rel({ seen: false, n: 0 })).relationships[0]!.defaults).toEqual({
      seen: false,
      n: 0,
    });
    const bad: Record<string, boolean | number | string>[] = [
      { seen: 0 },
      { n: 1.5 },
      { tags: 'x' },
      { missing: 1 },
    ];
    for (const defaults of bad) {
      expect(() => defineSchema(rel(defaults))).toThrow(/default of/);
    }
    expect(mergeSchemas(rel({ seen: false }), rel({ n: 0 })).relationships[0]!.defaults).toEqual({
      seen: false,
      n: 0,
    });
    expect(() => mergeSchemas(rel({ seen: false }), rel({ seen: true }))).toThrow(/two defaults/);
  });

  it('declares the static graph of the design', () => {
    const labels = CORE_SCHEMA.nodes.map((n) => n.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Repository', 'Directory', 'File', 'Module', 'Class', 'Function', 'Route']),
    );
    const calls = CORE_SCHEMA.relationships.find((r) => r.type === 'CALLS');
    expect(calls?.properties).toMatchObject({
      line_number: 'int',
      confidence: 'float',
      resolution: 'string',
    });
  });

  it('rejects bad names and non-string keys', () => {
    expect(() =>
      defineSchema({ nodes: [{ label: 'a-b', key: 'id', properties: { id: 'string' } }], relationships: [] }),
    ).toThrow(/invalid label/);
    expect(() =>
      defineSchema({ nodes: [{ label: 'A', key: 'id', properties: { id: 'int' } }], relationships: [] }),
    ).toThrow(/must be a string/);
  });

  it('merges contributions, uniting relationship ends and properties', () => {
    const plugin = defineSchema({
      nodes: [
        { label: 'Span', key: 'id', properties: { id: 'string' } },
        { label: 'Function', key: 'id', properties: { id: 'string', observed_count: 'int' } },
      ],
      relationships: [
        { type: 'CALLS', from: ['Span'], to: ['Function'], properties: { runtime: 'boolean' } },
      ],
    });
    const merged = mergeSchemas(CORE_SCHEMA, plugin);
    const fn = merged.nodes.find((n) => n.label === 'Function');
    expect(fn?.properties.observed_count).toBe('int');
    expect(fn?.properties.fqn).toBe('string');
    const calls = merged.relationships.find((r) => r.type === 'CALLS');
    expect(calls?.from).toContain('Span');
    expect(calls?.properties.runtime).toBe('boolean');
  });

  it('refuses conflicting property types and dangling end labels', () => {
    const clash = defineSchema({
      nodes: [{ label: 'Function', key: 'id', properties: { id: 'string', fqn: 'int' } }],
      relationships: [],
    });
    expect(() => mergeSchemas(CORE_SCHEMA, clash)).toThrow(/fqn declared as string and int/);
    const dangling = defineSchema({
      nodes: [],
      relationships: [{ type: 'X', from: ['Nowhere'], to: ['Function'], properties: {} }],
    });
    expect(() => mergeSchemas(CORE_SCHEMA, dangling)).toThrow(/undeclared label Nowhere/);
  });
});
