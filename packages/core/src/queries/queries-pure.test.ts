import { describe, expect, it } from 'vitest';
import { isCgcError } from '../errors.js';
import { analyzeType } from './analyze.js';
import { intOption, listOption, paramsOption } from './cli-options.js';
import { exclusionOf, isTest } from './dead-code-rules.js';
import { editDistance, fuzzyRank, normaliseName } from './fuzzy.js';
import { queriesPlugin } from './queries-plugin.js';
import { codeOnly } from './read-only.js';
import { fqnMatches, lastSegment, pathMatches } from './refs.js';
import { decoratorMatches } from './symbols.js';
import { formatTable } from './table.js';
import type { CodeRef } from './types.js';

const ref = (over: Partial<CodeRef>): CodeRef => ({
  id: 'x',
  label: 'Function',
  name: 'f',
  fqn: 'm.f',
  kind: 'function',
  path: '/r/src/m.py',
  line: 1,
  endLine: 2,
  repo: 'r',
  ...over,
});

describe('fuzzy ranking', () => {
  it('measures edit distance with transpositions and gives up past the bound', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abcd', 'abdc')).toBe(1);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
  });

  it('compares names regardless of case and separators', () => {
    expect(normaliseName('create_order')).toBe(normaliseName('createOrder'));
    const r = fuzzyRank('crete_ordr', ['create_order', 'createOrder', 'delete_order', 'zzz'], 2);
    expect(r.map((m) => [m.name, m.distance])).toEqual([
      ['createOrder', 2],
      ['create_order', 2],
    ]);
  });
});

describe('name matching', () => {
  it('matches FQNs at segment boundaries of every language', () => {
    expect(lastSegment('App\\Http\\OrderController::store')).toBe('store');
    expect(fqnMatches('app.models.Order.save', 'Order.save')).toBe(true);
    expect(fqnMatches('app.models.SpecialOrder.save', 'Order.save')).toBe(false);
    expect(fqnMatches('App\\Http\\OrderController::store', 'OrderController::store')).toBe(true);
    expect(fqnMatches('src/a.ts:Svc.get', 'Svc.get')).toBe(true);
    expect(fqnMatches(null, 'x')).toBe(false);
  });

  it('matches files by absolute path, relative path or suffix', () => {
    expect(pathMatches('/r/app/models.py', 'app/models.py')).toBe(true);
    expect(pathMatches('/r/app/models.py', './app/models.py')).toBe(true);
    expect(pathMatches('/r/app/models.py', 'models.py')).toBe(true);
    expect(pathMatches('/r/app/my_models.py', 'models.py')).toBe(false);
  });

  it('matches decorators by text, name or dotted suffix', () => {
    expect(decoratorMatches('@app.get("/x")', 'app.get')).toBe(true);
    expect(decoratorMatches('@app.get("/x")', 'get')).toBe(true);
    expect(decoratorMatches('@app.get("/x")', '@app.get("/x")')).toBe(true);
    expect(decoratorMatches('@app.get("/x")', 'app')).toBe(false);
    expect(decoratorMatches('@retry(3)', 'retry(4)')).toBe(false);
    expect(decoratorMatches('#[Route("/x")]', 'Route')).toBe(true);
  });
});

