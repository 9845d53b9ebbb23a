import { describe, expect, it } from 'vitest';
import { calledFunction } from './called-function.js';

describe('calledFunction', () => {
  it('names the function a call expression calls', () => {
    expect(calledFunction('make(x)')).toBe('make');
    expect(calledFunction('a.b(x, (y))')).toBe('a.b');
    expect(calledFunction('ParserBuilder::new().octal(true)')).toBe('ParserBuilder::new().octal');
    expect(calledFunction('builder().setName("a").build()')).toBe('builder().setName("a").build');
    expect(calledFunction('$this->repo()->find(1)')).toBe('$this->repo()->find');
  });

  it('refuses what is not a call of a name or member', () => {
    expect(calledFunction('x')).toBeUndefined();
    expect(calledFunction('(a + b)')).toBeUndefined();
    expect(calledFunction('items[0].get()')).toBeUndefined();
    expect(calledFunction('new Foo()')).toBeUndefined();
    expect(calledFunction('(await load())')).toBeUndefined();
  });
});
