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

/** Names in {@link DEFAULT_IGNORED_DIRS} that a build writes its output under. */
const BUILD_OUTPUT_DIRS: ReadonlySet<string> = new Set(['dist', 'build', 'out', 'target']);
const MANIFEST =
  /^(?:package\.json|tsconfig\.json|pom\.xml|build\.xml|build\.sbt|(?:build|settings)\.gradle(?:\.kts)?|Cargo\.toml|go\.mod|pyproject\.toml|setup\.py|setup\.cfg|composer\.json|Gemfile|Package\.swift|mix\.exs|.+\.(?:csproj|fsproj|sln))$/;

/**
 * Whether a directory named `name`, in the directory `parentRel` whose entries are `siblings`, is
 * skipped as one of `skipDirs`. Build-output names (`build`, `dist`, `out`, `target`) are skipped
 * where builds write them — at the root and beside a project manifest (package.json, pom.xml,
 * Cargo.toml, go.mod…) —, not deeper in a source tree, where they are packages
 * (`org/apache/commons/io/build`, a Go `internal/build`, the kernel's `drivers/target`). A
 * Makefile or CMakeLists.txt is no manifest: large C trees have one in every directory.
 */
export function skipsDir(
  name: string,
  parentRel: string,
  siblings: () => readonly string[],
  skipDirs: ReadonlySet<string>,
): boolean {
  if (!skipDirs.has(name)) return false;
  if (!BUILD_OUTPUT_DIRS.has(name) || parentRel === '') return true;
  return siblings().some((n) => MANIFEST.test(n));
}

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
  const texts = await Promise.all(
    names.map((name) =>
      // absent or unreadable: no rules from it
      readFile(join(dirAbs, name), 'utf8').catch(() => ''),
    ),
  );
  const ig = ignoreOf(texts);
  return ig ? { base, ig } : undefined;
}

/** The matcher of one directory's ignore files (their texts in order, '' for an absent one), if any rule. */
export function ignoreOf(texts: readonly string[]): Ignore | undefined {
  const text = texts.map((t) => `${t}\n`).join('');
  return text.trim() ? ignore().add(text) : undefined;
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
  const stack: Dir[] = [{ abs: root, rel: '', rules: [] }];
  seen.add(await realpath(root));
  const ignoreFiles = options.ignoreFiles ?? ['.gitignore', '.cgcignore'];
  while (stack.length) {
    if (options.signal?.aborted) break;
    const dir = stack.pop()!;
    let entries: Dirent[];
    let own: Rules | undefined;
    try {
      [entries, own] = await Promise.all([
        readdir(dir.abs, { withFileTypes: true }),
        readRules(dir.abs, dir.rel, ignoreFiles),
      ]);
    } catch (err) {
      options.warn(`cannot read directory ${dir.rel || '.'}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      continue;
    }
    const rules = own ? [...dir.rules, own] : dir.rules;
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    // The file system is asked about a directory's entries all at once (a stat or realpath
    // awaited one after another left the walk waiting on each: 3.7 s for the Linux kernel),
    // then the answers are taken in entry order, so the result and warnings do not depend on timing.
    const skips = (name: string) => skipsDir(name, dir.rel, () => entries.map((e) => e.name), skipDirs);
    const probes = await Promise.all(entries.map((e) => probe(e, dir, rules, skips, options)));
    for (const p of probes) {
      if (p?.kind === 'warning') options.warn(p.text);
      else if (p?.kind === 'excluded') {
        if (options.excluded) options.excluded.count++;
      } else if (p?.kind === 'dir') {
        if (seen.has(p.real)) {
          options.warn(`skipped ${p.dir.rel}: symlink loop or directory already indexed`);
          continue;
        }
        seen.add(p.real);
        stack.push(p.dir);
      } else if (p?.kind === 'file') out.push(p.file);
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

interface Dir {
  readonly abs: string;
  readonly rel: string;
  readonly rules: readonly Rules[];
}

/** What one directory entry turned out to be (nothing: not indexed, silently). */
type Probe =
  | { readonly kind: 'warning'; readonly text: string }
  | { readonly kind: 'excluded' }
  | { readonly kind: 'dir'; readonly dir: Dir; readonly real: string }
  | { readonly kind: 'file'; readonly file: SourceFile }
  | undefined;

async function probe(
  e: Dirent,
  dir: Dir,
  rules: readonly Rules[],
  skips: (name: string) => boolean,
  options: ListOptions,
): Promise<Probe> {
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
      return { kind: 'warning', text: `skipped broken symlink ${rel}` };
    }
  }
  if (isDir) {
    if (skips(e.name)) return undefined;
    if (ignoredBy(rules, rel, true)) return { kind: 'excluded' };
    try {
      return { kind: 'dir', dir: { abs, rel, rules }, real: await realpath(abs) };
    } catch {
      return undefined;
    }
  }
  if (!isFile) return undefined;
  const lang = languageFor(e.name);
  if (!lang) return undefined;
  if (ignoredBy(rules, rel, false)) return { kind: 'excluded' };
  if (size < 0) {
    try {
      size = (await stat(abs)).size;
    } catch (err) {
      return { kind: 'warning', text: `skipped ${rel}: ${(err as NodeJS.ErrnoException).code ?? err}` };
    }
  }
  if (size > options.maxFileBytes) {
    return {
      kind: 'warning',
      text: `skipped ${rel}: ${size} bytes is over the ${options.maxFileBytes}-byte limit`,
    };
  }
  return { kind: 'file', file: { abs, rel, size, lang } };
}