describe('dead code rules', () => {
  const c = (over: Partial<CodeRef>, extra: Partial<Parameters<typeof exclusionOf>[0]> = {}) =>
    exclusionOf({ ref: ref(over), decorators: [], exported: false, overrides: false, ...extra });

  it('recognises test code across languages', () => {
    for (const path of [
      '/r/tests/a.py',
      '/r/pkg/a_test.go',
      '/r/src/a.test.ts',
      '/r/src/FooTest.java',
      '/r/x/test_a.py',
    ]) {
      expect(isTest({ ref: ref({ path }), decorators: [] }), path).toBe(true);
    }
    expect(isTest({ ref: ref({ name: 'TestParse', path: '/r/p.go' }), decorators: [] })).toBe(true);
    expect(isTest({ ref: ref({ name: 'testament', path: '/r/p.py' }), decorators: [] })).toBe(false);
    expect(isTest({ ref: ref({ name: 'latest' }), decorators: [] })).toBe(false);
  });

  it('keeps out entry points, magic methods, framework code and exported API', () => {
    expect(c({ name: 'main' })).toBe('entry-point');
    expect(c({ name: '__str__' })).toBe('magic');
    expect(c({ name: '__construct', path: '/r/a.php' })).toBe('magic');
    expect(c({ name: 'make', kind: 'constructor' })).toBe('magic');
    expect(c({ name: 'h' }, { decorators: ['@app.route("/")'] })).toBe('framework');
    expect(c({ name: 'h' }, { decorators: ['@bus.handles("x")'] })).toBeUndefined();
    expect(
      exclusionOf(
        { ref: ref({}), decorators: ['@bus.handles("x")'], exported: false, overrides: false },
        { excludeDecorators: ['bus.handles'] },
      ),
    ).toBe('framework');
    expect(c({ name: 'store' }, { owner: { name: 'OrderController', kind: 'class' } })).toBe('framework');
    expect(c({ name: 'api' }, { exported: true })).toBe('exported');
    expect(
      exclusionOf(
        { ref: ref({}), decorators: [], exported: true, overrides: false },
        { includeExported: true },
      ),
    ).toBeUndefined();
    expect(c({ name: 'save' }, { owner: { name: 'Store', kind: 'interface' } })).toBe('interface');
    expect(c({ name: 'save' }, { overrides: true })).toBe('override');
    expect(c({ name: 'legacy' })).toBeUndefined();
  });
});

describe('read-only guard', () => {
  it('blanks strings, comments and quoted names before looking at keywords', () => {
    expect(codeOnly("MATCH (n) WHERE n.x = 'LOAD CSV' // COPY t FROM\nRETURN n /* x */")).not.toMatch(
      /LOAD|COPY/,
    );
    expect(codeOnly('MATCH (`COPY x FROM`) RETURN 1')).not.toMatch(/COPY/);
    expect(codeOnly("RETURN 'it\\'s' AS s, \"d\" AS t")).toBe("RETURN  ''  AS s,  ''  AS t");
  });
});

describe('command line helpers', () => {
  it('parses options or refuses them with INVALID_INPUT', () => {
    expect(intOption('12', '--limit')).toBe(12);
    expect(intOption(undefined, '--limit')).toBeUndefined();
    for (const bad of ['0', '-1', 'ten', '1.5']) {
      const err = (() => {
        try {
          return intOption(bad, '--limit');
        } catch (e) {
          return e;
        }
      })();
      expect(isCgcError(err, 'INVALID_INPUT'), bad).toBe(true);
    }
    expect(listOption(['a,b', ' c '])).toEqual(['a', 'b', 'c']);
    expect(paramsOption('{"a":1}')).toEqual({ a: 1 });
    expect(() => paramsOption('[1]')).toThrow(/JSON object/);
    expect(() => paramsOption('{')).toThrow(/not valid JSON/);
  });

  it('resolves query types, aliases and dashes', () => {
    expect(analyzeType('calls')).toBe('find_callees');
    expect(analyzeType('find-all-callers')).toBe('find_all_callers');
    expect(analyzeType('DEAD-CODE')).toBe('dead_code');
    expect(() => analyzeType('nope')).toThrow(/unknown query type/);
  });

  it('formats aligned tables and clips long cells', () => {
    const t = formatTable(
      [
        { a: 'x', n: 1 },
        { a: 'longer', n: 100 },
      ],
      [
        { header: 'name', value: (r) => r.a },
        { header: 'n', value: (r) => r.n, right: true },
      ],
    );
    expect(t.split('\n')).toEqual(['name      n', '------  ---', 'x         1', 'longer  100']);
    expect(
      formatTable([{ s: 'y'.repeat(300) }], [{ header: 's', value: (r) => r.s }]).split('\n')[2],
    ).toHaveLength(100);
  });

  it('registers every query command in one builtin plugin', () => {
    const p = queriesPlugin();
    expect(p.name).toBe('queries');
    expect(p.commands?.map((c) => c.name)).toEqual([
      'find',
      'analyze',
      'dead-code',
      'complexity',
      'stats',
      'list',
      'delete',
      'query',
    ]);
    for (const c of p.commands ?? []) {
      if (c.name === 'query') continue;
      expect(
        c.options?.map((o) => o.flags),
        c.name,
      ).toEqual(expect.arrayContaining(['--json', '-r, --repo <repo>', '-l, --limit <n>']));
    }
  });
});

describe('identifiers with sigils', () => {
  it('keeps $ as part of a name', () => {
    expect(lastSegment('$http')).toBe('$http');
    expect(lastSegment('app.$http')).toBe('$http');
  });
});
