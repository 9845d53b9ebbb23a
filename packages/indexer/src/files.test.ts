import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listSourceFiles } from './files.js';
import { IgnoreRules } from './watch/ignore-rules.js';

const dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cgc-files-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('listSourceFiles', () => {
  it('skips build outputs at the root and beside a manifest, not source packages of those names', async () => {
    const root = repo({
      'build/gen.ts': '',
      'out/gen.py': '',
      'packages/app/package.json': '{}',
      'packages/app/dist/index.js': '',
      'packages/app/src/index.ts': '',
      'tool/Cargo.toml': '',
      'tool/target/debug/build.rs': '',
      'src/main/java/org/acme/io/build/Builder.java': '',
      'src/main/java/org/acme/io/target/Target.java': '',
      'internal/out/print.go': '',
      'drivers/Makefile': '',
      'drivers/target/core.c': '',
    });
    const files = await listSourceFiles(root, { maxFileBytes: 1000, warn: () => {} });
    const listed = files.map((f) => f.rel);
    expect(listed).toEqual([
      'drivers/target/core.c',
      'internal/out/print.go',
      'packages/app/src/index.ts',
      'src/main/java/org/acme/io/build/Builder.java',
      'src/main/java/org/acme/io/target/Target.java',
    ]);
    // `cgc watch` decides the same way, path by path.
    const rules = new IgnoreRules(root);
    const all = [
      ...listed,
      'build/gen.ts',
      'out/gen.py',
      'packages/app/dist/index.js',
      'tool/target/debug/build.rs',
    ];
    expect(all.filter((rel) => !rules.ignored(rel, false))).toEqual(listed);
  });

  it('applies nested .gitignore and .cgcignore rules, default ignored directories and extensions', async () => {
    const root = repo({
      '.gitignore': 'generated/\n*.gen.ts\n',
      'src/a.ts': '',
      'src/b.gen.ts': '',
      'src/notes.txt': '',
      'generated/c.ts': '',
      'node_modules/x/index.js': '',
      'vendor/lib.php': '',
      'pkg/.cgcignore': 'secret.py\n!keep.gen.ts\n',
      'pkg/secret.py': '',
      'pkg/public.py': '',
      'other/secret.py': '',
    });
    const warnings: string[] = [];
    const files = await listSourceFiles(root, { maxFileBytes: 1000, warn: (m) => warnings.push(m) });
    expect(files.map((f) => f.rel)).toEqual(['other/secret.py', 'pkg/public.py', 'src/a.ts']);
    expect(warnings).toEqual([]);
  });

  it('skips files over the size limit with a warning', async () => {
    const root = repo({ 'big.py': 'x = 1\n'.repeat(1000), 'small.py': 'x = 1\n' });
    const warnings: string[] = [];
    const files = await listSourceFiles(root, { maxFileBytes: 100, warn: (m) => warnings.push(m) });
    expect(files.map((f) => f.rel)).toEqual(['small.py']);
    expect(warnings.join('\n')).toMatch(/big\.py: 6000 bytes is over the 100-byte limit/);
  });

  it('survives symlink loops and broken symlinks', async () => {
    const root = repo({ 'a/b/x.py': 'pass\n' });
    symlinkSync(join(root, 'a'), join(root, 'a/b/loop'));
    symlinkSync(join(root, 'missing.py'), join(root, 'dangling.py'));
    const warnings: string[] = [];
    const files = await listSourceFiles(root, { maxFileBytes: 1000, warn: (m) => warnings.push(m) });
    expect(files.map((f) => f.rel)).toEqual(['a/b/x.py']);
    expect(warnings.join('\n')).toMatch(/a\/b\/loop: symlink loop/);
    expect(warnings.join('\n')).toMatch(/broken symlink dangling\.py/);
  });

  it("reports a directory's entries in their order, whatever order the file system answers in", async () => {
    // The entries are asked about at once; big and small files answer at different times.
    const names = Array.from({ length: 40 }, (_, i) => `f${String(i).padStart(2, '0')}.py`);
    const root = repo(Object.fromEntries(names.map((n, i) => [n, 'x'.repeat(200 + (i % 7) * 50_000)])));
    for (let i = 0; i < 5; i++) symlinkSync(join(root, `gone${i}.py`), join(root, `f${i}b.py`));
    const warnings: string[] = [];
    await listSourceFiles(root, { maxFileBytes: 100, warn: (m) => warnings.push(m) });
    const named = warnings.map((w) => /(f\d+b?\.py)/.exec(w)?.[1]);
    expect(named).toHaveLength(45);
    // The walk takes a directory's entries in reverse name order (a stack pops them back in order).
    expect(named).toEqual([...named].sort().reverse());
  });
});
