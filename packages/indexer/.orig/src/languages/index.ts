import { c, cpp } from './c-family.js';
import { csharp } from './csharp.js';
import { go } from './go.js';
import { java } from './java.js';
import { javascript, tsx, typescript } from './javascript.js';
import { kotlin } from './kotlin.js';
import { php } from './php.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { rust } from './rust.js';
import { scala } from './scala.js';
import { swift } from './swift.js';
import type { LanguageSpec } from './types.js';

/** Every language the indexer knows, in extension-lookup order. */
export const LANGUAGES: readonly LanguageSpec[] = [
  python,
  javascript,
  typescript,
  tsx,
  php,
  java,
  go,
  rust,
  c,
  cpp,
  csharp,
  ruby,
  kotlin,
  swift,
  scala,
];

const byExt = new Map<string, LanguageSpec>();
for (const l of LANGUAGES) for (const e of l.extensions) byExt.set(e, l);

/** The language of a file name by its extension, or undefined. */
export function languageFor(fileName: string): LanguageSpec | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : byExt.get(fileName.slice(dot).toLowerCase());
}

/** A language by id. */
export function languageById(id: string): LanguageSpec | undefined {
  return LANGUAGES.find((l) => l.id === id);
}
