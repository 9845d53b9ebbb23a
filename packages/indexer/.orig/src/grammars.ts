import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { LanguageSpec } from './languages/types.js';

const require = createRequire(import.meta.url);
let init: Promise<void> | undefined;
const loaded = new Map<string, Promise<Language | undefined>>();

/** Why a language is unavailable, for warnings. */
export interface GrammarFailure {
  readonly lang: string;
  readonly reason: string;
}

/** Initialises web-tree-sitter once per thread. */
export function initParser(): Promise<void> {
  init ??= Parser.init();
  return init;
}

/** Resolves the wasm file of a grammar inside its npm package. */
export function grammarPath(pkg: string, file: string): string {
  return require.resolve(`${pkg}/${file}`);
}

/**
 * Loads a language's grammar, trying its grammar packages in order. Resolves to
 * undefined (and reports why) when none loads: that language is then disabled.
 */
export function loadGrammar(
  spec: LanguageSpec,
  onFail?: (f: GrammarFailure) => void,
): Promise<Language | undefined> {
  let p = loaded.get(spec.id);
  if (!p) {
    p = (async () => {
      await initParser();
      const reasons: string[] = [];
      for (const g of spec.grammars) {
        try {
          const bytes = await readFile(grammarPath(g.pkg, g.file));
          const lang = await Language.load(new Uint8Array(bytes));
          // A grammar whose ABI the runtime cannot run fails on first use, not on load.
          const parser = new Parser();
          try {
            parser.setLanguage(lang);
            parser.parse('')?.delete();
          } finally {
            parser.delete();
          }
          return lang;
        } catch (err) {
          reasons.push(`${g.pkg}/${g.file}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      onFail?.({ lang: spec.id, reason: reasons.join('; ') || 'no grammar declared' });
      return undefined;
    })();
    loaded.set(spec.id, p);
  }
  return p;
}
