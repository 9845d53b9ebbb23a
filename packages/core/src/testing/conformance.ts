import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphAdapter, GraphNode } from '../adapter.js';
import { isCgcError } from '../errors.js';
import { GraphStore } from '../store.js';
import { CONFORMANCE_SCHEMA } from './conformance-schema.js';

/** How the conformance suite gets an adapter on a real engine. */
export interface ConformanceOptions {
  /** Creates a fresh, unconnected adapter. Called once for the suite and once for the close tests. */
  readonly create: () => GraphAdapter;
}

const BIG = 2 ** 40 + 7;
const HUGE = 2n ** 62n + 5n;

/**
 * The adapter conformance suite: every adapter package calls this on a real engine.
 * Tests are skipped only by declared capability, and the test name says why.
 */
export function runAdapterConformance(name: string, options: ConformanceOptions): void {
  const caps = options.create().capabilities;

  describe(`${name} adapter conformance`, () => {
    let store: GraphStore;
    const adapter = () => store.adapter;
    const count = async (cypher: string, params = {}) => {
      const rows = await store.read(cypher, params);
      return Number(rows[0]?.c ?? -1);
    };
    const itemCount = () => count("MATCH (n:ConfItem) WHERE n.suite = 'conf' RETURN count(n) AS c");
    const linkCount = () =>
      count("MATCH (a:ConfItem)-[r:CONF_LINK]->(b) WHERE a.suite = 'conf' RETURN count(r) AS c");

    beforeAll(async () => {
      store = new GraphStore(options.create(), { backoffMs: 20 });
      await store.connect();
      await store.connect();
      await store.ensureSchema(CONFORMANCE_SCHEMA);
      await store.ensureSchema(CONFORMANCE_SCHEMA);
    });
    afterAll(async () => {
      await store?.close();
    });
    beforeEach(async () => {
      await store.deleteNodes({ labels: ['ConfItem', 'ConfOther'], property: 'suite', value: 'conf' });
    });

    it('upserts nodes idempotently', async () => {
      const rows = [1, 2, 3].map((i) => ({ id: `n${i}`, suite: 'conf', name: `item ${i}`, n: i }));
      await store.upsertNodes('ConfItem', rows);
      await store.upsertNodes('ConfItem', rows);
      expect(await itemCount()).toBe(3);
    });

    it('updates properties on upsert and leaves absent ones unchanged', async () => {
      await store.upsertNodes('ConfItem', [
        { id: 'u1', suite: 'conf', name: 'before', n: 1, b: true, tags: ['a'] },
      ]);
      await store.upsertNodes('ConfItem', [{ id: 'u1', suite: 'conf', name: 'after', tags: ['b', 'c'] }]);
      const rows = await store.read(
        "MATCH (n:ConfItem {id: 'u1'}) RETURN n.name AS name, n.n AS n, n.b AS b, n.tags AS tags",
      );
      expect(rows).toEqual([{ name: 'after', n: 1, b: true, tags: ['b', 'c'] }]);
    });

    it('stores every property type', async () => {
      await store.upsertNodes('ConfItem', [
        {
          id: 'p1',
          suite: 'conf',
          name: 'ünïcødé — 漢字 🚀',
          n: BIG,
          f: 3.25,
          b: false,
          tags: ['a', 'b'],
          nums: [1, BIG],
          meta: { k: 'v', nested: [1, 2] },
        },
      ]);
      const [row] = await store.read(
        "MATCH (n:ConfItem {id: 'p1'}) RETURN n.name AS name, n.n AS n, n.f AS f, n.b AS b, n.tags AS tags, n.nums AS nums, n.meta AS meta",
      );
      expect(row).toEqual({
        name: 'ünïcødé — 漢字 🚀',
        n: BIG,
        f: 3.25,
        b: false,
        tags: ['a', 'b'],
        nums: [1, BIG],
        meta: JSON.stringify({ k: 'v', nested: [1, 2] }),
      });
    });

    it('returns nodes in the shared shape', async () => {
      await store.upsertNodes('ConfItem', [{ id: 's1', suite: 'conf', name: 'shape' }]);
      const [row] = await store.read("MATCH (n:ConfItem {id: 's1'}) RETURN n");
      const n = row?.n as GraphNode;
      expect(n.kind).toBe('node');
      expect(n.label).toBe('ConfItem');
      expect(n.properties.id).toBe('s1');
      expect(n.properties.name).toBe('shape');
    });

    it('upserts relationships idempotently and updates their properties', async () => {
      await store.upsertNodes('ConfItem', [
        { id: 'a', suite: 'conf' },
        { id: 'b', suite: 'conf' },
      ]);
      await store.upsertNodes('ConfOther', [{ id: 'o', suite: 'conf' }]);
      const rows = [{ from: 'a', to: 'b', properties: { weight: 0.5, since: BIG } }];
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', rows);
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', rows);
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfOther', [{ from: 'a', to: 'o' }]);
      expect(await linkCount()).toBe(2);
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', [
        { from: 'a', to: 'b', properties: { weight: 2.5, note: 'x' } },
      ]);
      const got = await store.read(
        "MATCH (:ConfItem {id: 'a'})-[r:CONF_LINK]->(:ConfItem {id: 'b'}) RETURN r.weight AS w, r.since AS s, r.note AS note",
      );
      expect(got).toEqual([{ w: 2.5, s: BIG, note: 'x' }]);
    });

    it('gives new relationships their declared defaults, on every write path, and keeps stored values', async () => {
      const n = 1200;
      await store.upsertNodes(
        'ConfItem',
        Array.from({ length: n }, (_, i) => ({ id: `d${i}`, suite: 'conf' })),
      );
      const chain = Array.from({ length: n - 1 }, (_, i) => ({
        from: `d${i}`,
        to: `d${i + 1}`,
        properties: { note: 'bulk' },
      }));
      await store.upsertRelationships('CONF_SEEN', 'ConfItem', 'ConfItem', chain.slice(0, 2));
      await store.upsertRelationships('CONF_SEEN', 'ConfItem', 'ConfItem', chain.slice(2, 600));
      await store.upsertRelationships('CONF_SEEN', 'ConfItem', 'ConfItem', chain.slice(600), {
        fresh: true,
        defer: true,
      });
      await store.flushDeferred();
      const defaults = await store.read(
        "MATCH (a:ConfItem)-[r:CONF_SEEN]->() WHERE a.suite = 'conf' RETURN r.seen AS s, r.count AS c, r.label AS l, count(*) AS k",
      );
      expect(defaults.map((r) => ({ ...r, k: Number(r.k) }))).toEqual([
        { s: false, c: 0, l: "it's new", k: n - 1 },
      ]);
      await store.upsertRelationships('CONF_SEEN', 'ConfItem', 'ConfItem', [
        { from: 'd0', to: 'd1', properties: { seen: true, count: 3 } },
      ]);
      await store.upsertRelationships('CONF_SEEN', 'ConfItem', 'ConfItem', [
        { from: 'd0', to: 'd1', properties: { note: 'again' } },
      ]);
      const kept = await store.read(
        "MATCH (:ConfItem {id: 'd0'})-[r:CONF_SEEN]->(:ConfItem {id: 'd1'}) RETURN r.seen AS s, r.count AS c, r.note AS note",
      );
      expect(kept).toEqual([{ s: true, c: 3, note: 'again' }]);
    });

    it('skips relationships whose end nodes do not exist', async () => {
      await store.upsertNodes('ConfItem', [{ id: 'lonely', suite: 'conf' }]);
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', [
        { from: 'lonely', to: 'missing' },
      ]);
      expect(await linkCount()).toBe(0);
      expect(await itemCount()).toBe(1);
    });

    it('writes large batches through the bulk path', async () => {
      const n = 5000;
      const nodes = Array.from({ length: n }, (_, i) => ({ id: `bulk${i}`, suite: 'conf', n: i }));
      await store.upsertNodes('ConfItem', nodes);
      const rels = Array.from({ length: n - 1 }, (_, i) => ({ from: `bulk${i}`, to: `bulk${i + 1}` }));
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', rels);
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', rels.slice(0, 100));
      expect(await itemCount()).toBe(n);
      expect(await linkCount()).toBe(n - 1);
    });

    it('deletes by scope with the relationships attached, and nothing else', async () => {
      await store.upsertNodes('ConfItem', [
        { id: 'd1', suite: 'conf', scope: 'gone' },
        { id: 'd2', suite: 'conf', scope: 'gone' },
        { id: 'k1', suite: 'conf', scope: 'kept' },
      ]);
      await store.upsertRelationships('CONF_LINK', 'ConfItem', 'ConfItem', [
        { from: 'd1', to: 'k1' },
        { from: 'k1', to: 'd2' },
      ]);
      const deleted = await store.deleteNodes({
        labels: ['ConfItem', 'ConfOther'],
        property: 'scope',
        value: 'gone',
      });
      expect(deleted).toBe(2);
      expect(await itemCount()).toBe(1);
      expect(await linkCount()).toBe(0);
    });

    it('round-trips scalar parameters', async () => {
      const [row] = await store.read(
        'RETURN $big AS big, $neg AS neg, $f AS f, $t AS t, $no AS no, $s AS s, $nil AS nil',
        { big: BIG, neg: -BIG, f: 0.1, t: true, no: false, s: 'naïve ✓ 日本', nil: null },
      );
      expect(row).toEqual({ big: BIG, neg: -BIG, f: 0.1, t: true, no: false, s: 'naïve ✓ 日本', nil: null });
    });

    it('round-trips integers beyond 2^53 as bigint', async () => {
      const [row] = await store.read('RETURN $h AS h', { h: HUGE });
      expect(row?.h).toBe(HUGE);
    });

    it('round-trips list parameters', async () => {
      const [row] = await store.read('RETURN $ints AS ints, $strs AS strs', {
        ints: [1, 2, BIG],
        strs: ['x', 'ÿ'],
      });
      expect(row).toEqual({ ints: [1, 2, BIG], strs: ['x', 'ÿ'] });
    });

    it.runIf(caps.mapParams)(
      'round-trips map parameters (runs only where the engine takes map parameters)',
      async () => {
        const [row] = await store.read('RETURN $m.a AS a, $m.b AS b', { m: { a: 1, b: 'two' } });
        expect(row).toEqual({ a: 1, b: 'two' });
      },
    );

    it('uses parameters in UNWIND', async () => {
      const rows = await store.read('UNWIND $xs AS x RETURN x * 2 AS y ORDER BY y', { xs: [3, 1, 2] });
      expect(rows.map((r) => r.y)).toEqual([2, 4, 6]);
    });

    it.runIf(caps.readOnlyQueries)('refuses writes in read queries, however they are spelled', async () => {
      const attempts = [
        "CREATE (n:ConfOther {id: 'ro1', suite: 'conf'})",
        "create (n:ConfOther {id: 'ro2', suite: 'conf'}) return n",
        "/* harmless */ MERGE (n:ConfOther {id: 'ro3', suite: 'conf'})",
        "MATCH (n:ConfItem) WHERE n.suite = 'conf'\n  DETACH\tDELETE n",
        "MATCH (n:ConfItem) SET n.name = 'pwned'",
      ];
      await store.upsertNodes('ConfItem', [{ id: 'ro', suite: 'conf', name: 'safe' }]);
      for (const q of attempts) {
        const err = await store.read(q).catch((e: unknown) => e);
        expect(isCgcError(err, 'READ_ONLY_VIOLATION'), `${q} -> ${String(err)}`).toBe(true);
      }
      expect(await count("MATCH (n:ConfOther) WHERE n.suite = 'conf' RETURN count(n) AS c")).toBe(0);
      expect(await store.read("MATCH (n:ConfItem {id: 'ro'}) RETURN n.name AS name")).toEqual([
        { name: 'safe' },
      ]);
    });

    it('allows writes in write mode', async () => {
      await store.write("CREATE (n:ConfOther {id: 'w1', suite: 'conf'})");
      expect(await count("MATCH (n:ConfOther) WHERE n.suite = 'conf' RETURN count(n) AS c")).toBe(1);
    });

    it('reports syntax errors with QUERY_SYNTAX and keeps serving', async () => {
      const err = await store.read('MATCH (n RETURN n').catch((e: unknown) => e);
      expect(isCgcError(err, 'QUERY_SYNTAX'), String(err)).toBe(true);
      expect(await store.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    });

    it('rejects undeclared labels and properties before they reach the engine', async () => {
      await expect(store.upsertNodes('Nope', [{ id: 'x' }])).rejects.toMatchObject({
        code: 'SCHEMA_UNDECLARED',
      });
      await expect(store.upsertNodes('ConfItem', [{ id: 'x', bogus: 1 }])).rejects.toMatchObject({
        code: 'SCHEMA_UNDECLARED',
      });
    });

    it('closes twice without error and refuses work afterwards', async () => {
      const a = options.create();
      await a.connect();
      await a.close();
      await a.close();
      const err = await a.query('RETURN 1 AS one').catch((e: unknown) => e);
      expect(isCgcError(err, 'CLOSED'), String(err)).toBe(true);
    });

    it('names itself', () => {
      expect(adapter().name).toBe(name);
    });
  });
}
