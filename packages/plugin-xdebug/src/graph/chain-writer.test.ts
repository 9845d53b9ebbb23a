import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type GraphStore } from '@cgc/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callEdge,
  functionId,
  indexPhpFixtures,
  observedCalls,
  SHOP_ROOT,
} from '../../test/indexed-fixtures.js';
import { openTestStore } from '../../test/kuzu-store.js';
import { HAVE_PHP_XDEBUG, runPhpDebug, runPhpTrace } from '../../test/php.js';
import { listChains, missedCalls, neverExecuted, queryChains, requestFunctions } from '../queries.js';
import { XdebugRuntime } from '../runtime.js';
import { resolveSettings } from '../settings.js';

// End to end on the real pieces: examples/php-shop and examples/php-edge are indexed by
// @cgc/indexer into an embedded Kuzu database, then run by PHP under Xdebug (live DBGp
// listener and trace files); the assertions are on what forms against the indexer's graph.
const RUN = join(SHOP_ROOT, 'bin', 'run.php');
const SVC = 'Shop\\Services\\OrderService';
const LOG = 'Shop\\Support\\Loggable::log';
const CLOSURE = 'Shop\\Services\\{closure}';

let store: GraphStore;
let dispose: () => Promise<void>;
let runtime: XdebugRuntime | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'cgc-xdebug-graph-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeEach(async () => {
  ({ store, dispose } = await openTestStore());
  await indexPhpFixtures(store);
});
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
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

const calls = (from: string, to: string) => callEdge(store, from, to);
const observed = (isStatic: boolean) => observedCalls(store, isStatic);

async function resolutions(): Promise<Map<string, string>> {
  const rows = await store.read(
    'MATCH (s:StackFrame)-[r:RESOLVES_TO]->(f:Function) RETURN DISTINCT s.function AS frame, f.fqn AS target, r.match_type AS how',
  );
  const files = await store.read(
    'MATCH (s:StackFrame)-[r:RESOLVES_TO]->(f:File) RETURN DISTINCT s.function AS frame, f.relative_path AS target, r.match_type AS how',
  );
  return new Map(
    [...rows, ...files].map((r) => [
      String(r.frame).replace(/\{closure:.*\}$/, '{closure}'),
      `${String(r.target)} (${String(r.how)})`,
    ]),
  );
}

