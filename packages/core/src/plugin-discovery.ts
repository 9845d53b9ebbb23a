import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A package that declares itself a cgc plugin through a `cgc` field in its package.json. */
export interface DiscoveredPlugin {
  readonly packageName: string;
  readonly version: string;
  readonly dir: string;
  /** The range of @cgc/core it supports, from `cgc.coreRange` or its peer dependency. */
  readonly coreRange: string | undefined;
  /** Where it was found. */
  readonly origin: 'project' | 'global' | 'config';
}

/** Where to look for plugin packages. */
export interface DiscoveryOptions {
  readonly cwd: string;
  /** Also search the global node_modules. */
  readonly global?: boolean;
  /** Explicit package directories or names (resolved from cwd) to add. */
  readonly extra?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** The node_modules folders searched: cwd and its ancestors, then the global one. */
export function searchRoots(options: DiscoveryOptions): { dir: string; origin: 'project' | 'global' }[] {
  const roots: { dir: string; origin: 'project' | 'global' }[] = [];
  let d = resolve(options.cwd);
  for (;;) {
    const nm = join(d, 'node_modules');
    if (existsSync(nm)) roots.push({ dir: nm, origin: 'project' });
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  if (options.global !== false) {
    const env = options.env ?? process.env;
    const g = env.CGC_GLOBAL_NODE_MODULES ?? join(dirname(dirname(process.execPath)), 'lib', 'node_modules');
    if (existsSync(g)) roots.push({ dir: g, origin: 'global' });
  }
  return roots;
}

/** Finds plugin packages; the nearest copy of a package wins. Never throws on a broken package.json. */
export function discoverPlugins(options: DiscoveryOptions): DiscoveredPlugin[] {
  const found = new Map<string, DiscoveredPlugin>();
  const add = (dir: string, origin: DiscoveredPlugin['origin']) => {
    const p = readPluginPackage(dir, origin);
    if (p && !found.has(p.packageName)) found.set(p.packageName, p);
  };
  for (const extra of options.extra ?? []) {
    const dir = extra.startsWith('.') || extra.startsWith('/') ? resolve(options.cwd, extra) : undefined;
    if (dir) add(dir, 'config');
    else
      for (const root of searchRoots(options)) {
        if (existsSync(join(root.dir, extra, 'package.json'))) {
          add(join(root.dir, extra), 'config');
          break;
        }
      }
  }
  for (const root of searchRoots(options)) {
    for (const dir of packageDirs(root.dir)) add(dir, root.origin);
  }
  return [...found.values()];
}

function packageDirs(nodeModules: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(nodeModules).sort();
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      try {
        for (const sub of readdirSync(join(nodeModules, name))) out.push(join(nodeModules, name, sub));
      } catch {
        // an unreadable scope folder holds no plugin we can load
      }
    } else out.push(join(nodeModules, name));
  }
  return out;
}

function readPluginPackage(dir: string, origin: DiscoveredPlugin['origin']): DiscoveredPlugin | undefined {
  let pkg: {
    name?: unknown;
    version?: unknown;
    cgc?: unknown;
    peerDependencies?: Record<string, string>;
  };
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof pkg.cgc !== 'object' || pkg.cgc === null || typeof pkg.name !== 'string') return undefined;
  const cgc = pkg.cgc as { coreRange?: unknown };
  return {
    packageName: pkg.name,
    version: typeof pkg.version === 'string' ? pkg.version : '0.0.0',
    dir,
    coreRange: typeof cgc.coreRange === 'string' ? cgc.coreRange : pkg.peerDependencies?.['@cgc/core'],
    origin,
  };
}
