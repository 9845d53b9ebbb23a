import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CgcError } from '../errors.js';
import type { PackageLanguage, PackageResolver } from './capabilities.js';

const NAME = /^(@[A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+$/;

function run(cmd: string, args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, timeout: 15_000, encoding: 'utf8' }, (err, stdout) =>
      done(err ? undefined : stdout.trim()),
    );
  });
}

function nodeModulesLookup(name: string, cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

async function pythonLookup(name: string, cwd: string): Promise<string | undefined> {
  const script =
    'import importlib.util,sys,os\n' +
    's=importlib.util.find_spec(sys.argv[1])\n' +
    'print(list(s.submodule_search_locations)[0] if s and s.submodule_search_locations else (s.origin if s else ""))';
  for (const py of ['python3', 'python']) {
    const out = await run(py, ['-c', script, name.replace(/-/g, '_')], cwd);
    if (out) return out;
  }
  return undefined;
}

async function goLookup(name: string, cwd: string): Promise<string | undefined> {
  const cache = await run('go', ['env', 'GOMODCACHE'], cwd);
  if (!cache) return undefined;
  // Module paths are stored with a version suffix: pick the highest version.
  const parent = join(cache, dirname(name));
  if (!existsSync(parent)) return undefined;
  const base = name.split('/').pop()!;
  const versions = readdirSync(parent)
    .filter((d) => d.startsWith(`${base}@`))
    .sort();
  return versions.length ? join(parent, versions[versions.length - 1]!) : undefined;
}

/**
 * Finds an installed package on disk: node_modules (walking up from `cwd`) for
 * JavaScript/TypeScript, the Python import system, and the Go module cache. Other
 * languages have no standard install location to search.
 */
export const resolveInstalledPackage: PackageResolver = async (name, language, cwd) => {
  if (!NAME.test(name) && !(language === 'go' && /^[A-Za-z0-9._~/-]+$/.test(name))) {
    throw new CgcError('INVALID_INPUT', `"${name}" is not a valid package name`);
  }
  let found: string | undefined;
  const lang: PackageLanguage = language;
  if (lang === 'javascript' || lang === 'typescript') found = nodeModulesLookup(name, cwd);
  else if (lang === 'python') found = await pythonLookup(name, cwd);
  else if (lang === 'go') found = await goLookup(name, cwd);
  else {
    throw new CgcError(
      'UNSUPPORTED',
      `cgc cannot locate installed ${language} packages; find the package's directory and pass it to add_code_to_graph with is_dependency=true`,
    );
  }
  if (!found) {
    throw new CgcError(
      'NOT_FOUND',
      `${language} package "${name}" is not installed where cgc looks (from ${cwd})`,
    );
  }
  // A single-module Python package resolves to its file; index its directory's file only.
  return found;
};