describe.runIf(HAVE_PHP_XDEBUG)(
  'live and imported PHP calls on the indexed fixtures (needs PHP + Xdebug)',
  () => {
    it('writes frames, chains and CALLED_BY, and resolves every frame to what the indexer wrote', async () => {
      const [out] = await live({ strategy: 'step' }, 1);
      expect(out!.code).toBe(0);
      expect(await frameCount(`${SVC}->checkout`)).toBe(2);
      expect(await frameCount(`${SVC}->validate`)).toBe(2);
      const chains = await listChains(store, { limit: 100 });
      // main calls checkout from two lines: two frames, two chains, one observation each.
      const checkout = chains.filter((c) => c.frames.join(' > ') === `{main} > main > ${SVC}::checkout`);
      expect(checkout.map((c) => [c.observations, c.depth, c.file, c.lineno]).sort()).toEqual([
        [1, 3, RUN, 22],
        [1, 3, RUN, 23],
      ]);
      const calledBy = await store.read(
        'MATCH (a:StackFrame)-[r:CALLED_BY]->(b:StackFrame) WHERE a.function = $a AND b.function = $b RETURN sum(r.count) AS n',
        { a: `${SVC}->validate`, b: `${SVC}->checkout` },
      );
      expect(calledBy).toEqual([{ n: 2 }]);
      const by = await resolutions();
      expect(by.get(`${SVC}->checkout`)).toBe(`${SVC}::checkout (fqn)`);
      expect(by.get('Shop\\Support\\Str::upper')).toBe('Shop\\Support\\Str::upper (fqn)');
      expect(by.get('Shop\\Support\\factorial')).toBe('Shop\\Support\\factorial (fqn)');
      // An inherited method runs under its declaring class, as the indexer names it.
      expect(by.get('Shop\\Domain\\Rule->describe')).toBe('Shop\\Domain\\Rule::describe (fqn)');
      // A trait method runs as OrderService->log; its position leads to the trait's Function.
      expect(by.get(`${SVC}->log`)).toBe(`${LOG} (line)`);
      expect(by.get(`${SVC}->lines`)).toBe('Shop\\Support\\Loggable::lines (line)');
      // The arrow function is a Function of its own (kind closure), found by its definition place.
      expect(by.get(`${SVC}->Shop\\Services\\{closure}`)).toBe(`${CLOSURE} (closure)`);
      const closure = await store.one(
        'MATCH (f:Function) WHERE f.fqn = $fqn RETURN f.kind AS kind, f.line_number AS line',
        {
          fqn: CLOSURE,
        },
      );
      expect(closure).toEqual({ kind: 'closure', line: 23 });
      // Top-level code resolves to its File: the script and each required file.
      expect(by.get('{main}')).toBe('bin/run.php (file)');
      expect(by.get('require')).toMatch(/^src\/.*\.php \(file\)$/);
      expect(by.has('array_map')).toBe(false);
      // Every target is the indexer's node (carries its repository), not a stand-in.
      const foreign = await store.read(
        'MATCH (:StackFrame)-[:RESOLVES_TO]->(f:Function) WHERE f.repo IS NULL RETURN count(f) AS n',
      );
      expect(foreign).toEqual([{ n: 0 }]);
    });

    it('marks the indexer’s static CALLS observed and adds runtime-only CALLS for what it missed', async () => {
      const before = Date.now();
      await live({ strategy: 'step' }, 1);
      expect(await calls('main', `${SVC}::checkout`)).toMatchObject({
        static: true,
        observed: true,
        n: 2,
        resolution: 'typed-receiver',
      });
      const c = await calls('main', `${SVC}::checkout`);
      expect(Number(c!.first)).toBeGreaterThanOrEqual(before);
      expect(Number(c!.first)).toBeLessThanOrEqual(Number(c!.last));
      expect(await calls('Shop\\Support\\factorial', 'Shop\\Support\\factorial')).toMatchObject({ n: 7 });
      // The trait call the indexer resolved through `use Loggable`.
      expect(await calls(`${SVC}::checkout`, LOG)).toMatchObject({
        static: true,
        resolution: 'inherited',
        n: 1,
      });
      // Static edges whose code never ran stay unobserved (CALLS declares `observed: false`, count 0).
      expect(await calls(`${SVC}::unused`, LOG)).toMatchObject({ observed: false, n: 0, first: null });
      expect(await calls('Shop\\Domain\\Rule::describe', 'Shop\\Domain\\Rule::label')).toMatchObject({
        observed: false,
        n: 0,
      });
      expect(await observed(true)).toEqual(
        [
          'bin/run.php -> main: 1',
          `main -> ${SVC}::__construct: 1`,
          `main -> ${SVC}::checkout: 2`,
          `main -> ${SVC}::describeRules: 1`,
          'main -> Shop\\Support\\Loggable::lines: 1',
          // Stepping sees one entry for factorial(2) + factorial(3) (see the breakpoints test).
          'main -> Shop\\Support\\factorial: 2',
          `${SVC}::__construct -> Shop\\Domain\\Discount::__construct: 1`,
          `${SVC}::checkout -> ${SVC}::emit: 1`,
          `${SVC}::checkout -> ${SVC}::total: 1`,
          `${SVC}::checkout -> ${SVC}::validate: 2`,
          `${SVC}::checkout -> ${LOG}: 1`,
          `${SVC}::onPaid -> ${LOG}: 1`,
          `${SVC}::total -> ${LOG}: 1`,
          `${CLOSURE} -> ${SVC}::price: 2`,
          `${LOG} -> Shop\\Support\\Str::upper: 3`,
          'Shop\\Support\\factorial -> Shop\\Support\\factorial: 7',
        ].sort(),
      );
      // What ran but static analysis could not see, each for a real reason.
      const missed = (await missedCalls(store)).map((m) => `${m.caller} -> ${m.callee}: ${m.count}`);
      expect(missed.sort()).toEqual(
        [
          // `$rule->apply()` on an array element: dispatch through the PriceRule interface.
          `${SVC}::price -> Shop\\Domain\\Discount::apply: 2`,
          // `$this->$handler()`: a method name built at run time.
          `${SVC}::emit -> ${SVC}::onPaid: 1`,
          // array_map calls the closure (the internal frame in between is skipped).
          `${SVC}::total -> ${CLOSURE}: 1`,
          // `$this->label()` in the abstract parent runs the subclass's method.
          'Shop\\Domain\\Rule::describe -> Shop\\Domain\\Discount::label: 1',
          `${SVC}::describeRules -> Shop\\Domain\\Rule::describe: 1`,
        ].sort(),
      );
      expect(await calls(`${SVC}::emit`, `${SVC}::onPaid`)).toMatchObject({
        static: false,
        observed: true,
        resolution: 'runtime',
        n: 1,
      });
      const never = (await neverExecuted(store, { namespace: 'Shop\\' })).map((f) => f.fqn);
      expect(never).toEqual([
        'Shop\\Domain\\PriceRule::apply',
        'Shop\\Domain\\Rule::label',
        `${SVC}::unused`,
      ]);
    });

    it('keeps counts consistent across sessions, concurrent requests and a restart (counts add up)', async () => {
      await live({}, 3, 2);
      await runtime!.close();
      // A new runtime has empty caches: counts must still add to what is stored.
      await live({ cacheSize: 2 }, 1, 2);
      expect(await frameCount(`${SVC}->checkout`)).toBe(4 * 4);
      const chains = (await listChains(store, { limit: 100 })).filter((c) => c.fqn === `${SVC}::validate`);
      expect(chains.map((c) => c.observations)).toEqual([8, 8]);
      expect(await calls(`${SVC}::checkout`, `${SVC}::validate`)).toMatchObject({ n: 16 });
      expect(await calls(`${SVC}::emit`, `${SVC}::onPaid`)).toMatchObject({ n: 8 });
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
      expect(q[0]!.resolves_to?.id).toBe(await functionId(store, `${SVC}::validate`));
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
      expect(fqns).toContain(`${SVC}::onPaid`);
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
      expect(r!.stats!.recorded).toBeGreaterThan(40);
      expect(await frameCount(`${SVC}->checkout`)).toBe(4);
      const by = await resolutions();
      // log calls Str::upper: its position is the child's call site, mapped into the repository.
      expect(by.get(`${SVC}->log`)).toBe(`${LOG} (line)`);
      // lines calls nothing, so a trace never says where it runs: found as the trait's method.
      expect(by.get(`${SVC}->lines`)).toBe('Shop\\Support\\Loggable::lines (trait)');
      expect(by.get(`${SVC}->Shop\\Services\\{closure}`)).toBe(`${CLOSURE} (closure)`);
      expect(by.get('{main}')).toBe('bin/run.php (file)');
      // A trace counts every call exactly, two from one statement included.
      expect(await calls('main', 'Shop\\Support\\factorial')).toMatchObject({ static: true, n: 3 });
      expect(await calls(`${SVC}::price`, 'Shop\\Domain\\Discount::apply')).toMatchObject({
        static: false,
        n: 4,
      });
      expect(await calls(`${SVC}::emit`, `${SVC}::onPaid`)).toMatchObject({ static: false, n: 2 });
      const [again] = await runtime.importTraces(moved);
      expect(again!.skipped).toBe('already_imported');
      expect(await frameCount(`${SVC}->checkout`)).toBe(4);
    });
  },
);
