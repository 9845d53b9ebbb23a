import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { SourceFile } from './files.js';
import type { RepoConfig } from './resolve/scope.js';

async function text(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

// tsconfig allows comments and trailing commas; strip them without touching strings.
function parseJsonc(src: string): unknown {
  const noComments = src.replace(
    /("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (_m, s: string | undefined) => s ?? '',
  );
  return JSON.parse(noComments.replace(/,(\s*[}\]])/g, '$1'));
}

/** Reads what module resolution needs from the repository root: tsconfig paths, go.mod. */
export async function readRepoConfig(root: string, warn: (m: string) => void): Promise<RepoConfig> {
  const config: { tsPaths?: [string, string[]][]; tsBaseUrl?: string; goModule?: string } = {};
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const src = await text(join(root, name));
    if (!src) continue;
    try {
      const json = parseJsonc(src) as {
        compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
      };
      const opts = json.compilerOptions ?? {};
      config.tsBaseUrl = posix.normalize(opts.baseUrl ?? '.');
      if (opts.paths) config.tsPaths = Object.entries(opts.paths);
    } catch (err) {
      warn(`${name}: cannot read path aliases (${(err as Error).message})`);
    }
    break;
  }
  const gomod = await text(join(root, 'go.mod'));
  const m = gomod ? /^module\s+(\S+)/m.exec(gomod) : null;
  if (m) config.goModule = m[1];
  return config;
}

/**
 * The dotted name of a package folder: its own name, under the names of the package folders
 * above it (`django/db` indexed on its own is `django.db`, as its absolute imports say).
 */
function packageName(dir: string): string | undefined {
  const names = [basename(dir)];
  for (let d = dirname(dir); d !== dirname(d) && existsSync(join(d, '__init__.py')); d = dirname(d)) {
    names.unshift(basename(d));
  }
  return names.every((n) => /^[A-Za-z_]\w*$/.test(n)) ? names.join('.') : undefined;
}

/**
 * Python dotted module names from the package layout: a file's name starts at the outermost
 * package (a folder with `__init__.py`) on its path, and folders below it without one are
 * namespace packages (PEP 420: `flask/sansio/app.py` is `flask.sansio.app`). A file under no
 * package is named after itself. When the root itself is a package (a package folder indexed on
 * its own), its dotted name heads every name: `flask/json/__init__.py` indexed from `flask/` is
 * `flask.json`, so `import json` stays the standard library's.
 */
export function pythonModules(files: readonly SourceFile[], root?: string): Map<string, string> {
  const packages = new Set<string>();
  for (const f of files) {
    const m = /^(?:(.*)\/)?__init__\.pyi?$/.exec(f.rel);
    if (m) packages.add(m[1] ?? '');
  }
  const rootIsPackage = packages.has('');
  const rootPackage = rootIsPackage && root !== undefined ? packageName(root) : undefined;
  const out = new Map<string, string>();
  for (const f of files) {
    if (f.lang.id !== 'python') continue;
    const parts = f.rel.replace(/\.pyi?$/, '').split('/');
    const dirs = parts.length - 1;
    let first = rootIsPackage ? 0 : dirs;
    for (let i = 1; i <= dirs && !rootIsPackage; i++) {
      if (packages.has(parts.slice(0, i).join('/'))) {
        first = i - 1;
        break;
      }
    }
    let mod = parts.slice(first);
    if (mod.at(-1) === '__init__') mod = mod.slice(0, -1);
    if (rootPackage) mod = [rootPackage, ...mod];
    out.set(f.rel, mod.join('.') || parts.at(-2) || '');
  }
  return out;
}
