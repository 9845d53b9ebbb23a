import {
  CgcError,
  type GraphNode,
  type GraphParam,
  type GraphParams,
  type GraphPath,
  type GraphRelationship,
  normaliseInteger,
} from '@cgc/core';

type KuzuObject = Record<string, unknown>;

const isObject = (v: unknown): v is KuzuObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRel = (v: KuzuObject) => '_src' in v && '_dst' in v && '_label' in v;
const isNode = (v: KuzuObject) => '_label' in v && '_id' in v && !('_src' in v);
const isPath = (v: KuzuObject) => Array.isArray(v._nodes) && Array.isArray(v._rels);

// Kuzu returns every column of a table, unset ones as null; other engines omit
// absent properties, so nulls are dropped to give the same shape everywhere.
function properties(v: KuzuObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('_') || x === null || x === undefined) continue;
    out[k] = fromKuzu(x);
  }
  return out;
}

function toNode(v: KuzuObject): GraphNode {
  return { kind: 'node', label: String(v._label), properties: properties(v) };
}

function toRel(v: KuzuObject): GraphRelationship {
  return { kind: 'relationship', type: String(v._label), properties: properties(v) };
}

/** Converts one Kuzu result value to the shapes shared by every adapter. */
export function fromKuzu(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return normaliseInteger(v);
  if (Array.isArray(v)) return v.map(fromKuzu);
  if (!isObject(v) || v instanceof Date) return v;
  if (isPath(v)) {
    const path: GraphPath = {
      kind: 'path',
      nodes: (v._nodes as KuzuObject[]).map(toNode),
      relationships: (v._rels as KuzuObject[]).map(toRel),
    };
    return path;
  }
  if (isRel(v)) return toRel(v);
  if (isNode(v)) return toNode(v);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = fromKuzu(x);
  return out;
}

type Kind = 'null' | 'int' | 'bigint' | 'float' | 'string' | 'boolean' | 'list' | 'map';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'bigint';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return Array.isArray(v) ? 'list' : 'map';
}

// Kuzu's Node binding types a list by its first element and then reinterprets
// the bytes of elements of another type (an integer in a float list comes back as
// garbage), so lists are checked here and mixed ones refused or widened.
function toKuzuValue(v: GraphParam | undefined, where: string): unknown {
  const kind = kindOf(v);
  if (kind === 'list') {
    const list = (v as readonly GraphParam[]).map((x, i) => toKuzuValue(x, `${where}[${i}]`));
    if (list.length === 0) return null;
    const kinds = new Set(list.map(kindOf));
    kinds.delete('null');
    if (kindOf(list[0]) === 'null' && kinds.size > 0) {
      throw new CgcError(
        'INVALID_INPUT',
        `parameter ${where}: Kuzu cannot take a list whose first element is null`,
      );
    }
    if (kinds.size <= 1) return list;
    if (kinds.size === 2 && kinds.has('int') && kinds.has('bigint')) {
      return list.map((x) => (typeof x === 'number' ? BigInt(x) : x));
    }
    throw new CgcError(
      'INVALID_INPUT',
      `parameter ${where}: Kuzu needs lists of one type, got ${[...kinds].join(' and ')} (pass floats as strings and CAST them)`,
    );
  }
  if (kind === 'map') {
    const entries = Object.entries(v as Record<string, GraphParam>);
    if (entries.length === 0) return null;
    return Object.fromEntries(entries.map(([k, x]) => [k, toKuzuValue(x, `${where}.${k}`)]));
  }
  if (kind === 'float' && !Number.isFinite(v)) {
    throw new CgcError('INVALID_INPUT', `parameter ${where}: ${String(v)} cannot be passed to Kuzu`);
  }
  return v ?? null;
}

/** Turns query parameters into values Kuzu's Node binding stores faithfully. */
export function toKuzuParams(params: GraphParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = toKuzuValue(v, k);
  return out;
}

// Parameter references outside string literals, quoted names and comments.
const TOKENS =
  /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|\/\/[^\n]*|\/\*[\s\S]*?\*\/|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const IN_NULL = /\bIN\s+NULL\b/i;

/**
 * A statement and its parameters made safe for Kuzu 0.11.3, whose process dies (segfault) on
 * an empty list parameter and on `x IN null`: a top-level empty list is written into the
 * statement as the literal `[]` (which Kuzu handles), and `IN` over a null parameter or `IN
 * NULL` is refused with INVALID_INPUT. Nested empty lists and maps are sent as null.
 */
export function bindStatement(
  cypher: string,
  params: GraphParams,
): { cypher: string; params: Record<string, unknown> } {
  const inlined = new Set(
    Object.entries(params)
      .filter(([, v]) => Array.isArray(v) && v.length === 0)
      .map(([k]) => k),
  );
  const out = toKuzuParams(params);
  for (const k of inlined) delete out[k];
  let sawInNull = false;
  const text = cypher.replace(TOKENS, (token: string, name: string | undefined, at: number) => {
    if (name === undefined) return token;
    if (out[name] === null && /\bIN\s*$/i.test(cypher.slice(Math.max(0, at - 16), at))) sawInNull = true;
    return inlined.has(name) ? '[]' : token;
  });
  const code = cypher.replace(TOKENS, (t: string, name: string | undefined) =>
    name === undefined ? ' ' : t,
  );
  if (sawInNull || IN_NULL.test(code)) {
    throw new CgcError(
      'INVALID_INPUT',
      'Kuzu 0.11 crashes on `IN` over a null list: pass a list (an empty one is fine) or test for null first',
    );
  }
  return { cypher: text, params: out };
}
