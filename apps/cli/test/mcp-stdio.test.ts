import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from './mcp-client.js';
import { CLI_COMMAND, HELLO_DIR, TempProject } from './temp-project.js';

// A Neo4j address where nothing listens: the real driver fails fast with DB_UNAVAILABLE.
const NO_DB = { CGC_DATABASE: 'neo4j', NEO4J_URI: 'bolt://127.0.0.1:9' };

let project: TempProject;
let mcp: Awaited<ReturnType<typeof connectStdio>>;

beforeAll(async () => {
  project = new TempProject();
  project.link('@cgc/example-plugin-hello', HELLO_DIR);
  mcp = await connectStdio(project, NO_DB);
});
afterAll(async () => {
  await mcp?.close();
  project.dispose();
});

const text = (res: unknown) => (res as { content: { text: string }[] }).content[0]!.text;

describe('cgc mcp start over stdio with the SDK client', () => {
  it('announces itself and lists core and plugin tools with their input schemas', async () => {
    expect(mcp.client.getServerVersion()?.name).toBe('cgc');
    const { tools } = await mcp.client.listTools();
    const cypher = tools.find((t) => t.name === 'execute_cypher_query');
    expect(cypher?.inputSchema.required).toEqual(['cypher_query']);
    expect(cypher?.annotations?.readOnlyHint).toBe(true);
    expect(cypher?._meta).toMatchObject({ 'cgc/package': 'builtin', 'cgc/builtin': true });
    expect(tools.find((t) => t.name === 'hello_world')?._meta?.['cgc/plugin']).toBe(
      '@cgc/example-plugin-hello',
    );
  });

  it('reports an unreachable database as a one-line tool error, and keeps serving', async () => {
    const res = await mcp.client.callTool({
      name: 'execute_cypher_query',
      arguments: { cypher_query: 'RETURN 1' },
    });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/^DB_UNAVAILABLE: .*127\.0\.0\.1:9/);
    expect(text(res)).not.toContain('\n');
    const hello = await mcp.client.callTool({ name: 'hello_world', arguments: {} });
    expect(JSON.parse(text(hello))).toEqual({ greeting: 'Hello, world!' });
  });

  it('answers wrong argument types and unknown tools with tool errors', async () => {
    const bad = await mcp.client.callTool({ name: 'execute_cypher_query', arguments: { cypher_query: 42 } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/cypher_query/);
    const unknown = await mcp.client.callTool({ name: 'no_such_tool', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect((await mcp.client.listTools()).tools.length).toBeGreaterThan(1);
  });

  it('writes nothing but JSON-RPC to stdout: logs stay on stderr', async () => {
    // The SDK client would have failed to parse any stray stdout line; stderr holds the logs.
    expect(mcp.stderr()).not.toMatch(/^\{"jsonrpc"/m);
  });
});

describe('the stdio server process', () => {
  it('exits when the client closes the connection', async () => {
    const own = await connectStdio(project);
    const pid = (own.client.transport as unknown as { pid: number | null }).pid;
    expect(pid).toBeGreaterThan(0);
    await own.close();
    const alive = () => {
      try {
        process.kill(pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });

  it('stops cleanly on SIGTERM, exit code 0', async () => {
    const child = spawn(CLI_COMMAND.command, [...CLI_COMMAND.args, 'mcp', 'start'], {
      cwd: project.dir,
      env: project.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Ask for the tool list so we know the server is up before signalling it.
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })}\n`);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
  });
});
