import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isCgcError } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeRepository } from './index-repository.js';
import { runParseTask } from './parse-task.js';

const dirs: string[] = [];
function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'cgc-pipe-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}
/** Function FQNs (sorted) and CALLS edges as `from>to` FQNs (sorted) of an analysed repository. */
function fqnGraph(sink: Awaited<ReturnType<typeof analyzeRepository>>['sink']) {
  const fqn = new Map(sink.all('Function').map((n) => [String(n.id), String(n.fqn)]));
  const calls = sink.rels
    .filter((r) => r.type === 'CALLS')
    .map((r) => `${fqn.get(r.from)}>${fqn.get(r.to)}`)
    .sort();
  return { functions: [...fqn.values()].sort(), calls };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return isCgcError(err) ? err.code : `not a CgcError: ${err}`;
  }
}

describe('indexing pipeline on bad input', () => {
  it('keeps a partial graph for a file with a syntax error and names file and line', async () => {
    const root = repo({
      'ok.py': 'def good():\n    return 1\n',
      'bad.py': 'def fine():\n    pass\n\ndef broken(:\n    return\n',
    });
    const { sink, warnings } = await analyzeRepository(root, { workers: 0 });
    expect(
      sink
        .all('Function')
        .map((f) => f.fqn)
        .sort(),
    ).toContain('bad.fine');
    expect(warnings.join('\n')).toMatch(/bad\.py:4:\d+: syntax error/);
    expect(sink.all('File').find((f) => f.relative_path === 'bad.py')?.parse_errors).toBeGreaterThan(0);
  });

  it('skips binary files and reads non-UTF-8 files as Latin-1, with warnings', async () => {
    const root = repo({
      'bin.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'latin.py': Buffer.concat([
        Buffer.from('# caf'),
        Buffer.from([0xe9]),
        Buffer.from('\ndef f():\n    pass\n'),
      ]),
    });
    const { sink, warnings } = await analyzeRepository(root, { workers: 0 });
    expect(warnings.join('\n')).toMatch(/bin\.py: binary content/);
    expect(warnings.join('\n')).toMatch(/latin\.py: not valid UTF-8/);
    expect(sink.all('Function').map((f) => f.fqn)).toEqual(['latin.f']);
  });

  it('fails with INDEX_EMPTY when nothing could be parsed, and NOT_FOUND for a missing path', async () => {
    expect(await code(analyzeRepository(repo({ 'README.md': '# hi' }), { workers: 0 }))).toBe('INDEX_EMPTY');
    expect(await code(analyzeRepository(repo({ 'x.py': Buffer.from([0, 1, 2]) }), { workers: 0 }))).toBe(
      'INDEX_EMPTY',
    );
    expect(await code(analyzeRepository('/nonexistent/cgc/path', { workers: 0 }))).toBe('NOT_FOUND');
  });

  it('says when ignore rules excluded every source, and indexes them when told to read no ignore file', async () => {
    // Debian's linux-source tree: the top-level .gitignore ends with `/*`.
    const root = repo({
      '.gitignore': '/*\n!/debian/\n',
      'src/a.c': 'int a(void) { return 1; }\n',
      'b.c': 'int b;\n',
    });
    const err = await analyzeRepository(root, { workers: 0 }).catch((e: unknown) => e);
    expect(isCgcError(err, 'INDEX_EMPTY')).toBe(true);
    expect((err as Error).message).toMatch(
      /rules of \.gitignore, \.cgcignore excluded 2 path\(s\).*index\.ignoreFiles/,
    );
    const { sink } = await analyzeRepository(root, { workers: 0, ignoreFiles: [] });
    expect(sink.all('File').map((f) => f.relative_path)).toEqual(['b.c', 'src/a.c']);
  });

  it('reports a file deleted while indexing as a warning and indexes the rest', async () => {
    const root = repo({
      'a.py': 'def a():\n    pass\n',
      'b.py': 'def b():\n    pass\n',
      'c.py': 'def c():\n    pass\n',
    });
    let deleted = false;
    const { sink, warnings } = await analyzeRepository(root, {
      workers: 0,
      onProgress: (p) => {
        if (p.phase === 'parse' && !deleted) {
          deleted = true;
          unlinkSync(join(root, 'c.py'));
        }
      },
    });
    expect(warnings.join('\n')).toMatch(/c\.py: file vanished while indexing/);
    expect(
      sink
        .all('Function')
        .map((f) => f.fqn)
        .sort(),
    ).toEqual(['a.a', 'b.b']);
  });

  it('turns unreadable paths into warnings, never exceptions', async () => {
    const root = repo({ 'dir.py/inner.txt': '' });
    const r = await runParseTask({
      abs: join(root, 'dir.py'),
      rel: 'dir.py',
      lang: 'python',
      storeSource: false,
    });
    expect(r.ir).toBeUndefined();
    expect(r.warnings[0]).toMatch(/skipped dir\.py: EISDIR/);
  });

  it.runIf(process.getuid?.() !== 0)(
    'skips a file without read permission (not testable as root)',
    async () => {
      const root = repo({ 'a.py': 'def a():\n    pass\n', 'locked.py': 'def b():\n    pass\n' });
      chmodSync(join(root, 'locked.py'), 0);
      const { warnings } = await analyzeRepository(root, { workers: 0 });
      expect(warnings.join('\n')).toMatch(/locked\.py: unreadable/);
    },
  );

  it('stops with CANCELLED when aborted', async () => {
    const root = repo({ 'a.py': 'pass\n', 'b.py': 'pass\n' });
    const ctl = new AbortController();
    const p = analyzeRepository(root, { workers: 0, signal: ctl.signal, onProgress: () => ctl.abort() });
    expect(await code(p)).toBe('CANCELLED');
  });

  it('parses on worker threads with the same result as inline', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++)
      files[`pkg/m${i}.py`] =
        `from .m${(i + 1) % 30} import f${(i + 1) % 30}\n\ndef f${i}():\n    return f${(i + 1) % 30}()\n`;
    files['pkg/__init__.py'] = '';
    const root = repo(files);
    const inline = await analyzeRepository(root, { workers: 0 });
    const threaded = await analyzeRepository(root, { workers: 2 });
    const calls = (s: typeof inline.sink) =>
      s.rels
        .filter((r) => r.type === 'CALLS')
        .map((r) => `${r.from}>${r.to}`)
        .sort();
    expect(calls(threaded.sink)).toEqual(calls(inline.sink));
    expect(calls(inline.sink)).toHaveLength(30);
  });

  it('follows star imports that import each other without looping', async () => {
    const root = repo({
      'p/__init__.py': 'from .a import *\n',
      'p/a.py': 'from p import *\n\ndef real():\n    return 1\n',
      'p/use.py': 'from p import missing, real\n\ndef f():\n    missing()\n    return real()\n',
    });
    const { sink } = await analyzeRepository(root, { workers: 0 });
    expect(fqnGraph(sink).calls).toEqual(['p.use.f>p.a.real']);
    expect(sink.all('Function').find((n) => n.fqn === 'p.use.f')?.unresolved).toBe('missing');
  });

  it('names a module through namespace folders below its outermost package', async () => {
    const root = repo({
      'app/__init__.py': '',
      'app/ns/mod.py': 'def h():\n    return 1\n',
      'app/main.py': 'from app.ns.mod import h\n\ndef m():\n    return h()\n',
      'scripts/tool.py': 'def t():\n    return 2\n',
    });
    const { sink } = await analyzeRepository(root, { workers: 0 });
    expect(fqnGraph(sink)).toEqual({
      functions: ['app.main.m', 'app.ns.mod.h', 'tool.t'],
      calls: ['app.main.m>app.ns.mod.h'],
    });
  });

  it('names modules after the root package and through namespace folders', async () => {
    const root = join(
      repo({
        'shop/__init__.py': '',
        'shop/json/__init__.py': 'def dumps(x):\n    return x\n',
        // Python 3 imports are absolute: `import json` is the standard library, not shop/json
        'shop/api.py':
          'import json\nfrom shop.json import dumps as d\n\ndef f():\n    return json.dumps(1)\n\ndef g():\n    return d(2)\n',
        // a folder without __init__.py inside a package is a namespace package: shop.core.base
        'shop/core/base.py': 'class Base:\n    def run(self):\n        return 1\n',
        'shop/web.py':
          'from .core.base import Base\n\nclass Api(Base):\n    def go(self):\n        return self.run()\n',
        'shop/sub/__init__.py': '',
        'shop/sub/x.py': 'def y():\n    return 3\n',
      }),
      'shop',
    );
    const { sink } = await analyzeRepository(root, { workers: 0 });
    expect(fqnGraph(sink)).toEqual({
      functions: [
        'shop.api.f',
        'shop.api.g',
        'shop.core.base.Base.run',
        'shop.json.dumps',
        'shop.sub.x.y',
        'shop.web.Api.go',
      ],
      calls: ['shop.api.g>shop.json.dumps', 'shop.web.Api.go>shop.core.base.Base.run'],
    });
    // a package folder inside another, indexed on its own, keeps its full dotted name
    const sub = await analyzeRepository(join(root, 'sub'), { workers: 0 });
    expect(sub.sink.all('Function').map((n) => n.fqn)).toEqual(['shop.sub.x.y']);
  });

  it('leaves module names unprefixed when the root package folder is no Python name', async () => {
    const root = join(
      repo({ 'my-app/__init__.py': '', 'my-app/m.py': 'def f():\n    return 1\n' }),
      'my-app',
    );
    expect(fqnGraph((await analyzeRepository(root, { workers: 0 })).sink).functions).toEqual(['m.f']);
  });
});
