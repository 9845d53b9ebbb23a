import type { GraphSchema } from '@cgc/core';

/** Quotes a label, type or property name for Cypher (names are validated by core, this is belt and braces). */
export function q(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/**
 * The statements that make a declared schema real on Neo4j: a uniqueness constraint
 * on each label's key (which also indexes it, so MERGE on the key is a lookup) and a
 * range index on each declared lookup property. All are `IF NOT EXISTS`, so idempotent.
 */
export function schemaStatements(schema: GraphSchema): string[] {
  const out: string[] = [];
  for (const n of schema.nodes) {
    out.push(
      `CREATE CONSTRAINT ${q(`cgc_${n.label}_${n.key}_unique`)} IF NOT EXISTS FOR (n:${q(n.label)}) REQUIRE n.${q(n.key)} IS UNIQUE`,
    );
    for (const p of n.indexes ?? []) {
      if (p === n.key) continue;
      out.push(`CREATE INDEX ${q(`cgc_${n.label}_${p}`)} IF NOT EXISTS FOR (n:${q(n.label)}) ON (n.${q(p)})`);
    }
  }
  return out;
}
