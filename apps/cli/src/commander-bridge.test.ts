import { type CommandSpec, createLogger, loadConfig, type PluginContext } from '@cgc/core';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSpec, type BridgeRuntime } from './commander-bridge.js';
import { createIO } from './output.js';

function runtime() {
  const calls: { plugin: string }[] = [];
  const state = { code: -1, out: [] as string[] };
  const rt: BridgeRuntime = {
    context: (plugin) => {
      calls.push({ plugin });
      return {
        coreVersion: '0.0.0',
        config: loadConfig({ env: { CGC_HOME: '/tmp/none' } }),
        settings: {},
        logger: createLogger('silent'),
        store: () => Promise.reject(new Error('no store')),
      } satisfies PluginContext;
    },
    io: createIO(new AbortController().signal, (s) => state.out.push(s)),
    setExitCode: (c) => {
      state.code = c;
    },
  };
  return { rt, calls, state };
}

function program() {
  return new Command('cgc')
    .option('--json')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

describe('addSpec maps a CommandSpec onto commander', () => {
  it('passes positional args by name, options camelCased with globals, and the exit code back', async () => {
    let seen: unknown;
    const spec: CommandSpec = {
      name: 'copy',
      description: 'copies',
      args: [
        { name: 'from', required: true },
        { name: 'to', variadic: true },
      ],
      options: [
        { flags: '-n, --dry-run', description: 'do nothing' },
        { flags: '--limit <n>', description: 'at most', default: '10' },
      ],
      run: (args, options) => {
        seen = { args, options };
        return 3;
      },
    };
    const { rt, calls, state } = runtime();
    const p = program();
    addSpec(p, spec, 'acme', rt, 'cgc-plugin-acme');
    await p.parseAsync(['copy', 'a', 'b', 'c', '--dry-run', '--json'], { from: 'user' });
    expect(seen).toEqual({
      args: { from: 'a', to: ['b', 'c'] },
      options: { dryRun: true, limit: '10', json: true },
    });
    expect(state.code).toBe(3);
    expect(calls).toEqual([{ plugin: 'acme' }]);
  });

  it('builds groups from subcommands and marks plugin commands in help', async () => {
    const ran: string[] = [];
    const spec: CommandSpec = {
      name: 'otel',
      description: 'OpenTelemetry',
      subcommands: [
        { name: 'start', description: 'start it', run: () => void ran.push('start') },
        { name: 'status', description: 'status', run: () => void ran.push('status') },
      ],
    };
    const { rt, state } = runtime();
    const p = program();
    addSpec(p, spec, 'otel', rt, '@cgc/plugin-otel');
    expect(p.helpInformation()).toMatch(
      /Plugin commands:\n\s+otel\s+OpenTelemetry \[plugin: @cgc\/plugin-otel\]/,
    );
    await p.parseAsync(['otel', 'status'], { from: 'user' });
    expect(ran).toEqual(['status']);
    expect(state.code).toBe(0);
  });

  it('rejects a missing required argument before running', async () => {
    const { rt } = runtime();
    const p = program();
    let ran = false;
    addSpec(
      p,
      {
        name: 'get',
        description: 'gets',
        args: [{ name: 'id', required: true }],
        run: () => {
          ran = true;
          return 0;
        },
      },
      'x',
      rt,
    );
    await expect(p.parseAsync(['get'], { from: 'user' })).rejects.toMatchObject({
      code: 'commander.missingArgument',
    });
    expect(ran).toBe(false);
  });
});
