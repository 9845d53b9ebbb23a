import { describe, expect, it } from 'vitest';
import { bodyCalls } from './c-function-macros.js';

const calls = (define: string, name: string) => bodyCalls(define, 0, name);

describe('bodyCalls', () => {
  it('reads a body over continuation lines, with each call and its arguments', () => {
    const text = '#define append(pool, c) \\\n  ((pool)->ptr == (pool)->end && !grow(pool, 1)) \\\n  ? 0 : 1';
    expect(calls(text, 'append')).toEqual([{ name: 'grow', argc: 2 }]);
  });

  it('skips parameters, members, keywords and strings', () => {
    expect(calls('#define apply(fn, x) ((fn)(x), (x)->hook(x), sizeof(x), puts("g(x)"))', 'apply')).toEqual([
      { name: 'puts', argc: 1 },
    ]);
  });

  it('is undefined when the body calls the function of its own name', () => {
    expect(calls('#define clamp(x) clamp((x), 0)', 'clamp')).toBeUndefined();
  });

  it('skips calls written in comments', () => {
    const text = '#define bytein(m) \\\n{ /* Given init_dec() we know */ \\\n  (m)->bp++; } // then fill(m)';
    expect(calls(text, 'bytein')).toEqual([]);
  });
});
