import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type GraphStore } from '@cgc/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/kuzu-store.js';
import { HAVE_PHP_XDEBUG, runPhpDebug, runPhpTrace } from '../../test/php.js';
import { fnId, SHOP_ROOT, seedShopFunctions } from '../../test/shop-graph.js';
import { listChains, missedCalls, neverExecuted, queryChains, requestFunctions } from '../queries.js';
import { XdebugRuntime } from '../runtime.js';
import { resolveSettings } from '../settings.js';

const RUN = join(SHOP_ROOT, 'bin', 'run.php');
const SVC = 'Shop\\Services\\OrderService';

let store: GraphStore;
let dispose: () => Promise<void>;
let runtime: XdebugRuntime;
const tmp = mkdtempSync(join(tmpdir(), 'cgc-xdebug-graph-'));

beforeEach(async () => {
  ({ store, dispose } = await openTestStore());
  await seedShopFunctions(store);
});
afterEach(async () => {
  await runtime?.close();
  await dispose();
});

async function live(settings: Record<string, unknown>, runs: number, loops = 1) {
  runtime = new XdebugRuntime(
    store,
    resolveSettings({ enabled: true, port: 0, ...settings }),
    createLogger('silent'),
  );
  const port = await runtime.startListener();
  const outs = await Promise.all(
    Array.from({ length: runs }, () => runPhpDebug(RUN, port, [String(loops)]).done),
  );
  await runtime.listener!.idle();
  await runtime.flush();
  return outs;
}

const frameCount = async (fn: string) =>
  (await store.read('MATCH (f:StackFrame) WHERE f.function = $fn RETURN sum(f.count) AS n', { fn }))[0]?.n;

const calls = async (from: string, to: string) =>
  (
    await store.read(
      'MATCH (a:Function)-[c:CALLS]->(b:Function) WHERE a.id = $a AND b.id = $b ' +
        'RETURN c.static AS static, c.observed AS observed, c.observed_count AS n, c.resolution AS resolution, ' +
        'c.first_seen AS first, c.last_seen AS last',
      { a: fnId(from), b: fnId(to) },
    )
  )[0];

