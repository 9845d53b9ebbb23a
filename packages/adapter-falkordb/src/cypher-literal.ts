import { CgcError, type GraphParam, type GraphParams, type PropertyType } from '@cgc/core';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * FalkorDB takes parameters only as a `CYPHER name=value ...` prefix of the query text,
 * so every value is written as a Cypher literal here. Integers stay integers (bigint
 * included, up to 64 bits), floats always carry a fraction or exponent, strings are
 * escaped for FalkorDB's double-quoted literal (which reads backslash escapes).
 */
export function cypherWithParams(cypher: string, params: GraphParams): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!NAME.test(k)) throw new CgcError('INVALID_INPUT', `invalid parameter name "${k}"`);
    parts.push(`${k}=${cypherLiteral(v, `$${k}`)}`);
  }
  return parts.length === 0 ? cypher : `CYPHER ${parts.join(' ')} ${cypher}`;
}

/** Writes one value as a Cypher literal; `asFloat` forces integral numbers into float form. */
export function cypherLiteral(v: GraphParam, path: string, asFloat = false): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return stringLiteral(v, path);
    case 'number':
      return numberLiteral(v, path, asFloat);
    case 'bigint':
      if (asFloat) return numberLiteral(Number(v), path, true);
      if (v < INT64_MIN || v > INT64_MAX) {
        throw new CgcError('INVALID_INPUT', `${path}: ${v} does not fit in a 64-bit integer`);
      }
      return v.toString();
  }
  if (Array.isArray(v)) {
    return `[${v.map((x, i) => cypherLiteral(x as GraphParam, `${path}[${i}]`, asFloat)).join(',')}]`;
  }
  const body = Object.entries(v as Record<string, GraphParam>).map(([k, x]) => {
    // FalkorDB's parser has no escape for a backtick inside a quoted name.
    if (k.includes('`')) throw new CgcError('INVALID_INPUT', `${path}: map key "${k}" contains a backtick`);
    return `\`${k}\`:${cypherLiteral(x, `${path}.${k}`)}`;
  });
  return `{${body.join(',')}}`;
}

/** A literal for a value of a declared property type (`float` values are always floats). */
export function typedLiteral(type: PropertyType | undefined, v: GraphParam, path: string): string {
  if (type === 'int' || type === 'int[]') {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'number' && !Number.isInteger(x)) {
        throw new CgcError('INVALID_INPUT', `${path}: ${x} is not an integer`);
      }
    }
  }
  return cypherLiteral(v, path, type === 'float' || type === 'float[]');
}

function numberLiteral(v: number, path: string, asFloat: boolean): string {
  if (!Number.isFinite(v)) throw new CgcError('INVALID_INPUT', `${path}: ${v} cannot be stored`);
  if (!Number.isInteger(v)) return String(v);
  if (asFloat) {
    const s = String(v);
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  // Integral numbers beyond 2^53 are still integers when they fit in 64 bits.
  if (Number.isSafeInteger(v)) return String(v);
  const b = BigInt(v);
  return b >= INT64_MIN && b <= INT64_MAX ? b.toString() : String(v);
}

function stringLiteral(s: string, path: string): string {
  // The server reads text up to a NUL byte; a silent truncation would corrupt data.
  if (s.includes('\u0000'))
    throw new CgcError('INVALID_INPUT', `${path}: strings with NUL characters cannot be stored`);
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}
