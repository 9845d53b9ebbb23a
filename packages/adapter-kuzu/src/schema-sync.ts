import { CgcError, type GraphSchema, type NodeDecl, type RelDecl } from '@cgc/core';
import { literal } from './batch-copy.js';
import { KUZU_TYPES, q } from './row-codec.js';

/** A table as the Kuzu catalog describes it. */
export interface TableInfo {
  readonly kind: 'NODE' | 'REL';
  /** Column name to Kuzu type, in table order. */
  readonly columns: Map<string, string>;
  readonly primaryKey?: string;
  /** `from\0to` label pairs of a relationship table. */
  readonly pairs: Set<string>;
}

/** Runs one statement and returns its rows. */
export type Run = (cypher: string) => Promise<Record<string, unknown>[]>;

const pairKey = (from: string, to: string) => `${from}\u0000${to}`;

/** Reads every table of the database with its columns and, for relationship tables, its label pairs. */
export async function readCatalog(run: Run): Promise<Map<string, TableInfo>> {
  const out = new Map<string, TableInfo>();
  for (const t of await run('CALL show_tables() RETURN name, type')) {
    const name = String(t.name);
    const kind = t.type === 'REL' ? 'REL' : t.type === 'NODE' ? 'NODE' : undefined;
    if (!kind) continue;
    const columns = new Map<string, string>();
    let primaryKey: string | undefined;
    for (const c of await run(`CALL table_info('${name.replace(/'/g, "\\'")}') RETURN *`)) {
      columns.set(String(c.name), String(c.type));
      if (c['primary key'] === true) primaryKey = String(c.name);
    }
    const pairs = new Set<string>();
    if (kind === 'REL') {
      for (const p of await run(`CALL show_connection('${name.replace(/'/g, "\\'")}') RETURN *`)) {
        pairs.add(pairKey(String(p['source table name']), String(p['destination table name'])));
      }
    }
    out.set(name, primaryKey === undefined ? { kind, columns, pairs } : { kind, columns, primaryKey, pairs });
  }
  return out;
}

type Defaults = RelDecl['defaults'];

// A declared default goes into the column (Kuzu fills it on every insert path that leaves it out).
const column = (p: string, t: keyof typeof KUZU_TYPES, defaults: Defaults) =>
  `${q(p)} ${KUZU_TYPES[t]}${defaults?.[p] === undefined ? '' : ` DEFAULT ${literal(defaults[p])}`}`;

const columnDefs = (props: Readonly<Record<string, keyof typeof KUZU_TYPES>>, defaults?: Defaults) =>
  Object.entries(props).map(([p, t]) => column(p, t, defaults));

function nodeStatements(decl: NodeDecl, table: TableInfo | undefined): string[] {
  if (!table) {
    const cols = columnDefs(decl.properties);
    return [
      `CREATE NODE TABLE IF NOT EXISTS ${q(decl.label)}(${cols.join(', ')}, PRIMARY KEY(${q(decl.key)}))`,
    ];
  }
  if (table.kind !== 'NODE') {
    throw new CgcError(
      'SCHEMA_INVALID',
      `label ${decl.label} clashes with the relationship table of that name`,
    );
  }
  if (table.primaryKey !== decl.key) {
    throw new CgcError(
      'SCHEMA_INVALID',
      `label ${decl.label} is keyed by "${decl.key}" but its Kuzu table by "${table.primaryKey}"; the database was created by another schema`,
    );
  }
  return addColumns(`label ${decl.label}`, decl.label, decl.properties, table);
}

function relStatements(decl: RelDecl, table: TableInfo | undefined, nodes: Set<string>): string[] {
  const pairs = decl.from.flatMap((f) => decl.to.map((t) => [f, t] as const));
  for (const [f, t] of pairs) {
    if (!nodes.has(f) || !nodes.has(t)) {
      throw new CgcError(
        'SCHEMA_INVALID',
        `relationship ${decl.type} names undeclared label ${nodes.has(f) ? t : f}`,
      );
    }
  }
  if (!table) {
    const ends = pairs.map(([f, t]) => `FROM ${q(f)} TO ${q(t)}`);
    return [
      `CREATE REL TABLE IF NOT EXISTS ${q(decl.type)}(${[...ends, ...columnDefs(decl.properties, decl.defaults)].join(', ')})`,
    ];
  }
  if (table.kind !== 'REL') {
    throw new CgcError(
      'SCHEMA_INVALID',
      `relationship ${decl.type} clashes with the node table of that name`,
    );
  }
  // Kuzu 0.11 adds label pairs to an existing (even non-empty) relationship table.
  const added = pairs
    .filter(([f, t]) => !table.pairs.has(pairKey(f, t)))
    .map(([f, t]) => `ALTER TABLE ${q(decl.type)} ADD FROM ${q(f)} TO ${q(t)}`);
  return [
    ...added,
    ...addColumns(`relationship ${decl.type}`, decl.type, decl.properties, table, decl.defaults),
  ];
}

function addColumns(
  what: string,
  name: string,
  props: Readonly<Record<string, keyof typeof KUZU_TYPES>>,
  table: TableInfo,
  defaults?: Defaults,
): string[] {
  const out: string[] = [];
  for (const [p, t] of Object.entries(props)) {
    const have = table.columns.get(p);
    // A column added to stored rows gives them its default too: they never had the property.
    if (have === undefined) out.push(`ALTER TABLE ${q(name)} ADD ${column(p, t, defaults)}`);
    else if (have !== KUZU_TYPES[t]) {
      throw new CgcError(
        'SCHEMA_INVALID',
        `${what}: property ${p} is declared ${t} (${KUZU_TYPES[t]}) but stored as ${have}; changing a column type needs a new database`,
      );
    }
  }
  return out;
}

/** The DDL that brings the catalog up to the declared schema: new tables, columns and label pairs. */
export function schemaStatements(schema: GraphSchema, catalog: ReadonlyMap<string, TableInfo>): string[] {
  const nodes = new Set(schema.nodes.map((n) => n.label));
  return [
    ...schema.nodes.flatMap((n) => nodeStatements(n, catalog.get(n.label))),
    ...schema.relationships.flatMap((r) => relStatements(r, catalog.get(r.type), nodes)),
  ];
}
