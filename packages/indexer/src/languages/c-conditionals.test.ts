import { describe, expect, it } from 'vitest';
import { alternatives, Conditionals } from './c-conditionals.js';

const lines = (text: string) => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => starts.filter((s) => s <= offset).length;
};

describe('Conditionals', () => {
  const text = [
    '#ifndef TREES_H', // 1: a guard
    '#define TREES_H',
    '#ifdef DEBUG', // 3
    'void f(void) {}',
    '#else',
    '#define f()',
    '#endif',
    'void g(void) {}', // 8
    '#ifndef OMIT', // 9: no guard (no #define OMIT next)
    'void h(void) {}',
    '#endif',
    '#endif',
  ].join('\n');
  const c = new Conditionals(text, lines(text));

  it('leaves include guards out', () => {
    expect(c.at(8)).toEqual([]);
  });

  it('tells the arms of one #if apart', () => {
    expect(alternatives(c.at(4), c.at(6))).toBe(true);
    expect(alternatives(c.at(4), c.at(10))).toBe(false);
    expect(c.at(10)).toHaveLength(1);
  });
});
