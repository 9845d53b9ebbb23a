import { CgcError, type CgcPlugin, createEngine, type Engine, loadConfig, z } from '@cgc/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer, TOOL_META } from './server.js';

const builtin: CgcPlugin = {
  name: 'core',
  tools: [
    {
      name: 'echo',
      description: 'echoes',
      input: { text: z.string() },
      readOnly: true,
      handler: (input) => ({ text: input.text, big: 2n ** 60n, small: 7n }),
    },
  ],
};

const thirdParty: CgcPlugin = {
  name: 'acme',
  version: '1.2.3',
  tools: [
    {
      name: 'acme_fail_coded',
      description: 'fails with a code',
      input: {},
      handler: () => {
        throw new CgcError('NOT_FOUND', 'no such repository\n/tmp/x');
      },
    },
    {
      name: 'acme_fail_bug',
      description: 'fails like a bug',
      input: {},
      handler: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    },
    Object.assign(
      {
        name: 'acme_structured',
        description: 'returns structured output',
        input: { n: z.number().int() },
        handler: (input: { n: number }) => ({ doubled: input.n * 2 }),
      },
      { output: { doubled: z.number() } },
    ) as never,
    {
      name: 'acme_progress',
      description: 'reports progress',
      input: {},
      handler: (_input, _ctx, call) => {
        call.progress(1, 2, 'half');
        call.progress(2, 2, 'done');
        return 'ok';
      },
    },
  ],
};

let engine: Engine;
let client: Client;

beforeAll(async () => {
  engine = await createEngine({
    config: loadConfig({ env: { CGC_HOME: '/nonexistent-cgc-home' } }),
    adapter: () => {
      throw new CgcError('DB_UNAVAILABLE', 'no database in this test');
    },
    builtins: [builtin, thirdParty],
    discover: false,
  });
  const server = createMcpServer(engine, { version: '9.9.9' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  client = new Client({ name: 'test', version: '0' });
  await client.connect(b);
});

afterAll(async () => {
  await client?.close();
  await engine?.close();
});

describe('createMcpServer', () => {
  it('lists every registry tool with the plugin it comes from in _meta', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['acme_fail_bug', 'acme_fail_coded', 'acme_progress', 'acme_structured', 'echo'].sort(),
    );
    const echo = tools.find((t) => t.name === 'echo')!;
    expect(echo._meta?.[TOOL_META.plugin]).toBe('core');
    expect(echo._meta?.[TOOL_META.builtin]).toBe(true);
    expect(echo.annotations?.readOnlyHint).toBe(true);
    expect(echo.inputSchema.properties).toHaveProperty('text');
    const acme = tools.find((t) => t.name === 'acme_fail_coded')!;
    expect(acme._meta?.[TOOL_META.plugin]).toBe('acme');
    expect(tools.find((t) => t.name === 'acme_structured')!.outputSchema?.properties).toHaveProperty(
      'doubled',
    );
    expect(client.getServerVersion()).toMatchObject({ name: 'cgc', version: '9.9.9' });
  });

  it('returns results as JSON text, bigints made JSON-safe', async () => {
    const res = await client.callTool({ name: 'echo', arguments: { text: 'héllo 🌍' } });
    expect(res.isError).toBeFalsy();
    const [first] = res.content as { type: string; text: string }[];
    expect(JSON.parse(first!.text)).toEqual({ text: 'héllo 🌍', big: '1152921504606846976', small: 7 });
    expect(res.structuredContent).toBeUndefined();
  });

  it('adds structuredContent when the tool declares an output schema', async () => {
    const res = await client.callTool({ name: 'acme_structured', arguments: { n: 21 } });
    expect(res.structuredContent).toEqual({ doubled: 42 });
  });

  it('turns a coded error into a one-line tool error', async () => {
    const res = await client.callTool({ name: 'acme_fail_coded', arguments: {} });
    expect(res.isError).toBe(true);
    const text = (res.content as { text: string }[])[0]!.text;
    expect(text).toBe('NOT_FOUND: no such repository /tmp/x');
  });

  it('turns an unexpected throw into an INTERNAL tool error without a stack', async () => {
    const res = await client.callTool({ name: 'acme_fail_bug', arguments: {} });
    expect(res.isError).toBe(true);
    const text = (res.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/^INTERNAL: tool acme_fail_bug failed unexpectedly: cannot read/);
    expect(text).not.toMatch(/\n|at .*\(/);
  });

  it('answers bad arguments and unknown tools with tool errors and keeps serving', async () => {
    const bad = await client.callTool({ name: 'echo', arguments: { text: 42 } });
    expect(bad.isError).toBe(true);
    const unknown = await client.callTool({ name: 'nope', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect((unknown.content as { text: string }[])[0]!.text).toMatch(/nope/);
    const ok = await client.callTool({ name: 'echo', arguments: { text: 'still here' } });
    expect(ok.isError).toBeFalsy();
  });

  it('sends progress notifications when the client asks for them', async () => {
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const res = await client.callTool({ name: 'acme_progress', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(res.isError).toBeFalsy();
    expect(seen).toEqual([
      { progress: 1, total: 2, message: 'half' },
      { progress: 2, total: 2, message: 'done' },
    ]);
  });
});
