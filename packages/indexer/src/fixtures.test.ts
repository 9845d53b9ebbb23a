import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeRepository } from './index-repository.js';

/** The expected graph of a fixture (every list is "at least these", unless `exactCalls`). */
interface Expected {
  classes?: { fqn: string; kind?: string }[];
  /** `count`: how many Functions have that FQN (overloads share one; 0: none may). */
  functions?: { fqn: string; kind?: string; args?: string[]; count?: number }[];
  /** `toLine`: the target's first line, for symbols that share a FQN (cfg variants). */
  calls?: { from: string; to: string; resolution?: string; toLine?: number }[];
  /** When true, `calls` lists every CALLS edge between symbols of the fixture. */
  exactCalls?: boolean;
  notCalls?: { from: string; to: string; toLine?: number }[];
  unresolved?: { from: string; call: string }[];
  imports?: { from: string; to: string }[];
  inherits?: { from: string; to: string }[];
  implements?: { from: string; to: string }[];
  includes?: { from: string; to: string }[];
  routes?: { method: string; path: string; handler?: string }[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const cases = readdirSync(root).flatMap((lang) =>
  statSync(join(root, lang)).isDirectory()
    ? readdirSync(join(root, lang))
        .filter((c) => statSync(join(root, lang, c, 'expected.json'), { throwIfNoEntry: false }))
        .map((c) => ({ name: `${lang}/${c}`, dir: join(root, lang, c) }))
    : [],
);

describe('indexer fixtures', () => {
  it('has fixtures to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as Expected;
      const { sink } = await analyzeRepository(c.dir, { workers: 0, storeSource: false });
      const byId = new Map<string, string>();
      for (const label of ['Class', 'Function'])
        for (const n of sink.all(label)) byId.set(String(n.id), String(n.fqn));
      for (const n of sink.all('File')) byId.set(String(n.id), String(n.relative_path));
      const lineOf = new Map(sink.all('Function').map((n) => [String(n.id), Number(n.line_number)]));
      const classes = sink.all('Class');
      const fns = sink.all('Function');
      for (const e of expected.classes ?? []) {
        const found = classes.find((n) => n.fqn === e.fqn);
        expect(found, `class ${e.fqn} in ${classes.map((n) => n.fqn).join(', ')}`).toBeDefined();
        if (e.kind) expect(found?.kind, `kind of ${e.fqn}`).toBe(e.kind);
      }
      for (const e of expected.functions ?? []) {
        const found = fns.find((n) => n.fqn === e.fqn);
        if (e.count === 0) {
          expect(found, `no function ${e.fqn}`).toBeUndefined();
          continue;
        }
        expect(found, `function ${e.fqn} in ${fns.map((n) => n.fqn).join(', ')}`).toBeDefined();
        if (e.kind) expect(found?.kind, `kind of ${e.fqn}`).toBe(e.kind);
        if (e.args) expect(found?.args, `args of ${e.fqn}`).toEqual(e.args);
        if (e.count !== undefined)
          expect(fns.filter((n) => n.fqn === e.fqn).length, `Functions named ${e.fqn}`).toBe(e.count);
      }
      const edges = (type: string) =>
        sink.rels
          .filter((r) => r.type === type)
          .map((r) => ({
            from: byId.get(r.from) ?? r.from,
            to: byId.get(r.to) ?? r.to,
            toLine: lineOf.get(r.to),
            props: r.properties ?? {},
          }));
      const calls = edges('CALLS');
      const fmt = (l: { from: string; to: string; props?: Record<string, unknown> }[]) =>
        l.map((x) => `${x.from} -> ${x.to}${x.props?.resolution ? ` (${x.props.resolution})` : ''}`).sort();
      for (const e of expected.calls ?? []) {
        // Overloads share a FQN: match on the resolution too when one is expected.
        const found = calls.find(
          (x) =>
            x.from === e.from &&
            x.to === e.to &&
            (!e.resolution || x.props.resolution === e.resolution) &&
            (e.toLine === undefined || x.toLine === e.toLine),
        );
        expect(
          found,
          `call ${e.from} -> ${e.to}${e.toLine ? `:${e.toLine}` : ''} (${e.resolution ?? 'any'})\nactual:\n${fmt(calls).join('\n')}`,
        ).toBeDefined();
      }
      if (expected.exactCalls) {
        expect(fmt(calls.map((x) => ({ from: x.from, to: x.to })))).toEqual(fmt(expected.calls ?? []));
      }
      for (const e of expected.notCalls ?? []) {
        expect(
          // with `toLine`, the one definition of that name at that line (another may be called)
          calls.find(
            (x) => x.from === e.from && x.to === e.to && (e.toLine === undefined || x.toLine === e.toLine),
          ),
          `no call ${e.from} -> ${e.to}${e.toLine ? `:${e.toLine}` : ''}`,
        ).toBeUndefined();
      }
      for (const e of expected.unresolved ?? []) {
        const fn = fns.find((n) => n.fqn === e.from);
        expect(String(fn?.unresolved ?? '').split('\n'), `unresolved calls of ${e.from}`).toContain(e.call);
      }
      const check = (type: string, list: { from: string; to: string }[] | undefined) => {
        const actual = edges(type);
        for (const e of list ?? []) {
          expect(
            actual.find((x) => x.from === e.from && x.to === e.to),
            `${type} ${e.from} -> ${e.to}\nactual:\n${fmt(actual).join('\n')}`,
          ).toBeDefined();
        }
      };
      check('IMPORTS', expected.imports);
      check('INHERITS', expected.inherits);
      check('IMPLEMENTS', expected.implements);
      check('INCLUDES', expected.includes);
      const routes = sink.all('Route');
      const handled = edges('HANDLED_BY');
      for (const e of expected.routes ?? []) {
        const r = routes.find((x) => x.method === e.method && x.path === e.path);
        expect(
          r,
          `route ${e.method} ${e.path} in ${routes.map((x) => `${x.method} ${x.path}`).join(', ')}`,
        ).toBeDefined();
        if (e.handler)
          expect(handled.find((h) => h.from === r?.id)?.to, `handler of ${e.method} ${e.path}`).toBe(
            e.handler,
          );
      }
    });
  }
});
