import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { languageFor } from './languages/index.js';
import type { LanguageSpec } from './languages/types.js';

/** Directory names never indexed (dependencies, VCS data, build outputs, caches). */
export const DEFAULT_IGNORED_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'vendor',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.next',
  '.nuxt',
  '.turbo',
  '.gradle',
  '.idea',
  '.cache',
  'site-packages',
];

/** A source file selected for indexing. */
export interface SourceFile {
  readonly abs: string;
  /** Path relative to the repository root, with `/` separators. */
  readonly rel: string;
  readonly size: number;
  readonly lang: LanguageSpec;
}

/** Options of {@link listSourceFiles}. */
export interface ListOptions {
  readonly maxFileBytes: number;
  readonly warn: (message: string) => void;
  readonly signal?: AbortSignal;
  readonly ignoredDirs?: readonly string[];
  /** Ignore files read in every directory (default `.gitignore` and `.cgcignore`). */
  readonly ignoreFiles?: readonly string[];
  /** Counts the files and directories the ignore files' rules excluded (not the default ones). */
  readonly excluded?: { count: number };
}

interface Rules {
  /** Directory of the ignore file, relative to the root ('' for the root). */
  readonly base: string;
  readonly ig: Ignore;
}

async function readRules(dirAbs: string, base: string, names: readonly string[]): Promise<Rules | undefined> {
  let text = '';
  for (const name of names) {
    try {
      text += `${await readFile(join(dirAbs, name), 'utf8')}\n`;
    } catch {
      // absent or unreadable: no rules from it
    }
  }
  return text.trim() ? { base, ig: ignore().add(text) } : undefined;
}

function ignoredBy(rules: readonly Rules[], rel: string, isDir: boolean): boolean {
  for (const r of rules) {
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    if (sub && r.ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/**
 * Lists the files to index under `root`: nested `.gitignore`/`.cgcignore` rules
 * (gitignore semantics), default ignored directories, supported extensions, a
 * size limit; symlink loops and unreadable directories become warnings.
 */
export async function listSourceFiles(root: string, options: ListOptions): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const skipDirs = new Set(options.ignoredDirs ?? DEFAULT_IGNORED_DIRS);
  const seen = new Set<string>();
  const stack: { abs: string; rel: string; rules: readonly Rules[] }[] = [{ abs: root, rel: '', rules: [] }];
  seen.add(await realpath(root));
  while (stack.length) {
    if (options.signal?.aborted) break;
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir.abs, { withFileTypes: true });
    } catch (err) {
      options.warn(`cannot read directory ${dir.rel || '.'}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      continue;
    }
    const own = await readRules(dir.abs, dir.rel, options.ignoreFiles ?? ['.gitignore', '.cgcignore']);
    const rules = own ? [...dir.rules, own] : dir.rules;
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const abs = join(dir.abs, e.name);
      const rel = dir.rel ? `${dir.rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let size = -1;
      if (e.isSymbolicLink()) {
        try {
          const s = await stat(abs);
          isDir = s.isDirectory();
          isFile = s.isFile();
          size = s.size;
        } catch {
          options.warn(`skipped broken symlink ${rel}`);
          continue;
        }
      }
      if (isDir) {
        if (skipDirs.has(e.name)) continue;
        if (ignoredBy(rules, rel, true)) {
          if (options.excluded) options.excluded.count++;
          continue;
        }
        let real: string;
        try {
          real = await realpath(abs);
        } catch {
          continue;
        }
        if (seen.has(real)) {
          options.warn(`skipped ${rel}: symlink loop or directory already indexed`);
          continue;
        }
        seen.add(real);
        stack.push({ abs, rel, rules });
        continue;
      }
      if (!isFile) continue;
      const lang = languageFor(e.name);
      if (!lang) continue;
      if (ignoredBy(rules, rel, false)) {
        if (options.excluded) options.excluded.count++;
        continue;
      }
      if (size < 0) {
        try {
          size = (await stat(abs)).size;
        } catch (err) {
          options.warn(`skipped ${rel}: ${(err as NodeJS.ErrnoException).code ?? err}`);
          continue;
        }
      }
      if (size > options.maxFileBytes) {
        options.warn(`skipped ${rel}: ${size} bytes is over the ${options.maxFileBytes}-byte limit`);
        continue;
      }
      out.push({ abs, rel, size, lang });
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
