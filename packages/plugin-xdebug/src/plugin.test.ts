import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandIO,
  type CommandSpec,
  createEngine,
  createLogger,
  type Engine,
  isCgcError,
  loadConfig,
} from '@cgc/core';
import { afterAll, describe, expect, it } from 'vitest';
import { indexPhpFixtures, SHOP_ROOT } from '../test/indexed-fixtures.js';
import { createTestAdapter } from '../test/kuzu-store.js';
import { HAVE_PHP_XDEBUG, runPhpDebug, runPhpTrace } from '../test/php.js';
import { runtimeFor } from './context-runtime.js';
import { createXdebugPlugin } from './plugin.js';
import { resolveSettings } from './settings.js';

const tmp = mkdtempSync(join(tmpdir(), 'cgc-xdebug-plugin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function engineWith(options: Record<string, unknown>): Promise<Engine> {
  const plugin = await createXdebugPlugin(options);
  const home = mkdtempSync(join(tmp, 'home-'));
  return createEngine({
    config: loadConfig({ env: { CGC_HOME: home }, cwd: home }),
    adapter: () => createTestAdapter(join(home, 'db')),
    builtins: [plugin],
    discover: false,
    logger: createLogger('silent'),
  });
}

function io(): CommandIO & { lines: string[]; values: unknown[] } {
  const lines: string[] = [];
  const values: unknown[] = [];
  return {
    lines,
    values,
    print: (t) => lines.push(t),
    json: (v) => values.push(v),
    isTTY: false,
    signal: new AbortController().signal,
  };
}

function sub(engine: Engine, name: string): CommandSpec {
  const group = engine.registry.commands.find((c) => c.command.name === 'xdebug')!.command;
  return group.subcommands!.find((c) => c.name === name)!;
}

describe('@cgc/plugin-xdebug through the plugin contract', () => {
  it('is a factory with metadata and schema; disabled, it has no tools and the listener refuses to start', async () => {
    const engine = await engineWith({});
    try {
      const rec = engine.registry.records.find((r) => r.name === 'xdebug')!;
      expect(rec.state).toBe('loaded');
      expect(rec.plugin).toMatchObject({ version: '0.1.0', coreRange: '^0.1.0' });
      expect(rec.plugin!.schema!.nodes.map((n) => n.label)).toEqual([
        'StackFrame',
        'CallChain',
        'XdebugRequest',
      ]);
      expect(engine.registry.tools).toHaveLength(0);
      const ctx = engine.context('xdebug');
      const out = io();
      expect(await sub(engine, 'start').run!({}, {}, ctx, out)).toBe(1);
      expect(out.lines[0]).toMatch(/CGC_PLUGIN_XDEBUG_ENABLED=true/);
      await engine.registry.services[0]!.service.start(ctx);
      expect(engine.registry.services[0]!.service.status!()).toEqual({ enabled: false, running: false });
      // The schema is created on the engine's store (Kuzu) together with core's.
      const store = await engine.store();
      expect(store.schema.nodes.map((n) => n.label)).toContain('StackFrame');
    } finally {
      await engine.close();
    }
  });

  it('rejects bad settings and bad command input with coded errors', async () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (err) {
        return isCgcError(err) ? err.code : 'other';
      }
    };
    expect(code(() => resolveSettings({ port: '99999' }))).toBe('CONFIG_INVALID');
    expect(code(() => resolveSettings({ enabled: 'maybe' }))).toBe('CONFIG_INVALID');
    expect(code(() => resolveSettings({ strategy: 'magic' }))).toBe('CONFIG_INVALID');
    expect(
      resolveSettings({ enabled: 'TRUE', allow: '10.0.0.1, 10.0.0.2', pathMappings: '/srv=/home/x' }),
    ).toMatchObject({
      enabled: true,
      host: '127.0.0.1',
      port: 9003,
      allow: ['10.0.0.1', '10.0.0.2'],
      pathMappings: [{ from: '/srv', to: '/home/x' }],
    });
    const engine = await engineWith({ enabled: 'true' });
    try {
      const ctx = engine.context('xdebug');
      await expect(sub(engine, 'list-chains').run!({}, { limit: 'abc' }, ctx, io())).rejects.toSatisfy((e) =>
        isCgcError(e, 'INVALID_INPUT'),
      );
      await expect(
        sub(engine, 'import').run!({ path: join(tmp, 'nope.xt') }, {}, ctx, io()),
      ).rejects.toSatisfy((e) => isCgcError(e, 'NOT_FOUND'));
      await expect(sub(engine, 'request').run!({}, {}, ctx, io())).rejects.toSatisfy((e) =>
        isCgcError(e, 'INVALID_INPUT'),
      );
      await expect(sub(engine, 'never-executed').run!({}, {}, ctx, io())).rejects.toSatisfy((e) =>
        isCgcError(e, 'INVALID_INPUT'),
      );
      await expect(sub(engine, 'missed-calls').run!({}, { limit: '0' }, ctx, io())).rejects.toSatisfy((e) =>
        isCgcError(e, 'INVALID_INPUT'),
      );
    } finally {
      await engine.close();
    }
  });

  it.runIf(HAVE_PHP_XDEBUG)(
    'enabled: service captures live PHP, commands import traces, tools answer (needs PHP + Xdebug)',
    async () => {
      const engine = await engineWith({ enabled: 'true', port: '0' });
      try {
        expect(engine.registry.tools.map((t) => t.tool.name).sort()).toEqual([
          'xdebug_list_chains',
          'xdebug_missed_calls',
          'xdebug_never_executed',
          'xdebug_query_chain',
          'xdebug_request_functions',
        ]);
        const ctx = engine.context('xdebug');
        // The fixture projects, indexed by the real indexer into the engine's store.
        await indexPhpFixtures(await engine.store());
        const service = engine.registry.services[0]!.service;
        await service.start(ctx);
        expect(service.status!()).toEqual({ enabled: true, running: true });
        const rt = await runtimeFor(ctx, {});
        const live = await runPhpDebug(join(SHOP_ROOT, 'bin', 'run.php'), rt.listener!.port, ['1']).done;
        expect(live.code).toBe(0);
        await rt.listener!.idle();
        await rt.flush();
        const dir = mkdtempSync(join(tmp, 'traces-'));
        const trace = runPhpTrace(join(SHOP_ROOT, 'bin', 'run.php'), dir, ['1']);
        const out = io();
        expect(await sub(engine, 'import').run!({ path: trace }, { json: true }, ctx, out)).toBe(0);
        expect((out.values[0] as { calls: number }).calls).toBeGreaterThan(20);
        const chains = io();
        await sub(engine, 'list-chains').run!({}, { limit: '5', json: true }, ctx, chains);
        expect((chains.values[0] as { chains: unknown[] }).chains).toHaveLength(5);
        const ranCli = io();
        await sub(engine, 'request').run!({}, { url: 'run.php', json: true }, ctx, ranCli);
        const ranJson = ranCli.values[0] as { functions: { fqn: string | null; calls: number }[] };
        expect(ranJson.functions.find((f) => f.fqn === 'Shop\\Services\\OrderService::checkout')?.calls).toBe(
          4,
        );
        const neverCli = io();
        await sub(engine, 'never-executed').run!({ namespace: 'Shop\\Services' }, {}, ctx, neverCli);
        expect(neverCli.lines).toEqual([
          expect.stringMatching(/^Shop\\Services\\OrderService::unused {2}\(.*OrderService\.php:\d+\)$/),
        ]);
        const missedCli = io();
        await sub(engine, 'missed-calls').run!({}, {}, ctx, missedCli);
        expect(missedCli.lines).toContain(
          '2 x Shop\\Services\\OrderService::emit -> Shop\\Services\\OrderService::onPaid',
        );
        const status = io();
        await sub(engine, 'status').run!({}, { json: true }, ctx, status);
        expect(status.values[0]).toMatchObject({ enabled: true, requests: 2 });
        const call = { signal: new AbortController().signal, progress: () => undefined };
        const tool = (name: string) => engine.registry.tools.find((t) => t.tool.name === name)!.tool;
        const listed = (await tool('xdebug_list_chains').handler(
          { limit: 3, min_observations: 1 },
          ctx,
          call,
        )) as {
          chains: { observations: number }[];
        };
        expect(listed.chains).toHaveLength(3);
        const q = (await tool('xdebug_query_chain').handler(
          { class_name: 'OrderService', method_name: 'validate', limit: 10 },
          ctx,
          call,
        )) as { results: { root_fqn: string }[] };
        expect(q.results[0]!.root_fqn).toBe('Shop\\Services\\OrderService::validate');
        const never = (await tool('xdebug_never_executed').handler(
          { namespace: 'Shop\\Services', limit: 50 },
          ctx,
          call,
        )) as {
          functions: { fqn: string }[];
        };
        expect(never.functions.map((f) => f.fqn)).toEqual(['Shop\\Services\\OrderService::unused']);
        const missed = (await tool('xdebug_missed_calls').handler({ limit: 10 }, ctx, call)) as {
          calls: { caller: string; callee: string }[];
        };
        expect(missed.calls.some((c) => c.callee === 'Shop\\Domain\\Discount::apply')).toBe(true);
        expect(missed.calls.some((c) => c.callee === 'Shop\\Services\\OrderService::onPaid')).toBe(true);
        const ran = (await tool('xdebug_request_functions').handler(
          { url: 'run.php', limit: 100 },
          ctx,
          call,
        )) as {
          requests: unknown[];
          functions: { fqn: string | null; calls: number }[];
        };
        // Both requests (live and imported) ran the same script.
        expect(ran.requests).toHaveLength(2);
        expect(ran.functions.find((f) => f.fqn === 'Shop\\Services\\OrderService::checkout')?.calls).toBe(4);
        await service.stop();
        await service.stop();
        expect(service.status!()).toEqual({ enabled: true, running: false });
      } finally {
        await engine.close();
      }
    },
  );
});
