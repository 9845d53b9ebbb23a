import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Core must stay free of database drivers, the MCP SDK and gRPC: every bare
// import of its published sources is checked against this list.
const ALLOWED = new Set(['zod', 'semver', 'vitest']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('core dependencies', () => {
  it('imports no database driver, MCP SDK or gRPC', () => {
    const bare = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '.'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g,
      )) {
        const spec = m[1]!;
        if (!spec.startsWith('node:'))
          bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect([...bare].filter((b) => !ALLOWED.has(b))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['semver', 'zod']);
  });
});
