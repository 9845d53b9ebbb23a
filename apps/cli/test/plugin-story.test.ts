import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStdio } from './mcp-client.js';
import { HELLO_DIR, pluginSource, TempProject } from './temp-project.js';

const HELLO = '@cgc/example-plugin-hello';
let project: TempProject;

beforeEach(() => {
  project = new TempProject();
});
afterEach(() => project.dispose());

async function pluginList() {
  const res = await project.run(['plugin', 'list', '--json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as {
    name: string;
    package: string;
    state: string;
    reason: string | null;
    builtin: boolean;
  }[];
}

function thirdParty(records: Awaited<ReturnType<typeof pluginList>>) {
  return records.filter((r) => !r.builtin);
}

describe('the plugin user story, end to end', () => {
  it('without plugins: only core commands and tools, and no plugin errors', async () => {
    const help = await project.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^\s+plugin\b/m);
    expect(help.stdout).toMatch(/^\s+doctor\b/m);
    expect(help.stdout).toMatch(/^\s+mcp\b/m);
    expect(help.stdout).toMatch(/^\s+query\b/m);
    expect(help.stdout).not.toContain('Plugin commands:');
    expect(help.stdout).not.toContain('[plugin:');
    expect(help.stderr).toBe('');

    const records = await pluginList();
    expect(thirdParty(records)).toEqual([]);
    expect(records.every((r) => r.state === 'loaded')).toBe(true);

    const mcp = await connectStdio(project);
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => t.name)).toContain('execute_cypher_query');
      expect(tools.every((t) => t._meta?.['cgc/builtin'] === true)).toBe(true);
    } finally {
      await mcp.close();
    }
    expect(mcp.stderr()).not.toMatch(/plugin .* (failed|skipped)/);
  });

  it('installed: its command is in --help marked as a plugin, and its tool is served over MCP', async () => {
    project.link(HELLO, HELLO_DIR);
    const help = await project.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Plugin commands:');
    expect(help.stdout).toMatch(/hello .*\[name\]\s+Say hello \[plugin: @cgc\/example-plugin-hello\]/);
    expect(help.stderr).toBe('');

    const hello = await project.run(['hello', 'Ada']);
    expect(hello).toMatchObject({ code: 0, stdout: 'Hello, Ada!\n' });
    const shout = await project.run(['hello', '--shout'], {
      CGC_PLUGIN_EXAMPLE_PLUGIN_HELLO_GREETING: 'Bonjour',
    });
    expect(shout.stdout).toBe('BONJOUR, WORLD!\n');

    const mcp = await connectStdio(project);
    try {
      const { tools } = await mcp.client.listTools();
      const tool = tools.find((t) => t.name === 'hello_world');
      expect(tool?._meta).toMatchObject({ 'cgc/plugin': HELLO, 'cgc/package': HELLO, 'cgc/builtin': false });
      const res = await mcp.client.callTool({ name: 'hello_world', arguments: { name: 'MCP' } });
      expect(res.isError).toBeFalsy();
      expect(JSON.parse((res.content as { text: string }[])[0]!.text)).toEqual({ greeting: 'Hello, MCP!' });
    } finally {
      await mcp.close();
    }
  });

  it('uninstalled: starts cleanly without its command or tool', async () => {
    project.link(HELLO, HELLO_DIR);
    expect((await project.run(['--help'])).stdout).toContain('hello');
    project.remove(HELLO);

    const help = await project.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).not.toContain('hello');
    expect(help.stderr).toBe('');
    expect(thirdParty(await pluginList())).toEqual([]);
    const gone = await project.run(['hello']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/unknown command 'hello'/);
  });

  it('two plugins load together, each with its command and tool', async () => {
    project.link(HELLO, HELLO_DIR);
    project.write('cgc-plugin-acme', {
      pkg: { cgc: {} },
      index: pluginSource('cgc-plugin-acme', 'greet', 'acme_greet'),
    });
    const help = await project.run(['--help']);
    expect(help.stdout).toMatch(/hello .*\[name\].*\[plugin: @cgc\/example-plugin-hello\]/);
    expect(help.stdout).toMatch(/greet .*\[plugin: cgc-plugin-acme\]/);
    expect((await project.run(['greet'])).stdout).toBe('hi from cgc-plugin-acme\n');

    const mcp = await connectStdio(project);
    try {
      const names = (await mcp.client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['hello_world', 'acme_greet', 'execute_cypher_query']));
      const res = await mcp.client.callTool({ name: 'acme_greet', arguments: {} });
      expect(JSON.parse((res.content as { text: string }[])[0]!.text)).toEqual({
        from: 'cgc-plugin-acme',
        who: 'you',
      });
    } finally {
      await mcp.close();
    }
  });

  it('a plugin for another core version is skipped with both versions named; the others load', async () => {
    project.link(HELLO, HELLO_DIR);
    project.write('cgc-plugin-future', {
      pkg: { version: '2.0.0', cgc: { coreRange: '>=99.0.0' } },
      index: pluginSource('cgc-plugin-future', 'future', 'future_tool'),
    });
    const help = await project.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hello');
    expect(help.stdout).not.toContain('future');
    expect(help.stderr).toMatch(
      /warn: .*cgc-plugin-future@2\.0\.0 supports @cgc\/core >=99\.0\.0, this is \d+\.\d+\.\d+/,
    );

    const future = (await pluginList()).find((r) => r.package === 'cgc-plugin-future');
    expect(future).toMatchObject({ state: 'skipped' });
    expect(future?.reason).toMatch(/>=99\.0\.0, this is \d+\.\d+\.\d+/);
  });

  it('throwing, hanging and clashing plugins are each reported and the host still starts', async () => {
    project.link(HELLO, HELLO_DIR);
    project.write('cgc-plugin-throws', {
      pkg: { cgc: {} },
      index: "throw new Error('boom while loading');\n",
    });
    project.write('cgc-plugin-hangs', {
      pkg: { cgc: {} },
      index: 'export default () => new Promise(() => {});\n',
    });
    project.write('cgc-plugin-takes-doctor', {
      pkg: { cgc: {} },
      index: pluginSource('cgc-plugin-takes-doctor', 'doctor', 'takes_doctor_tool'),
    });
    project.write('cgc-plugin-copycat', {
      pkg: { cgc: {} },
      index: pluginSource('cgc-plugin-copycat', 'copycat', 'hello_world'),
    });
    const env = { CGC_PLUGIN_TIMEOUT_MS: '400' };

    const help = await project.run(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^\s+doctor .*Check configuration/m);

    const res = await project.run(['plugin', 'list', '--json'], env);
    expect(res.code).toBe(0);
    const records = JSON.parse(res.stdout) as {
      package: string;
      state: string;
      reason: string;
      code: string;
    }[];
    const byPkg = new Map(records.map((r) => [r.package, r]));
    expect(byPkg.get('cgc-plugin-throws')).toMatchObject({ state: 'failed', code: 'PLUGIN_LOAD_FAILED' });
    expect(byPkg.get('cgc-plugin-throws')?.reason).toContain('boom while loading');
    expect(byPkg.get('cgc-plugin-hangs')).toMatchObject({ state: 'failed', code: 'PLUGIN_TIMEOUT' });
    expect(byPkg.get('cgc-plugin-hangs')?.reason).toContain('400 ms');
    expect(byPkg.get('cgc-plugin-takes-doctor')).toMatchObject({ state: 'failed', code: 'PLUGIN_CONFLICT' });
    expect(byPkg.get('cgc-plugin-takes-doctor')?.reason).toContain(
      'command "doctor" is already provided by cli',
    );
    // Discovery order decides which of two plugins with one tool name wins; exactly one must.
    const pair = [byPkg.get(HELLO), byPkg.get('cgc-plugin-copycat')];
    expect(pair.map((r) => r?.state).sort()).toEqual(['failed', 'loaded']);
    expect(pair.find((r) => r?.state === 'failed')?.reason).toMatch(
      /tool "hello_world" is already provided by/,
    );

    const text = await project.run(['plugin', 'list'], env);
    expect(text.stdout).toMatch(/cgc-plugin-hangs\s.*failed\s+cgc-plugin-hangs did not load within 400 ms/);

    const mcp = await connectStdio(project, env);
    try {
      const names = (await mcp.client.listTools()).tools.map((t) => t.name);
      expect(names.filter((n) => n === 'hello_world')).toHaveLength(1);
      expect(names).toContain('execute_cypher_query');
      expect(names).not.toContain('takes_doctor_tool');
    } finally {
      await mcp.close();
    }
    expect(mcp.stderr()).toMatch(/plugin cgc-plugin-throws failed: boom while loading/);
  });

  it('a command whose name commander would misread is left out with a warning; the rest still works', async () => {
    project.link(HELLO, HELLO_DIR);
    project.write('cgc-plugin-odd', {
      pkg: { cgc: {} },
      index: pluginSource('cgc-plugin-odd', 'odd <thing>', 'odd_tool'),
    });
    const help = await project.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toMatch(/warn: plugin cgc-plugin-odd: command "odd <thing>" skipped/);
    expect(help.stdout).not.toMatch(/^\s+odd/m);
    expect((await project.run(['hello'])).stdout).toBe('Hello, world!\n');
  });
});
