import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKuzuAdapter } from '@cgc/adapter-kuzu';
import { CORE_SCHEMA, GraphStore, isCgcError } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRepository } from '../index-repository.js';
import { languageFor } from '../languages/index.js';
import { markDirty } from './file-state.js';
import { indexIncremental, openIncremental } from './index-incremental.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const temps: string[] = [];
let live: GraphStore;
let fresh: GraphStore;
let stateDir: string;

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

async function openStore(prefix: string): Promise<GraphStore> {
  const s = new GraphStore(createKuzuAdapter({ path: join(temp(prefix), 'db') }));
  await s.connect();
  await s.ensureSchema(CORE_SCHEMA);
  return s;
}

// The fresh indexes go into a database of their own per case: Kuzu 0.11.3 crashed the process when
// closing one database that had taken (and deleted) the fresh index of every case, 76 cases × 7 edits.
async function freshStore(): Promise<void> {
  await fresh?.close();
  fresh = await openStore('cgc-inc-fresh-');
}

beforeAll(async () => {
  live = await openStore('cgc-inc-live-');
  await freshStore();
  stateDir = temp('cgc-inc-state-');
});
afterAll(async () => {
  await live?.close();
  await fresh?.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const VOLATILE = new Set(['indexed_at']);

function canon(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(canon);
  return v;
}

/** Every node (all properties but timestamps) and every relationship (with properties) of a repository. */
async function dump(store: GraphStore, repo: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of CORE_SCHEMA.nodes) {
    const rows = await store.read<{ n: { properties: Record<string, unknown> } }>(
      `MATCH (n:${n.label}) WHERE n.repo = $repo RETURN n`,
      { repo },
    );
    for (const r of rows) {
      const props = Object.entries(r.n.properties)
        .filter(([k, v]) => !VOLATILE.has(k) && v !== null && v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canon(v)]);
      out.push(`${n.label} ${JSON.stringify(props)}`);
    }
  }
  for (const rel of CORE_SCHEMA.relationships)
    for (const from of rel.from)
      for (const to of rel.to) {
        const rows = await store.read<{ a: string; b: string; r: { properties: Record<string, unknown> } }>(
          `MATCH (x:${from})-[r:${rel.type}]->(y:${to}) WHERE x.repo = $repo OR y.repo = $repo RETURN x.id AS a, y.id AS b, r`,
          { repo },
        );
        for (const r of rows) {
          const props = Object.entries(r.r.properties)
            .filter(([k, v]) => !k.startsWith('_') && v !== null && v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, canon(v)]);
          out.push(`${from}-[${rel.type}]->${to} ${r.a} ${r.b} ${JSON.stringify(props)}`);
        }
      }
  return out.sort();
}

async function freshDump(root: string): Promise<string[]> {
  const labels = CORE_SCHEMA.nodes.map((n) => n.label);
  const { repository } = await indexRepository(fresh, root, { workers: 0 });
  const d = await dump(fresh, repository.id);
  await fresh.deleteNodes({ labels, property: 'repo', value: repository.id });
  return d;
}

function sources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(abs).isDirectory()) walk(abs, r);
      else if (languageFor(name)) out.push(r);
    }
  };
  walk(root, '');
  return out;
}

