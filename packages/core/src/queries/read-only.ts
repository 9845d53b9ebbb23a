import type { GraphParams, GraphRow } from '../adapter.js';
import { CgcError } from '../errors.js';
import type { GraphStore } from '../store.js';

/** Options of {@link runReadOnlyQuery}. */
export interface ReadOnlyOptions {
  /** Rows kept in the answer (default 1000). */
  readonly maxRows?: number;
  readonly timeoutMs?: number;
}

/** Answer of {@link runReadOnlyQuery}. */
export interface ReadOnlyResult {
  readonly columns: readonly string[];
  readonly rows: readonly GraphRow[];
  readonly rowCount: number;
  readonly truncated: boolean;
}

const MAX_LENGTH = 100_000;
const PARAM = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Clauses that reach the file system, the network or other databases. Refused on top of the
// engine's read mode because some engines treat them as reads (LOAD CSV, COPY ... TO a file).
const OUTSIDE = [
  /\bLOAD\s+(CSV|FROM|EXTENSION|JSON)\b/i,
  /\bCOPY\s*(\(|[A-Za-z_]\w*\s+(FROM|TO)\b)/i,
  /\b(EXPORT|IMPORT)\s+DATABASE\b/i,
  /\b(INSTALL|UNINSTALL)\s+[A-Za-z_]/i,
  /\bATTACH\s+''/i,
  /\bDETACH\s+DATABASE\b/i,
  /\bapoc\s*\.\s*(load|export|import|log|systemdb|trigger)\b/i,
];

/**
 * The statement with comments, string literals and quoted identifiers blanked out, so that
 * keyword checks see only the query's own words, however it is spaced, cased or commented.
 */
export function codeOnly(cypher: string): string {
  let out = '';
  for (let i = 0; i < cypher.length; ) {
    const c = cypher[i]!;
    const two = cypher.slice(i, i + 2);
    if (two === '//') {
      const end = cypher.indexOf('\n', i);
      i = end < 0 ? cypher.length : end;
      out += ' ';
    } else if (two === '/*') {
      const end = cypher.indexOf('*/', i + 2);
      i = end < 0 ? cypher.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < cypher.length && cypher[j] !== c) j += cypher[j] === '\\' ? 2 : 1;
      i = j + 1;
      out += c === '`' ? ' _ ' : " '' ";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Runs a user's Cypher statement read-only. The engine enforces it (GraphStore.read opens a read
 * transaction or read-only command), so spacing, casing, comments or procedures cannot turn it into
 * a write; adapters that cannot guarantee that are refused. Clauses touching files or other
 * databases are refused as well.
 */
export async function runReadOnlyQuery(
  store: GraphStore,
  cypher: string,
  params: GraphParams = {},
  options: ReadOnlyOptions = {},
): Promise<ReadOnlyResult> {
  if (typeof cypher !== 'string' || cypher.trim() === '')
    throw new CgcError('INVALID_INPUT', 'the query is empty');
  if (cypher.length > MAX_LENGTH)
    throw new CgcError('INVALID_INPUT', `the query is longer than ${MAX_LENGTH} characters`);
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new CgcError('INVALID_INPUT', 'query parameters must be an object');
  }
  for (const k of Object.keys(params)) {
    if (!PARAM.test(k)) throw new CgcError('INVALID_INPUT', `invalid parameter name "${k}"`);
  }
  if (!store.adapter.capabilities.readOnlyQueries) {
    throw new CgcError('UNSUPPORTED', `the ${store.adapter.name} adapter cannot enforce read-only queries`);
  }
  const code = codeOnly(cypher);
  const outside = OUTSIDE.map((re) => re.exec(code)).find(Boolean);
  if (outside) {
    throw new CgcError(
      'READ_ONLY_VIOLATION',
      `${outside[0].replace(/\s+/g, ' ').toUpperCase()} is not allowed in a read-only query`,
    );
  }
  const maxRows = options.maxRows ?? 1000;
  const rows = await store.read(cypher, params, options.timeoutMs);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { columns, rows: rows.slice(0, maxRows), rowCount: rows.length, truncated: rows.length > maxRows };
}
