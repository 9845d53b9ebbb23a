import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../grammars.js';
import { typescript } from '../languages/javascript.js';
import { extractSource } from './extract.js';

// `<in out K>` is valid TypeScript that tree-sitter-typescript 0.23 cannot parse.
const VARIANCE = [
  'interface Cache<in out K> { get(k: K): void }',
  'export function first(): number { return second(); }',
  'export function second(): number { return 1; }',
  '',
].join('\n');

describe('re-parse of a repaired text', () => {
  it('keeps the repaired parse when it has fewer errors, and the original text', async () => {
    const lang = (await loadGrammar(typescript, () => undefined))!;
    const ctx = { path: 'src/cache.ts' };
    const plain = extractSource({ ...typescript, repair: undefined }, lang, VARIANCE, ctx, {
      storeSource: true,
    });
    expect(plain.errors.length).toBeGreaterThan(0);
    const repaired = extractSource(typescript, lang, VARIANCE, ctx, { storeSource: true });
    expect(repaired.errors).toEqual([]);
    expect(repaired.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['first', 'second']));
    // Stored source is the file's, not the repaired text.
    expect(repaired.functions.find((f) => f.name === 'first')?.source).toContain('first(): number');
    expect(JSON.stringify(repaired)).not.toContain('Cache<      K>');
  });

  it('keeps the original parse when the repair does not reduce the errors', async () => {
    const lang = (await loadGrammar(typescript, () => undefined))!;
    const ctx = { path: 'src/cache.ts' };
    const plain = extractSource({ ...typescript, repair: undefined }, lang, VARIANCE, ctx);
    // Same length, more damage: the second function's braces become garbage.
    const worse = (text: string) =>
      text.replace('second(): number { return 1; }', 'second(): number ) return 1; (');
    const kept = extractSource({ ...typescript, repair: worse }, lang, VARIANCE, ctx);
    expect(kept).toEqual(plain);
    // A repair that changes nothing is not parsed again, and gives the same IR.
    expect(extractSource({ ...typescript, repair: (t) => t }, lang, VARIANCE, ctx)).toEqual(plain);
  });
});
