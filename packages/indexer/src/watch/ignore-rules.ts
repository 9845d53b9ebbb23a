import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Ignore } from 'ignore';
import { DEFAULT_IGNORED_DIRS, ignoreOf, type SourceFile, skipsDir } from '../files.js';
import { languageFor } from '../languages/index.js';

/** Files whose change alters which files are indexed or how imports resolve: a full scan follows. */
export const SETTINGS_FILES: ReadonlySet<string> = new Set([
  '.gitignore',
  '.cgcignore',
  'tsconfig.json',
  'jsconfig.json',
  'go.mod',
]);

/**
 * The indexer's ignore rules for one path at a time, as `listSourceFiles` applies them
 * to a whole tree: default ignored directories, then `.gitignore`/`.cgcignore` of every
 * ancestor directory (gitignore semantics, an ignored directory hides its subtree).
 * Synchronous, so a watcher can prune directories before watching them.
 */
export class IgnoreRules {
  readonly #rules = new Map<string, Ignore | null>();
  readonly #listed = new Map<string, readonly string[]>();
  readonly #skipDirs: ReadonlySet<string>;

  constructor(
    readonly root: string,
    readonly names: readonly string[] = ['.gitignore', '.cgcignore'],
  ) {
    this.#skipDirs = new Set(DEFAULT_IGNORED_DIRS);
  }

  /** Forgets the rules read so far (an ignore file changed). */
  reset(): void {
    this.#rules.clear();
    this.#listed.clear();
  }

  /** The entry names of a directory (cached: build manifests rarely come and go). */
  #entries(parts: readonly string[]): readonly string[] {
    const dir = parts.join('/');
    let names = this.#listed.get(dir);
    if (!names) {
      try {
        names = readdirSync(join(this.root, dir));
      } catch {
        names = [];
      }
      this.#listed.set(dir, names);
    }
    return names;
  }

  #load(dir: string): Ignore | null {
    let ig = this.#rules.get(dir);
    if (ig !== undefined) return ig;
    const texts = this.names.map((name) => {
      try {
        return readFileSync(join(this.root, dir, name), 'utf8');
      } catch {
        return ''; // absent or unreadable: no rules from it
      }
    });
    ig = ignoreOf(texts) ?? null;
    this.#rules.set(dir, ig);
    return ig;
  }

  /** True when `rel` (a path relative to the root, `/`-separated) is ignored. */
  ignored(rel: string, isDir: boolean): boolean {
    if (!rel || rel === '.') return false;
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const dirLike = !last || isDir;
      // The name is checked first: most paths hold no skipped name, and skipsDir's arguments cost joins.
      if (
        dirLike &&
        this.#skipDirs.has(parts[i]!) &&
        skipsDir(
          parts[i]!,
          parts.slice(0, i).join('/'),
          () => this.#entries(parts.slice(0, i)),
          this.#skipDirs,
        )
      )
        return true;
      const path = parts.slice(0, i + 1).join('/');
      // Rules of every directory above this component apply to it.
      for (let j = 0; j <= i; j++) {
        const base = parts.slice(0, j).join('/');
        const ig = this.#load(base);
        if (!ig) continue;
        const sub = base ? path.slice(base.length + 1) : path;
        if (ig.ignores(dirLike ? `${sub}/` : sub)) return true;
      }
    }
    return false;
  }

  /** The source file at `rel` if it would be indexed now, else undefined (absent, ignored, too big, unsupported). */
  sourceFile(rel: string, maxFileBytes: number): SourceFile | undefined {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    const lang = languageFor(name);
    if (!lang || this.ignored(rel, false)) return undefined;
    const abs = join(this.root, rel);
    try {
      const st = statSync(abs);
      if (!st.isFile() || st.size > maxFileBytes) return undefined;
      return { abs, rel, size: st.size, lang };
    } catch {
      return undefined;
    }
  }
}
