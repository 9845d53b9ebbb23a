// @ts-check
import { CgcError, createEngine, loadConfig } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import helloPlugin from './index.js';

/** @type {import('@cgc/core').Engine} */
let engine;

beforeAll(async () => {
  engine = await createEngine({
    config: loadConfig({ env: { CGC_HOME: '/nonexistent-cgc-home' } }),
    // The plugin never touches the graph; opening it would be a bug this makes loud.
    adapter: () => {
      throw new CgcError('DB_UNAVAILABLE', 'hello needs no database');
    },
    builtins: [helloPlugin],
    discover: false,
  });
});
afterAll(() => engine.close());

/** @returns {{ io: import('@cgc/core').CommandIO, out: string[] }} */
function captureIO() {
  /** @type {string[]} */
  const out = [];
  return {
    out,
    io: {
      print: (t) => out.push(t),
      json: (v) => out.push(JSON.stringify(v)),
      isTTY: false,
      signal: new AbortController().signal,
    },
  };
}

describe('@cgc/example-plugin-hello', () => {
  it('loads through the registry with its command and tool', () => {
    expect(engine.registry.records[0]).toMatchObject({ name: '@cgc/example-plugin-hello', state: 'loaded' });
    expect(engine.registry.commands.map((c) => c.command.name)).toEqual(['hello']);
    expect(engine.registry.tools.map((t) => t.tool.name)).toEqual(['hello_world']);
  });

  it('greets on the command line, in text and JSON', async () => {
    const { command, plugin } = engine.registry.commands[0];
    const ctx = engine.context(plugin);
    const text = captureIO();
    expect(await command.run?.({ name: 'Ada' }, { shout: true }, ctx, text.io)).toBe(0);
    expect(text.out).toEqual(['HELLO, ADA!']);
    const json = captureIO();
    await command.run?.({}, { json: true }, ctx, json.io);
    expect(json.out).toEqual(['{"greeting":"Hello, world!"}']);
  });

  it('answers the MCP tool with its input schema applied', async () => {
    const { tool, plugin } = engine.registry.tools[0];
    const { z } = await import('@cgc/core');
    const input = z.object(tool.input).parse({});
    const call = { signal: new AbortController().signal, progress() {} };
    expect(await tool.handler(input, engine.context(plugin), call)).toEqual({ greeting: 'Hello, world!' });
    expect(() => z.object(tool.input).parse({ name: '' })).toThrow();
  });
});
