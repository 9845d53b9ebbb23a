import { describe, expect, it } from 'vitest';
import type { ParamIR } from '../ir.js';
import { pickCppOverload } from './cpp-overloads.js';
import type { ClassSym, FnSym } from './symbols.js';

const cls = { type: 'class', ir: { name: 'Offset', fqn: 'Sass::Offset' } } as unknown as ClassSym;
const ctor = (...types: string[]): FnSym =>
  ({
    type: 'function',
    ir: { params: types.map((type, i): ParamIR => ({ name: `p${i}`, type })) },
  }) as unknown as FnSym;
// `int f(int a = 0, …)`: `?` after a type marks a default value; `const` a const member function
const fn = (types: string[], more: { isConst?: boolean } = {}): FnSym =>
  ({
    type: 'function',
    ir: {
      params: types.map(
        (t, i): ParamIR => ({
          name: `p${i}`,
          type: t.replace('?', ''),
          ...(t.endsWith('?') ? { optional: true } : {}),
        }),
      ),
      ...more,
    },
  }) as unknown as FnSym;

describe('C++ overload choice', () => {
  const str = ctor('std::string');
  const chars = ctor('char');
  const pair = ctor('int', 'int');
  const fns = [chars, str, pair];

  it('takes the one candidate every known argument matches exactly', () => {
    expect(pickCppOverload(fns, { argc: 1, argTypes: 'std::string' })).toBe(str);
    expect(pickCppOverload(fns, { argc: 2, argTypes: 'int,?' })).toBe(pair);
  });
  it('gives nothing among several of the arity when the types do not tell', () => {
    expect(pickCppOverload(fns, { argc: 1 })).toBeUndefined();
    expect(pickCppOverload(fns, { argc: 1, argTypes: 'size_t' })).toBeUndefined();
  });
  it('keeps the only candidate of the arity whatever conversion the argument needs', () => {
    expect(pickCppOverload(fns, { argc: 2, argTypes: 'size_t,size_t' })).toBe(pair);
  });
  it('never takes another constructor for a copy of the class', () => {
    expect(pickCppOverload([chars, pair], { argc: 1, argTypes: 'Offset' }, cls)).toBeUndefined();
    expect(pickCppOverload([chars, pair], { argc: 1, argTypes: 'int' }, cls)).toBe(chars);
    // `Offset(const Offset* p)` reads as `Offset(Offset)`
    expect(pickCppOverload([chars, ctor('Offset')], { argc: 1, argTypes: 'Offset' }, cls)).toBeUndefined();
  });
  it('counts parameters with default values as ones a call may leave out', () => {
    const both = fn(['double?', 'double?']);
    const point = fn(['IntPoint']);
    expect(pickCppOverload([both, point], { argc: 0 })).toBe(both);
    expect(pickCppOverload([both, point], { argc: 1 })).toBeUndefined();
    expect(pickCppOverload([both, point], { argc: 1, argTypes: 'IntPoint' })).toBe(point);
    expect(pickCppOverload([fn(['int', 'bool?'])], { argc: 0 })).toBeUndefined();
  });
  it('takes the exact arity over an `#if` alternative with the same leading parameters', () => {
    const three = fn(['long?', 'long?', 'long?']);
    const two = fn(['long?', 'long?']);
    expect(pickCppOverload([three, two], { argc: 2 })).toBe(two);
  });
  it('chooses between const and non-const members by the constness of `this`', () => {
    const mutable = fn(['int']);
    const constant = fn(['int'], { isConst: true });
    expect(pickCppOverload([mutable, constant], { argc: 1 })).toBeUndefined();
    expect(pickCppOverload([mutable, constant], { argc: 1, constThis: false })).toBe(mutable);
    expect(pickCppOverload([mutable, constant], { argc: 1, constThis: true })).toBe(constant);
  });
});
