import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type GraphStore } from '@cgc/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callEdge, indexPhpFixtures, observedCalls, SHOP_ROOT } from '../../test/indexed-fixtures.js';
import { openTestStore } from '../../test/kuzu-store.js';
import { HAVE_PHP_XDEBUG, runPhpDebug, runPhpTrace } from '../../test/php.js';
import { missedCalls } from '../queries.js';
import { XdebugRuntime } from '../runtime.js';
import { resolveSettings } from '../settings.js';
import { planBreakpoints } from './breakpoint-plan.js';
import { parsePathMappings } from './path-mapping.js';

const RUN = join(SHOP_ROOT, 'bin', 'run.php');
const SVC = 'Shop\\Services\\OrderService';
const LOGGABLE = join(SHOP_ROOT, 'src', 'Support', 'Loggable.php');

const opened: { store: GraphStore; dispose(): Promise<void> }[] = [];
let runtime: XdebugRuntime | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'cgc-xdebug-bp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  for (const o of opened.splice(0)) await o.dispose();
});

async function indexedStore(): Promise<GraphStore> {
  const o = await openTestStore();
  opened.push(o);
  await indexPhpFixtures(o.store);
  return o.store;
}

describe('call breakpoints planned from the indexed graph', () => {
  let store: GraphStore;
  beforeEach(async () => {
    store = await indexedStore();
  });

  it('names each class’s own and inherited methods, functions, and trait methods by place', async () => {
    const plan = await planBreakpoints(store, []);
    const names = plan.filter((b): b is string => typeof b === 'string');
    expect(names).toEqual(expect.arrayContaining(['main', 'Shop\\Support\\factorial', `${SVC}::checkout`]));
    // Xdebug matches an instance call on the object's class: the subclass needs its own.
    expect(names).toContain('Shop\\Domain\\Discount::describe');
    expect(names).toContain('Shop\\Domain\\Rule::describe');
    // Interfaces never run; closures and trait methods have no usable class or function name.
    expect(names).not.toContain('Shop\\Domain\\PriceRule::apply');
    expect(names.some((n) => n.includes('{closure}') || n.startsWith('Shop\\Support\\Loggable'))).toBe(false);
    expect(plan.filter((b) => typeof b !== 'string')).toEqual(
      expect.arrayContaining([
        { file: LOGGABLE, line: 9 },
        { file: LOGGABLE, line: 14 },
        // The arrow function in OrderService::total: a breakpoint only its own calls trip.
        { file: join(SHOP_ROOT, 'src', 'Services', 'OrderService.php'), line: 23, closure: true },
      ]),
    );
    expect(new Set(plan).size).toBe(plan.length);
    // Line breakpoints are set in the running PHP: repository paths map back to runtime paths.
    const mapped = await planBreakpoints(store, parsePathMappings(`/var/www/shop=${SHOP_ROOT}`));
    expect(mapped).toContainEqual({ file: '/var/www/shop/src/Support/Loggable.php', line: 9 });
  });
});

describe.runIf(HAVE_PHP_XDEBUG)('the breakpoints strategy on a real PHP (needs PHP + Xdebug)', () => {
  it('stops once per call, trait and inherited methods included: the same calls as a trace', async () => {
    const store = await indexedStore();
    runtime = new XdebugRuntime(
      store,
      resolveSettings({ enabled: true, port: 0, strategy: 'breakpoints' }),
      createLogger('silent'),
    );
    const port = await runtime.startListener();
    const out = await runPhpDebug(RUN, port, ['2']).done;
    expect(out.code).toBe(0);
    // The marker local of the once-per-call breakpoints does not change what PHP does.
    expect(out.stdout).toBe('120\nShop\\Domain\\Discount 10%\n6\n');
    await runtime.listener!.idle();
    await runtime.flush();
    const req = await store.read('MATCH (r:XdebugRequest) RETURN r.strategy AS s');
    expect(String(req[0]?.s)).toMatch(/^breakpoints:\d+$/);
    // factorial(5), factorial(2) and factorial(3): three entries from main (stepping sees two).
    expect(await callEdge(store, 'main', 'Shop\\Support\\factorial')).toMatchObject({ n: 3 });
    // Trait methods, reached through a line breakpoint in the trait, resolve to the trait.
    expect(await callEdge(store, `${SVC}::onPaid`, 'Shop\\Support\\Loggable::log')).toMatchObject({ n: 2 });
    expect(await callEdge(store, 'main', 'Shop\\Support\\Loggable::lines')).toMatchObject({ n: 1 });
    expect(await callEdge(store, 'Shop\\Support\\Loggable::log', 'Shop\\Support\\Str::upper')).toMatchObject({
      n: 6,
    });
    // Closures called by array_map stop once per call too (two prices, two checkouts).
    expect(await callEdge(store, `${SVC}::total`, 'Shop\\Services\\{closure}')).toMatchObject({ n: 4 });
    // Rule::describe runs on a Discount: caught by the subclass's breakpoint.
    expect(await callEdge(store, `${SVC}::describeRules`, 'Shop\\Domain\\Rule::describe')).toMatchObject({
      static: false,
      n: 1,
    });
    const live = {
      confirmed: await observedCalls(store, true),
      missed: (await missedCalls(store)).map((m) => `${m.caller} -> ${m.callee}: ${m.count}`).sort(),
    };

    // The same run recorded as a trace (every call, exactly) into a second indexed graph.
    const traced = await indexedStore();
    const dir = mkdtempSync(join(tmp, 'trace-'));
    const file = runPhpTrace(RUN, dir, ['2']);
    const importer = new XdebugRuntime(traced, resolveSettings({}), createLogger('silent'));
    try {
      const [r] = await importer.importTraces(file);
      expect(r!.error).toBeUndefined();
    } finally {
      await importer.close();
    }
    expect(live.confirmed).toEqual(await observedCalls(traced, true));
    expect(live.missed).toEqual(
      (await missedCalls(traced)).map((m) => `${m.caller} -> ${m.callee}: ${m.count}`).sort(),
    );
    expect(live.confirmed.length).toBeGreaterThan(12);
  });
});