describe.runIf(HAVE_PHP_XDEBUG)(
  'captured PHP calls in a real Kuzu graph (needs infra/php/install.sh)',
  () => {
    it('writes frames, chains and CALLED_BY with counts, and resolves frames to Functions', async () => {
      const [out] = await live({}, 1);
      expect(out!.code).toBe(0);
      expect(await frameCount(`${SVC}->checkout`)).toBe(2);
      expect(await frameCount(`${SVC}->validate`)).toBe(2);
      const chains = await listChains(store, { limit: 100 });
      // main calls checkout from two lines: two frames, two chains, one observation each.
      const checkout = chains.filter((c) => c.frames.join(' > ') === `{main} > main > ${SVC}::checkout`);
      expect(checkout.map((c) => [c.observations, c.depth, c.file, c.lineno]).sort()).toEqual([
        [1, 3, RUN, 20],
        [1, 3, RUN, 21],
      ]);
      const calledBy = await store.read(
        'MATCH (a:StackFrame)-[r:CALLED_BY]->(b:StackFrame) WHERE a.function = $a AND b.function = $b RETURN sum(r.count) AS n',
        { a: `${SVC}->validate`, b: `${SVC}->checkout` },
      );
      expect(calledBy).toEqual([{ n: 2 }]);
      const res = await store.read(
        'MATCH (s:StackFrame)-[r:RESOLVES_TO]->(f:Function) RETURN DISTINCT s.function AS frame, f.fqn AS fqn, r.match_type AS how',
      );
      const by = new Map(res.map((r) => [String(r.frame), `${String(r.fqn)} (${String(r.how)})`]));
      expect(by.get(`${SVC}->checkout`)).toBe(`${SVC}::checkout (fqn)`);
      expect(by.get('Shop\\Support\\Str::upper')).toBe('Shop\\Support\\Str::upper (fqn)');
      expect(by.get('Shop\\Support\\factorial')).toBe('Shop\\Support\\factorial (fqn)');
      // A trait method runs as OrderService->log; it resolves by file + line to Loggable::log.
      expect(by.get(`${SVC}->log`)).toBe('Shop\\Support\\Loggable::log (line)');
      const closure = [...by.entries()].find(([k]) => k.includes('{closure:'));
      expect(closure?.[1]).toBe('Shop\\Services\\{closure} (closure)');
      expect(by.has('{main}')).toBe(false);
    });

    it('marks static CALLS observed and adds runtime-only CALLS static analysis missed', async () => {
      await live({}, 1);
      expect(await calls('main', `${SVC}::checkout`)).toMatchObject({
        static: true,
        observed: true,
        n: 2,
        resolution: 'scoped',
      });
      expect(await calls('Shop\\Support\\factorial', 'Shop\\Support\\factorial')).toMatchObject({
        observed: true,
        n: 7,
      });
      // Dynamic dispatch through the interface: only the runtime sees Discount::apply.
      expect(await calls(`${SVC}::price`, 'Shop\\Domain\\Discount::apply')).toMatchObject({
        static: false,
        observed: true,
        n: 2,
        resolution: 'runtime',
      });
      // A callback through array_map: total -> closure (the internal frame is skipped).
      expect(await calls(`${SVC}::total`, 'Shop\\Services\\{closure}')).toMatchObject({
        static: false,
        n: 1,
      });
      const missed = await missedCalls(store);
      expect(missed.map((m) => `${m.caller} -> ${m.callee}`)).toContain(
        `${SVC}::price -> Shop\\Domain\\Discount::apply`,
      );
      expect(missed.some((m) => m.callee === 'Shop\\Support\\Str::upper')).toBe(false);
      const never = (await neverExecuted(store, { namespace: 'Shop\\' })).map((f) => f.fqn);
      expect(never).toEqual(['Shop\\Domain\\PriceRule::apply', `${SVC}::unused`]);
      const c = await calls('main', `${SVC}::checkout`);
      expect(Number(c!.first)).toBeLessThanOrEqual(Number(c!.last));
    });

    it('keeps counts consistent across sessions, concurrent requests and a restart (counts add up)', async () => {
      await live({}, 3, 2);
      await runtime.close();
      // A new runtime has empty caches: counts must still add to what is stored.
      await live({ cacheSize: 2 }, 1, 2);
      expect(await frameCount(`${SVC}->checkout`)).toBe(4 * 4);
      const chains = (await listChains(store, { limit: 100 })).filter((c) => c.fqn === `${SVC}::validate`);
      expect(chains.map((c) => c.observations)).toEqual([8, 8]);
      expect(await calls(`${SVC}::checkout`, `${SVC}::validate`)).toMatchObject({ n: 16 });
      const sumCalledBy = await store.read(
        'MATCH (a:StackFrame)-[r:CALLED_BY]->(b:StackFrame) WHERE a.function = $a RETURN sum(r.count) AS n',
        { a: `${SVC}->validate` },
      );
      expect(sumCalledBy).toEqual([{ n: 16 }]);
      const q = await queryChains(store, { className: 'OrderService', methodName: 'validate' });
      expect(q[0]).toMatchObject({
        root_fqn: `${SVC}::validate`,
        call_chain: [`${SVC}::checkout`, 'main', '{main}'],
        observations: 8,
      });
      expect(q[0]!.resolves_to?.id).toBe(fnId(`${SVC}::validate`));
    });

    it('counts two calls from one statement exactly with call breakpoints (stepping sees one)', async () => {
      const mainToFact = async () => (await calls('main', 'Shop\\Support\\factorial'))?.n;
      await live({ strategy: 'breakpoints' }, 1);
      // factorial(5), factorial(2) and factorial(3): three entries from main.
      expect(await mainToFact()).toBe(3);
      const req = await store.read('MATCH (r:XdebugRequest) RETURN r.strategy AS s');
      expect(String(req[0]?.s)).toMatch(/^breakpoints:\d+$/);
      expect(await calls(`${SVC}::checkout`, `${SVC}::validate`)).toMatchObject({ n: 2 });
      await runtime.close();
      await live({ strategy: 'step' }, 1);
      // Stepping has no stop in main between factorial(2) returning and factorial(3) starting.
      expect(await mainToFact()).toBe(3 + 2);
    });

    it('answers what ran for one request, by URL and by trigger value', async () => {
      runtime = new XdebugRuntime(store, resolveSettings({ enabled: true, port: 0 }), createLogger('silent'));
      const port = await runtime.startListener();
      await runPhpDebug(RUN, port, ['1'], { XDEBUG_TRIGGER: 'checkout-42' }).done;
      await runtime.listener!.idle();
      await runtime.flush();
      const byTrigger = await requestFunctions(store, { trigger: 'checkout-42' });
      expect(byTrigger.requests).toHaveLength(1);
      expect(byTrigger.requests[0]).toMatchObject({ trigger: 'checkout-42', status: 'completed' });
      const fqns = byTrigger.functions.map((f) => f.fqn);
      expect(fqns).toContain(`${SVC}::checkout`);
      expect(fqns).not.toContain(`${SVC}::unused`);
      expect(byTrigger.functions.find((f) => f.fqn === `${SVC}::checkout`)?.calls).toBe(2);
      const byUrl = await requestFunctions(store, { url: 'php-shop/bin/run.php' });
      expect(byUrl.functions.length).toBe(byTrigger.functions.length);
      expect((await requestFunctions(store, { trigger: 'nope' })).functions).toEqual([]);
    });

    it('imports a trace into the same graph, skips a re-import, and resolves through path mappings', async () => {
      const dir = mkdtempSync(join(tmp, 'trace-'));
      const real = runPhpTrace(RUN, dir, ['2']);
      // The same trace as if recorded in a container that mounts the project at /var/www/shop.
      const moved = join(dir, 'container.xt');
      writeFileSync(moved, readFileSync(real, 'utf8').replaceAll(SHOP_ROOT, '/var/www/shop'));
      rmSync(real);
      runtime = new XdebugRuntime(
        store,
        resolveSettings({ pathMappings: `/var/www/shop=${SHOP_ROOT}` }),
        createLogger('silent'),
      );
      const [r] = await runtime.importTraces(moved);
      expect(r!.error).toBeUndefined();
      expect(r!.stats!.recorded).toBeGreaterThan(20);
      expect(await frameCount(`${SVC}->checkout`)).toBe(4);
      const log = await store.read(
        'MATCH (s:StackFrame)-[r:RESOLVES_TO]->(f:Function) WHERE s.function = $w RETURN DISTINCT f.fqn AS fqn, r.match_type AS how',
        { w: `${SVC}->log` },
      );
      expect(log).toEqual([{ fqn: 'Shop\\Support\\Loggable::log', how: 'line' }]);
      expect(await calls(`${SVC}::price`, 'Shop\\Domain\\Discount::apply')).toMatchObject({
        static: false,
        n: 4,
      });
      const [again] = await runtime.importTraces(moved);
      expect(again!.skipped).toBe('already_imported');
      expect(await frameCount(`${SVC}->checkout`)).toBe(4);
    });
  },
);
