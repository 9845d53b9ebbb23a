import { describe, expect, it } from 'vitest';
import { docReturnType, jsDocType, withDocTypes } from './js-doc-types.js';

describe('jsDocType', () => {
  it('reads one class name', () => {
    expect(jsDocType('Chunk')).toBe('Chunk');
    expect(jsDocType('Chunk=')).toBe('Chunk');
    expect(jsDocType('?Chunk')).toBe('Chunk');
    expect(jsDocType('Chunk | undefined')).toBe('Chunk');
    expect(jsDocType('(Chunk | null)')).toBe('Chunk');
    expect(jsDocType('SortableSet<Module>')).toBe('SortableSet');
  });

  it('names no class for arrays, unions, functions and inline imports', () => {
    expect(jsDocType('Chunk[]')).toBeUndefined();
    expect(jsDocType('Array<Chunk>')).toBeUndefined();
    expect(jsDocType('Chunk | Module')).toBeUndefined();
    expect(jsDocType('function(Chunk): void')).toBeUndefined();
    expect(jsDocType('(a: Chunk) => void')).toBeUndefined();
    expect(jsDocType('import("./Chunk")')).toBeUndefined();
    expect(jsDocType('{ a: Chunk }')).toBeUndefined();
  });
});

describe('withDocTypes', () => {
  it('types the parameters the comment names, keeping declared types', () => {
    const doc = '@param {Chunk} chunk the chunk\n@param {Option=} [option] maybe\n@param {Other} typed';
    const out = withDocTypes([{ name: 'chunk' }, { name: 'option' }, { name: 'typed', type: 'T' }], doc);
    expect(out).toEqual([
      { name: 'chunk', type: 'Chunk' },
      { name: 'option', type: 'Option' },
      { name: 'typed', type: 'T' },
    ]);
  });

  it('reads the return type', () => {
    expect(docReturnType('@returns {Chunk} one')).toBe('Chunk');
    expect(docReturnType('@return {Chunk[]} many')).toBeUndefined();
    expect(docReturnType(undefined)).toBeUndefined();
  });
});
