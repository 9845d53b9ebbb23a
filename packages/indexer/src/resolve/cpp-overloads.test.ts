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
});
