import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { CORE_SCHEMA, GraphStore, isCgcError } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRepository } from './index-repository.js';
import { indexerPlugin } from './plugin.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const dirs: string[] = [];
let store: GraphStore;

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

beforeAll(async () => {
  store = new GraphStore(createKuzuAdapter({ path: join(temp('cgc-idx-db-'), 'db') }));
  await store.connect();
  await store.ensureSchema(CORE_SCHEMA);
});
afterAll(async () => {
  await store?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function snapshot(repo: string) {
  const nodes = await store.read<{ id: string; fqn: string | null }>(
    'MATCH (n:Function) WHERE n.repo = $repo RETURN n.id AS id, n.fqn AS fqn ORDER BY id',
    { repo },
  );
  const calls = await store.read<{ caller: string; callee: string; res: string }>(
    'MATCH (a:Function)-[r:CALLS]->(b:Function) WHERE a.repo = $repo RETURN a.fqn AS caller, b.fqn AS callee, r.resolution AS res ORDER BY caller, callee',
    { repo },
  );
  const files = await store.read<{ rel: string; hash: string }>(
    'MATCH (f:File) WHERE f.repo = $repo RETURN f.relative_path AS rel, f.hash AS hash ORDER BY rel',
    { repo },
  );
  return { nodes, calls, files };
}

describe('indexRepository on embedded Kuzu', () => {
  it('writes the fixture graph with FQNs, calls, inheritance and routes', async () => {
    const s = await indexRepository(store, join(fixtures, 'php/laravel'), { workers: 0 });
    expect(s.files).toBe(7);
    expect(s.nodes).toBeGreaterThan(20);
    const row = await store.one<{ fqn: string; kind: string }>(
      "MATCH (c:Class)-[:CONTAINS]->(f:Function {name: 'store'}) WHERE c.repo = $repo RETURN f.fqn AS fqn, f.kind AS kind",
      { repo: s.repository.id },
    );
    expect(row).toEqual({ fqn: 'App\\Http\\Controllers\\OrderController::store', kind: 'method' });
    const call = await store.one<{ conf: number; res: string; line: number }>(
      "MATCH (a:Function {fqn: 'App\\\\Http\\\\Controllers\\\\OrderController::store'})-[r:CALLS]->(b:Function) RETURN r.confidence AS conf, r.resolution AS res, r.line_number AS line",
    );
    expect(call).toMatchObject({ res: 'field-type', line: 13 });
    expect(call?.conf).toBeCloseTo(0.8);
    const route = await store.one<{ fqn: string }>(
      "MATCH (r:Route {method: 'POST', path: '/orders'})-[:HANDLED_BY]->(f:Function) RETURN f.fqn AS fqn",
    );
    expect(route?.fqn).toBe('App\\Http\\Controllers\\OrderController::store');
    const inherits = await store.read(
      "MATCH (a:Class)-[:INHERITS]->(b:Class {fqn: 'App\\\\Models\\\\Model'}) RETURN a.fqn AS child",
    );
    expect(inherits).toEqual([{ child: 'App\\Models\\Order' }]);
  });

  it('keeps ids across re-indexing, prunes renamed symbols, converges after an interrupted run', async () => {
    const repo = temp('cgc-idx-repo-');
    cpSync(join(fixtures, 'python/packages'), repo, { recursive: true });
    const first = await indexRepository(store, repo, { workers: 0 });
    const before = await snapshot(first.repository.id);
    expect(before.calls.length).toBeGreaterThan(5);

    const again = await indexRepository(store, repo, { workers: 0 });
    expect(await snapshot(again.repository.id)).toEqual(before);

    // Interrupt a run half way (after some files were written), then re-run.
    const ctl = new AbortController();
    let seen = 0;
    const interrupted = indexRepository(store, repo, {
      workers: 0,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'parse' && ++seen === 2) ctl.abort();
      },
    });
    await expect(interrupted).rejects.toSatisfy((e: unknown) => isCgcError(e, 'CANCELLED'));
    await indexRepository(store, repo, { workers: 0 });
    expect(await snapshot(first.repository.id)).toEqual(before);

    // Rename a function: the old node goes, every other id stays.
    writeFileSync(join(repo, 'app/services/util.py'), 'def fmt2(o):\n    return o\n');
    await indexRepository(store, repo, { workers: 0 });
    const after = await snapshot(first.repository.id);
    expect(after.nodes.map((n) => n.fqn)).toContain('app.services.util.fmt2');
    expect(after.nodes.map((n) => n.fqn)).not.toContain('app.services.util.fmt');
    const kept = before.nodes.filter((n) => n.fqn !== 'app.services.util.fmt');
    expect(after.nodes.filter((n) => n.fqn !== 'app.services.util.fmt2')).toEqual(kept);
    expect(after.calls.find((c) => c.callee === 'app.services.util.fmt')).toBeUndefined();
  }, 180_000); // Five index runs on the embedded database.

  it('writes each edge once on a first index (fresh batches), also for a header included twice', async () => {
    const repo = temp('cgc-idx-fresh-');
    cpSync(join(fixtures, 'c'), join(repo, 'src'), { recursive: true });
    const twice = '#include "twice.h"\n#include <stdio.h>\n#include "twice.h"\n#include <stdio.h>\n';
    writeFileSync(join(repo, 'src', 'twice.h'), 'int twice(int a);\n');
    writeFileSync(join(repo, 'src', 'main2.c'), `${twice}int main2(int x) { return twice(x) + twice(x); }\n`);
    const s = await indexRepository(store, repo, { workers: 0 });
    const dup = await store.read<{ t: string; c: number }>(
      'MATCH (a)-[r]->(b) WHERE a.repo = $repo WITH label(r) AS t, a.id AS a, b.id AS b, count(*) AS n WHERE n > 1 RETURN t, count(*) AS c',
      { repo: s.repository.id },
    );
    expect(dup).toEqual([]);
    const imports = await store.read<{ to: string; line: number }>(
      "MATCH (f:File {name: 'main2.c'})-[r:IMPORTS]->(t) RETURN t.name AS to, r.line_number AS line ORDER BY to",
    );
    expect(imports).toEqual([
      { to: 'stdio.h', line: 2 },
      { to: 'twice.h', line: 1 },
    ]);
    const dirs = await store.read<{ c: number }>(
      'MATCH (:Repository {id: $repo})-[:CONTAINS*1..10]->(f:File) RETURN count(f) AS c',
      { repo: s.repository.id },
    );
    expect(Number(dirs[0]?.c)).toBe(s.files);
  });

  it('fails with INDEX_EMPTY on a directory with nothing to parse and writes nothing', async () => {
    const repo = temp('cgc-idx-empty-');
    writeFileSync(join(repo, 'notes.txt'), 'hello');
    await expect(indexRepository(store, repo, { workers: 0 })).rejects.toSatisfy((e: unknown) =>
      isCgcError(e, 'INDEX_EMPTY'),
    );
    const rows = await store.read('MATCH (r:Repository) WHERE r.path = $p RETURN r.id AS id', { p: repo });
    expect(rows).toEqual([]);
  });

  it('runs as the `index` command with a JSON summary', async () => {
    const cmd = indexerPlugin().commands?.find((c) => c.name === 'index');
    const out: unknown[] = [];
    const code = await cmd?.run?.(
      { path: join(fixtures, 'go/modules') },
      { json: true },
      {
        coreVersion: '0.1.0',
        config: { index: { maxFileBytes: 1_000_000, storeSource: true } } as never,
        settings: {},
        logger: {
          debug() {},
          info() {},
          warn() {},
          error() {},
          child() {
            return this;
          },
        },
        store: async () => store,
      },
      {
        print: (t) => out.push(t),
        json: (v) => out.push(v),
        isTTY: false,
        signal: new AbortController().signal,
      },
    );
    expect(code).toBe(0);
    expect(out[0]).toMatchObject({ files: 4, calls: { resolved: 8 } });
  });
});
