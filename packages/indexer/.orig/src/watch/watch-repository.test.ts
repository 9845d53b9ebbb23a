import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { CORE_SCHEMA, GraphStore, isCgcError } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IgnoreRules } from './ignore-rules.js';
import { type WatchUpdate, watchRepository } from './watch-repository.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const temps: string[] = [];
let store: GraphStore;

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

beforeAll(async () => {
  store = new GraphStore(createKuzuAdapter({ path: join(temp('cgc-watch-db-'), 'db') }));
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
});
afterAll(async () => {
  await store?.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

async function fqns(repoPath: string): Promise<string[]> {
  const rows = await store.read<{ fqn: string }>(
    'MATCH (r:Repository)-[:CONTAINS*1..6]->(f:File)-[:CONTAINS]->(fn:Function) WHERE r.path = $p RETURN fn.fqn AS fqn',
    { p: repoPath },
  );
  return rows.map((r) => r.fqn).sort();
}

/** Waits until an update satisfies `pred`. */
function next(updates: WatchUpdate[], pred: (u: WatchUpdate) => boolean, ms = 15_000): Promise<WatchUpdate> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const hit = updates.find(pred);
      if (hit) resolve(hit);
      else if (Date.now() - start > ms)
        reject(new Error(`no matching update in ${ms} ms: ${JSON.stringify(updates)}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('watchRepository', () => {
  it('applies saves, atomic saves, deletes and creations; ignores ignored paths', async () => {
    const root = temp('cgc-watch-repo-');
    cpSync(join(fixtures, 'python/packages'), root, { recursive: true });
    writeFileSync(join(root, '.gitignore'), 'generated/\n');
    const updates: WatchUpdate[] = [];
    const errors: unknown[] = [];
    const w = await watchRepository(store, root, {
      workers: 0,
      stateDir: temp('cgc-watch-state-'),
      debounceMs: 30,
      onUpdate: (u) => updates.push(u),
      onError: (e) => errors.push(e),
    });
    try {
      expect(await fqns(root)).toContain('app.services.util.fmt');

      // A plain save.
      writeFileSync(
        join(root, 'app/services/util.py'),
        'def fmt(o):\n    return o\n\ndef extra(o):\n    return fmt(o)\n',
      );
      await next(updates, (u) => u.modified.includes('app/services/util.py'));
      expect(await fqns(root)).toContain('app.services.util.extra');

      // An editor's atomic save: write a temporary file, rename it over the original.
      updates.length = 0;
      writeFileSync(
        join(root, 'app/services/.util.py.tmp'),
        'def fmt(o):\n    return o\n\ndef extra2(o):\n    return o\n',
      );
      renameSync(join(root, 'app/services/.util.py.tmp'), join(root, 'app/services/util.py'));
      await next(updates, (u) => u.modified.includes('app/services/util.py'));
      let names = await fqns(root);
      expect(names).toContain('app.services.util.extra2');
      expect(names).not.toContain('app.services.util.extra');

      // Delete + create (some editors save that way): one modification once settled.
      updates.length = 0;
      unlinkSync(join(root, 'app/services/util.py'));
      writeFileSync(
        join(root, 'app/services/util.py'),
        'def fmt(o):\n    return o\n\ndef extra3(o):\n    return o\n',
      );
      await next(
        updates,
        (u) => u.modified.includes('app/services/util.py') || u.added.includes('app/services/util.py'),
      );
      names = await fqns(root);
      expect(names).toContain('app.services.util.extra3');

      // A new file in a new directory, a deletion, and a file under an ignored directory.
      updates.length = 0;
      mkdirSync(join(root, 'app/extra'));
      writeFileSync(join(root, 'app/extra/__init__.py'), '');
      writeFileSync(join(root, 'app/extra/tool.py'), 'def tool():\n    return 1\n');
      mkdirSync(join(root, 'generated'));
      writeFileSync(join(root, 'generated/gen.py'), 'def generated():\n    return 1\n');
      mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
      writeFileSync(join(root, 'node_modules/pkg/x.py'), 'def in_node_modules():\n    return 1\n');
      await next(updates, (u) => u.added.includes('app/extra/tool.py'));
      names = await fqns(root);
      expect(names).toContain('app.extra.tool.tool');
      expect(names.some((n) => n.includes('generated') || n.includes('node_modules'))).toBe(false);

      updates.length = 0;
      rmSync(join(root, 'app/extra'), { recursive: true });
      await next(updates, (u) => u.deleted.includes('app/extra/tool.py'));
      expect(await fqns(root)).not.toContain('app.extra.tool.tool');
      expect(errors).toEqual([]);
    } finally {
      await w.close();
      await w.close();
    }
  }, 120_000);

  it('refuses a file and a missing path with clear errors', async () => {
    const opts = { workers: 0, stateDir: temp('cgc-watch-state-') };
    await expect(
      watchRepository(store, join(fixtures, 'python/packages/app/models.py'), opts),
    ).rejects.toSatisfy((e: unknown) => isCgcError(e, 'INVALID_INPUT'));
    await expect(watchRepository(store, join(tmpdir(), 'cgc-no-such-dir-x'), opts)).rejects.toSatisfy(
      (e: unknown) => isCgcError(e, 'NOT_FOUND'),
    );
  });
});

describe('IgnoreRules', () => {
  it('applies default directories and nested ignore files like the indexer', () => {
    const root = temp('cgc-ignore-');
    mkdirSync(join(root, 'src/sub'), { recursive: true });
    writeFileSync(join(root, '.gitignore'), '*.gen.ts\nbuildout/\n');
    writeFileSync(join(root, 'src/.cgcignore'), 'sub/\n');
    const rules = new IgnoreRules(root);
    expect(rules.ignored('node_modules/x/a.ts', false)).toBe(true);
    expect(rules.ignored('src/a.gen.ts', false)).toBe(true);
    expect(rules.ignored('buildout/a.ts', false)).toBe(true);
    expect(rules.ignored('src/sub/a.ts', false)).toBe(true);
    expect(rules.ignored('src/a.ts', false)).toBe(false);
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    expect(rules.sourceFile('src/a.ts', 1000)?.lang.id).toBe('typescript');
    expect(rules.sourceFile('src/a.ts', 5)).toBeUndefined();
    expect(rules.sourceFile('src/missing.ts', 1000)).toBeUndefined();
  });
});
