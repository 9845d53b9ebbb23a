import { CgcError } from './errors.js';

/** Property types an adapter must be able to store. `json` values are stored as JSON text. */
export type PropertyType = 'string' | 'int' | 'float' | 'boolean' | 'string[]' | 'int[]' | 'float[]' | 'json';

/** A declared node label: its key property (a string, unique per label) and typed properties. */
export interface NodeDecl {
  readonly label: string;
  /** Name of the unique key property; always of type string. */
  readonly key: string;
  readonly properties: Readonly<Record<string, PropertyType>>;
  /** Properties worth an index for lookups (besides the key). */
  readonly indexes?: readonly string[];
}

/** A declared relationship type with the labels it may connect. */
export interface RelDecl {
  readonly type: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly properties: Readonly<Record<string, PropertyType>>;
  /**
   * Values a new relationship gets for scalar properties its write leaves out; a stored
   * relationship keeps its values. Every adapter applies them on insert, whatever the path.
   */
  readonly defaults?: Readonly<Record<string, PropertyDefault>>;
}

/** A declared default: a value of a scalar property type. */
export type PropertyDefault = boolean | number | string;

const DEFAULT_OF: Partial<Record<PropertyType, (v: PropertyDefault) => boolean>> = {
  boolean: (v) => typeof v === 'boolean',
  int: (v) => Number.isSafeInteger(v),
  float: (v) => typeof v === 'number' && Number.isFinite(v),
  string: (v) => typeof v === 'string',
};

/** A schema contribution: node labels and relationship types. */
export interface GraphSchema {
  readonly nodes: readonly NodeDecl[];
  readonly relationships: readonly RelDecl[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Declares a schema contribution, checking names and references early. */
export function defineSchema(schema: GraphSchema): GraphSchema {
  for (const n of schema.nodes) {
    if (!NAME.test(n.label)) throw new CgcError('SCHEMA_INVALID', `invalid label name "${n.label}"`);
    if (n.properties[n.key] !== 'string') {
      throw new CgcError('SCHEMA_INVALID', `label ${n.label}: key "${n.key}" must be a string property`);
    }
    for (const p of Object.keys(n.properties)) {
      if (!NAME.test(p)) throw new CgcError('SCHEMA_INVALID', `label ${n.label}: invalid property "${p}"`);
    }
  }
  for (const r of schema.relationships) {
    if (!NAME.test(r.type)) throw new CgcError('SCHEMA_INVALID', `invalid relationship type "${r.type}"`);
    if (r.from.length === 0 || r.to.length === 0) {
      throw new CgcError('SCHEMA_INVALID', `relationship ${r.type} needs at least one end label each side`);
    }
    for (const [p, v] of Object.entries(r.defaults ?? {})) {
      const type = r.properties[p];
      if (!type || !DEFAULT_OF[type]?.(v)) {
        throw new CgcError(
          'SCHEMA_INVALID',
          `relationship ${r.type}: default of ${p} must be a value of a declared scalar property`,
        );
      }
    }
  }
  return schema;
}

/**
 * Merges schema contributions. The same label or type may be declared twice only
 * with compatible properties; relationship end labels are united.
 */
export function mergeSchemas(...schemas: readonly GraphSchema[]): GraphSchema {
  const nodes = new Map<string, NodeDecl>();
  const rels = new Map<string, RelDecl>();
  for (const s of schemas) {
    for (const n of s.nodes) {
      const prev = nodes.get(n.label);
      if (!prev) {
        nodes.set(n.label, n);
        continue;
      }
      if (prev.key !== n.key) {
        throw new CgcError(
          'SCHEMA_INVALID',
          `label ${n.label} declared with keys "${prev.key}" and "${n.key}"`,
        );
      }
      nodes.set(n.label, {
        label: n.label,
        key: n.key,
        properties: mergeProps(`label ${n.label}`, prev.properties, n.properties),
        indexes: [...new Set([...(prev.indexes ?? []), ...(n.indexes ?? [])])],
      });
    }
    for (const r of s.relationships) {
      const prev = rels.get(r.type);
      rels.set(
        r.type,
        prev
          ? {
              type: r.type,
              from: [...new Set([...prev.from, ...r.from])],
              to: [...new Set([...prev.to, ...r.to])],
              properties: mergeProps(`relationship ${r.type}`, prev.properties, r.properties),
              ...mergeDefaults(r.type, prev.defaults, r.defaults),
            }
          : r,
      );
    }
  }
  for (const r of rels.values()) {
    for (const l of [...r.from, ...r.to]) {
      if (!nodes.has(l)) {
        throw new CgcError('SCHEMA_INVALID', `relationship ${r.type} names undeclared label ${l}`);
      }
    }
  }
  return { nodes: [...nodes.values()], relationships: [...rels.values()] };
}

function mergeDefaults(
  type: string,
  a: RelDecl['defaults'],
  b: RelDecl['defaults'],
): Pick<RelDecl, 'defaults'> {
  if (!a && !b) return {};
  const out = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) {
    if (k in out && out[k] !== v) {
      throw new CgcError('SCHEMA_INVALID', `relationship ${type}: property ${k} has two defaults`);
    }
    out[k] = v;
  }
  return { defaults: out };
}

function mergeProps(
  what: string,
  a: Readonly<Record<string, PropertyType>>,
  b: Readonly<Record<string, PropertyType>>,
): Record<string, PropertyType> {
  const out: Record<string, PropertyType> = { ...a };
  for (const [k, t] of Object.entries(b)) {
    if (out[k] && out[k] !== t) {
      throw new CgcError('SCHEMA_INVALID', `${what}: property ${k} declared as ${out[k]} and ${t}`);
    }
    out[k] = t;
  }
  return out;
}

/** Looks up a node declaration or throws SCHEMA_UNDECLARED. */
export function nodeDecl(schema: GraphSchema, label: string): NodeDecl {
  const d = schema.nodes.find((n) => n.label === label);
  if (!d) throw new CgcError('SCHEMA_UNDECLARED', `label ${label} is not declared`);
  return d;
}

/** Looks up a relationship declaration or throws SCHEMA_UNDECLARED. */
export function relDecl(schema: GraphSchema, type: string): RelDecl {
  const d = schema.relationships.find((r) => r.type === type);
  if (!d) throw new CgcError('SCHEMA_UNDECLARED', `relationship type ${type} is not declared`);
  return d;
}
