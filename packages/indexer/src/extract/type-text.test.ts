import { describe, expect, it } from 'vitest';
import { baseType, functionTypeParam } from './helpers.js';

describe('type texts', () => {
  it('reads a parameter type out of a function type', () => {
    expect(functionTypeParam('(doc: Doc) => void', 0)).toBe('Doc');
    expect(functionTypeParam('(this: Observable<T>, subscriber: Subscriber<T>) => TeardownLogic', 0)).toBe(
      'Subscriber<T>',
    );
    expect(functionTypeParam('((item: Item, doc?: Doc) => void) | undefined', 1)).toBe('Doc');
    expect(functionTypeParam('(m: Map<string, (x: A) => B>, n: N) => void', 1)).toBe('N');
    expect(functionTypeParam('(a: { x: number; y: (z: Z) => void }) => R', 0)).toBe(
      '{ x: number; y: (z: Z) => void }',
    );
  });

  it('says nothing it cannot read', () => {
    expect(functionTypeParam('(doc: Doc) => void', 1)).toBeUndefined();
    expect(functionTypeParam('(...rest: Doc[]) => void', 0)).toBeUndefined();
    expect(functionTypeParam('({ a }: Props) => void', 0)).toBeUndefined();
    expect(functionTypeParam('(a, b) => void', 0)).toBeUndefined();
    expect(functionTypeParam('Doc', 0)).toBeUndefined();
    expect(functionTypeParam('(unclosed: Doc => void', 0)).toBeUndefined();
    expect(baseType('(doc: Doc) => void')).toBeUndefined();
  });
});
