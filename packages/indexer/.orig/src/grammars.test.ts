import { describe, expect, it } from 'vitest';
import { loadGrammar } from './grammars.js';
import { LANGUAGES } from './languages/index.js';
import type { LanguageSpec } from './languages/types.js';

describe('grammars', () => {
  for (const spec of LANGUAGES) {
    it(`loads the ${spec.id} grammar from its npm package`, async () => {
      const failures: string[] = [];
      const lang = await loadGrammar(spec, (f) => failures.push(f.reason));
      expect(failures).toEqual([]);
      expect(lang).toBeDefined();
    });
  }

  it('disables a language whose grammar cannot load, with the reason', async () => {
    const broken: LanguageSpec = {
      ...LANGUAGES[0]!,
      id: 'broken',
      grammars: [{ pkg: 'tree-sitter-python', file: 'missing.wasm' }],
    };
    const failures: string[] = [];
    expect(await loadGrammar(broken, (f) => failures.push(f.reason))).toBeUndefined();
    expect(failures[0]).toMatch(/tree-sitter-python\/missing\.wasm/);
  });
});
