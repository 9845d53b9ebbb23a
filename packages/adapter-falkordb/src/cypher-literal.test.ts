import { isCgcError } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { cypherLiteral, cypherWithParams, typedLiteral } from './cypher-literal.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isCgcError(err) ? err.code : `not a CgcError: ${String(err)}`;
  }
  return 'no error';
};

describe('Cypher literals for FalkorDB parameters', () => {
  it('writes integers as integers and floats with a fraction or exponent', () => {
    expect(cypherLiteral(42, 'x')).toBe('42');
    expect(cypherLiteral(-7, 'x')).toBe('-7');
    expect(cypherLiteral(2 ** 60, 'x')).toBe('1152921504606846976');
    expect(cypherLiteral(2n ** 63n - 1n, 'x')).toBe('9223372036854775807');
    expect(cypherLiteral(0.1, 'x')).toBe('0.1');
    expect(cypherLiteral(1e-7, 'x')).toBe('1e-7');
    expect(cypherLiteral(3, 'x', true)).toBe('3.0');
    expect(cypherLiteral(1e21, 'x', true)).toBe('1e+21');
    expect(typedLiteral('float[]', [1, 2.5], 'x')).toBe('[1.0,2.5]');
    expect(typedLiteral('int', 5, 'x')).toBe('5');
  });

  it('escapes strings and quotes map keys', () => {
    expect(cypherLiteral('a"b\\c', 'x')).toBe('"a\\"b\\\\c"');
    expect(cypherLiteral({ 'a b': [true, null] }, 'x')).toBe('{`a b`:[true,null]}');
  });

  it('prefixes parameters and leaves parameterless queries alone', () => {
    expect(cypherWithParams('RETURN 1', {})).toBe('RETURN 1');
    expect(cypherWithParams('RETURN $a, $b', { a: 1, b: 's' })).toBe('CYPHER a=1 b="s" RETURN $a, $b');
  });

  it('refuses what cannot be written faithfully', () => {
    expect(code(() => cypherLiteral(Number.NaN, 'x'))).toBe('INVALID_INPUT');
    expect(code(() => cypherLiteral(2n ** 63n, 'x'))).toBe('INVALID_INPUT');
    expect(code(() => cypherLiteral('a\u0000b', 'x'))).toBe('INVALID_INPUT');
    expect(code(() => cypherLiteral({ 'a`b': 1 }, 'x'))).toBe('INVALID_INPUT');
    expect(code(() => cypherWithParams('RETURN 1', { 'bad name': 1 }))).toBe('INVALID_INPUT');
    expect(code(() => typedLiteral('int', 1.5, 'x'))).toBe('INVALID_INPUT');
  });
});
