import { describe, expect, it } from 'vitest';
import { baseType, declaredAt, functionTypeParam, isArrayType } from './helpers.js';

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

  it('tells arrays from their elements', () => {
    expect(isArrayType('Node[]')).toBe(true);
    expect(isArrayType('readonly Node[]')).toBe(true);
    expect(isArrayType('Node[] | null')).toBe(true);
    expect(isArrayType('[Node, Node]')).toBe(true);
    expect(isArrayType('Node')).toBe(false);
    expect(isArrayType('Node | null')).toBe(false);
    expect(isArrayType('Node[] | Node')).toBe(false);
    expect(isArrayType('Array<Node>')).toBe(false);
  });

  it('finds a local declared for the whole function or on some lines', () => {
    expect(declaredAt({ this: '' }, 'this', 7)).toBe(true);
    expect(declaredAt({ this: '@3-5=;9-9=' }, 'this', 4)).toBe(true);
    expect(declaredAt({ this: '@3-5=;9-9=' }, 'this', 9)).toBe(true);
    expect(declaredAt({ this: '@3-5=;9-9=' }, 'this', 7)).toBe(false);
    expect(declaredAt({}, 'this', 1)).toBe(false);
  });
});