/** Edits that apply to any fixture: add a copy (duplicate FQNs), rename a symbol, move, delete, truncate, restore. */
function edits(root: string, original: string): { name: string; apply: () => void }[] {
  // Targets are picked from the tree as it is when each edit runs.
  const pick = (i: number) => {
    const files = sources(root).filter((f) => !f.startsWith('extra/'));
    return files[Math.min(i, files.length - 1)]!;
  };
  const ext = (f: string) => f.slice(f.lastIndexOf('.'));
  return [
    {
      name: 'add a copy of a file in a new directory (duplicate FQNs)',
      apply: () => {
        const x = pick(0);
        mkdirSync(join(root, 'extra'), { recursive: true });
        cpSync(join(root, x), join(root, 'extra', `copy${ext(x)}`));
      },
    },
    {
      name: 'rename the first symbol of a file',
      apply: () => {
        const y = pick(1);
        const text = readFileSync(join(root, y), 'utf8');
        const m = /(?:def|function|func|fn|class|struct|void|int|public function|fun)\s+(\w+)/.exec(text);
        const name = m?.[1] ?? 'main';
        writeFileSync(join(root, y), text.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}Renamed`));
      },
    },
    {
      name: 'move a file to another directory',
      apply: () => {
        const z = pick(99);
        mkdirSync(join(root, 'moved'), { recursive: true });
        renameSync(join(root, z), join(root, 'moved', z.split('/').pop()!));
      },
    },
    { name: 'delete a file', apply: () => rmSync(join(root, pick(0))) },
    {
      name: 'truncate a file to half its lines',
      apply: () => {
        const y = pick(1);
        const lines = readFileSync(join(root, y), 'utf8').split('\n');
        writeFileSync(join(root, y), lines.slice(0, Math.ceil(lines.length / 2)).join('\n'));
      },
    },
    {
      name: 'restore the original tree',
      apply: () => {
        for (const d of ['extra', 'moved']) rmSync(join(root, d), { recursive: true, force: true });
        cpSync(original, root, { recursive: true });
      },
    },
  ];
}

// Every fixture: modules, path aliases, namespaces, packages, includes, Go methods apart from their type.
const CASES = readdirSync(fixtures).flatMap((lang) =>
  readdirSync(join(fixtures, lang)).map((c) => `${lang}/${c}`),
);

describe('incremental re-indexing equals a fresh index', () => {
  for (const c of CASES) {
    it(c, async () => {
      await freshStore();
      const root = temp('cgc-inc-repo-');
      cpSync(join(fixtures, c), root, { recursive: true });
      const opts = { workers: 0, stateDir };
      const first = await indexIncremental(live, root, opts);
      expect(first.mode).toBe('full');
      expect(await dump(live, first.repository.id)).toEqual(await freshDump(root));
      for (const e of edits(root, join(fixtures, c))) {
        e.apply();
        const s = await indexIncremental(live, root, opts);
        expect(s.mode, e.name).toBe('incremental');
        expect(await dump(live, s.repository.id), e.name).toEqual(await freshDump(root));
      }
      const again = await indexIncremental(live, root, opts);
      expect(again).toMatchObject({ mode: 'incremental', added: 0, modified: 0, deleted: 0, relinked: 0 });
    }, 120_000);
  }
});

describe('a first index that is not kept (cgc index)', () => {
  it('drops its symbol table before the held rows go in, and writes the same graph', async () => {
    const root = temp('cgc-inc-release-');
    cpSync(join(fixtures, 'python/packages'), root, { recursive: true });
    const opts = { workers: 0, stateDir };
    const { index, full } = await openIncremental(live, root, opts, false);
    expect(full?.files).toBeGreaterThan(0);
    expect(index.snap.files.size).toBe(0);
    expect(index.live.table.files.size).toBe(0);
    expect(index.live.table.fnsByFqn.size).toBe(0);
    expect(await dump(live, full!.repository.id)).toEqual(await freshDump(root));
    // The snapshot was saved before the table went: the next run is incremental.
    const next = await indexIncremental(live, root, opts);
    expect(next).toMatchObject({ mode: 'incremental', added: 0, modified: 0, deleted: 0 });
  }, 120_000);
});

describe('incremental re-indexing, interrupted', () => {
  it('converges when an update is aborted half way', async () => {
    const root = temp('cgc-inc-abort-');
    cpSync(join(fixtures, 'python/packages'), root, { recursive: true });
    const opts = { workers: 0, stateDir };
    await indexIncremental(live, root, opts);
    writeFileSync(join(root, 'app/services/util.py'), 'def fmt2(o):\n    return o\n');
    const ctl = new AbortController();
    const run = indexIncremental(live, root, {
      ...opts,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'resolve') ctl.abort();
      },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => isCgcError(e, 'CANCELLED'));
    const s = await indexIncremental(live, root, opts);
    expect(await dump(live, s.repository.id)).toEqual(await freshDump(root));
    const next = await indexIncremental(live, root, opts);
    expect(next.mode).toBe('incremental');

    // A crash while the graph was being written: the mark stays, the graph is half updated.
    writeFileSync(join(root, 'app/services/util.py'), 'def fmt3(o):\n    return o\n');
    await markDirty(stateDir, s.repository.id);
    await live.write('MATCH (a:Function)-[r:CALLS]->(b:Function) WHERE a.repo = $repo DELETE r', {
      repo: s.repository.id,
    });
    const after = await indexIncremental(live, root, opts);
    expect(after.mode).toBe('full');
    expect(await dump(live, after.repository.id)).toEqual(await freshDump(root));
  }, 120_000);
});

describe('incremental re-indexing, C includes matched by path suffix', () => {
  it('follows a header that becomes ambiguous, then unique again', async () => {
    const root = temp('cgc-inc-include-');
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'include'));
    writeFileSync(join(root, 'include', 'util.h'), 'int helper(int x);\n');
    writeFileSync(join(root, 'src', 'main.c'), '#include "util.h"\nint main(void) { return helper(1); }\n');
    const opts = { workers: 0, stateDir };
    const importsOf = async (repo: string) =>
      (
        await live.read<{ to: string }>(
          'MATCH (f:File)-[:IMPORTS]->(t:File) WHERE f.repo = $repo RETURN t.relative_path AS to',
          { repo },
        )
      ).map((r) => r.to);
    const phases: string[] = [];
    const first = await indexIncremental(live, root, {
      ...opts,
      onProgress: (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
      },
    });
    const repo = first.repository.id;
    // The snapshot is saved while the last writes go on: it has no phase of its own any more.
    expect(phases.slice(-2)).toEqual(['resolve', 'write']);
    expect(first.full?.seconds.snapshot).toBeGreaterThanOrEqual(0);
    expect(first.full?.seconds.total).toBe(first.seconds.total);
    // `src/util.h` does not exist: the include resolves by its unique suffix.
    expect(await importsOf(repo)).toEqual(['include/util.h']);
    // A second `util.h` makes the suffix ambiguous: no edge rather than a guess.
    mkdirSync(join(root, 'lib'));
    writeFileSync(join(root, 'lib', 'util.h'), 'int other(void);\n');
    const s1 = await indexIncremental(live, root, opts);
    expect(s1.mode).toBe('incremental');
    expect(await importsOf(repo)).toEqual([]);
    expect(await dump(live, repo)).toEqual(await freshDump(root));
    rmSync(join(root, 'lib'), { recursive: true });
    const s2 = await indexIncremental(live, root, opts);
    expect(s2.mode).toBe('incremental');
    expect(await importsOf(repo)).toEqual(['include/util.h']);
    expect(await dump(live, repo)).toEqual(await freshDump(root));
  }, 120_000);
  it('relinks the calls of files that include a header whose alias macros change', async () => {
    const root = temp('cgc-inc-alias-');
    writeFileSync(
      join(root, 'errors.c'),
      'int err_check(int c) { return c; }\nint fse_check(int c) { return c; }\n',
    );
    writeFileSync(join(root, 'internal.h'), '#define other_name err_check\n');
    writeFileSync(join(root, 'wrapper.h'), '#include "internal.h"\n');
    writeFileSync(join(root, 'main.c'), '#include "wrapper.h"\nint run(int c) { return fse_check(c); }\n');
    const opts = { workers: 0, stateDir };
    const calledBy = async (repo: string) =>
      (
        await live.read<{ to: string }>(
          "MATCH (f:Function {name: 'run'})-[:CALLS]->(t:Function) WHERE f.repo = $repo RETURN t.name AS to",
          { repo },
        )
      ).map((r) => r.to);
    const repo = (await indexIncremental(live, root, opts)).repository.id;
    expect(await calledBy(repo)).toEqual(['fse_check']);
    // The header two includes away now makes fse_check a name of err_check.
    writeFileSync(join(root, 'internal.h'), '#define fse_check err_check\n');
    expect((await indexIncremental(live, root, opts)).mode).toBe('incremental');
    expect(await calledBy(repo)).toEqual(['err_check']);
    expect(await dump(live, repo)).toEqual(await freshDump(root));
    // #if alternatives that disagree: no edge.
    writeFileSync(
      join(root, 'internal.h'),
      '#ifdef X\n#define fse_check err_check\n#else\n#define fse_check other\n#endif\n',
    );
    await indexIncremental(live, root, opts);
    expect(await calledBy(repo)).toEqual([]);
    expect(await dump(live, repo)).toEqual(await freshDump(root));
    rmSync(join(root, 'internal.h'));
    await indexIncremental(live, root, opts);
    expect(await calledBy(repo)).toEqual(['fse_check']);
    expect(await dump(live, repo)).toEqual(await freshDump(root));
  }, 120_000);
});
