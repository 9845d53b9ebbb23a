import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_REPO,
  falkorEnv,
  falkorInstalled,
  freePort,
  startFalkor,
  stopFalkor,
} from '../../mcp-server/test/e2e-env.js';
import { CLI_COMMAND, HELLO_DIR, ROOT, TempProject } from './temp-project.js';

/** A long-running `cgc` process and what it printed. */
interface Running {
  readonly proc: ChildProcess;
  out(): string;
  err(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

function start(
  project: TempProject,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<Running> {
  const proc = spawn(CLI_COMMAND.command, [...CLI_COMMAND.args, ...args], {
    cwd: project.dir,
    env: { ...project.env, ...env },
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const running: Running = {
    proc,
    out: () => out,
    err: () => err,
    stop: () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`cgc ${args.join(' ')} not ready in 60 s:\n${out}\n${err}`)),
      60_000,
    );
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(running);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cgc ${args.join(' ')} exited ${code} before it was ready:\n${out}\n${err}`));
    });
  });
}

async function connect(url: string) {
  const client = new Client({ name: 'serve-test', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

describe('cgc mcp setup', () => {
  const project = new TempProject();
  afterAll(() => project.dispose());

  it('prints the stdio config of each client', async () => {
    const vscode = await project.run(['mcp', 'setup', 'vscode']);
    expect(vscode.code, vscode.stderr).toBe(0);
    expect(vscode.stdout).toContain('"servers"');
    expect(vscode.stdout).toContain('"args": [\n        "mcp",\n        "start"\n      ]');
    const code = await project.run(['mcp', 'setup', 'claude-code', '--transport', 'http', '--json'], {
      CGC_MCP_TOKEN: 't0k',
    });
    const parsed = JSON.parse(code.stdout);
    expect(parsed.mcpServers.cgc).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:8045/mcp',
      headers: { Authorization: 'Bearer ${CGC_MCP_TOKEN}' },
    });
    expect(code.stdout).not.toContain('t0k');
  });

  it('writes into an existing config, keeping the other servers', async () => {
    mkdirSync(join(project.dir, '.cursor'), { recursive: true });
    writeFileSync(
      join(project.dir, '.cursor/mcp.json'),
      JSON.stringify({ mcpServers: { other: { command: 'x' } } }),
    );
    const res = await project.run(['mcp', 'setup', 'cursor', '--write', '--command', 'npx -y @cgc/cli']);
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(project.dir, '.cursor/mcp.json'), 'utf8'));
    expect(doc.mcpServers.other).toEqual({ command: 'x' });
    expect(doc.mcpServers.cgc).toEqual({ command: 'npx', args: ['-y', '@cgc/cli', 'mcp', 'start'] });
  });

  it('refuses an unknown client or a broken config file with a clear message', async () => {
    const unknown = await project.run(['mcp', 'setup', 'emacs']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /unknown client "emacs"; expected one of claude-code, claude-desktop, cursor, vscode/,
    );
    mkdirSync(join(project.dir, '.vscode'), { recursive: true });
    writeFileSync(join(project.dir, '.vscode/mcp.json'), '{ broken');
    const broken = await project.run(['mcp', 'setup', 'vscode', '--write']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/mcp\.json is not valid JSON/);
    expect(readFileSync(join(project.dir, '.vscode/mcp.json'), 'utf8')).toBe('{ broken');
  });
});

describe.runIf(falkorInstalled())('cgc serve and cgc mcp start --transport http (needs FalkorDB)', () => {
  const project = new TempProject();
  const runDir = join(project.dir, '.falkor');
  let dbPort: number;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    project.link('@cgc/example-plugin-hello', HELLO_DIR);
    mkdirSync(runDir);
    dbPort = await freePort();
    env = falkorEnv(await startFalkor(dbPort, runDir), 'cli_serve', project.home);
  });
  afterAll(async () => {
    await stopFalkor(runDir, dbPort);
    project.dispose();
  });

  it('cgc serve hosts the core and plugin tools, runs jobs in the server, and stops on SIGTERM', async () => {
    const port = await freePort();
    const serve = await start(project, ['serve', '--port', String(port)], env, /press Ctrl\+C/);
    try {
      expect(serve.out()).toContain(`MCP over HTTP at http://127.0.0.1:${port}/mcp`);
      expect(serve.out()).toMatch(/services: /);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const client = await connect(`http://127.0.0.1:${port}/mcp`);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['add_code_to_graph', 'find_code', 'hello_world']));
      const res = await client.callTool({
        name: 'add_code_to_graph',
        arguments: { path: FIXTURE_REPO, wait: true },
      });
      const job = JSON.parse((res.content as { text: string }[])[0]!.text);
      expect(job.state, JSON.stringify(job.error)).toBe('completed');
      await client.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('cgc mcp start --transport http serves MCP without the services; a second server on the port is refused', async () => {
    const port = await freePort();
    const mcp = await start(
      project,
      ['mcp', 'start', '--transport', 'http', '--port', String(port)],
      env,
      /press Ctrl\+C/,
    );
    try {
      expect(mcp.out()).not.toMatch(/services:/);
      const client = await connect(`http://127.0.0.1:${port}/mcp`);
      expect((await client.listTools()).tools.length).toBeGreaterThan(10);
      await client.close();
      const clash = await project.run(['mcp', 'start', '--transport', 'http', '--port', String(port)], env);
      expect(clash.code).toBe(2);
      expect(clash.stderr).toMatch(/port \d+ is in use; choose another with --port or CGC_MCP_PORT/);
    } finally {
      expect(await mcp.stop()).toBe(0);
    }
  });
});

// @cgc/adapter-kuzu is written concurrently; the one-writer test runs once its sources exist.
const kuzu = existsSync(join(ROOT, 'packages/adapter-kuzu/src/index.ts'));

describe.runIf(kuzu)('one writer for the embedded database (needs @cgc/adapter-kuzu sources)', () => {
  const project = new TempProject({ CGC_DATABASE: 'kuzu' });
  afterAll(() => project.dispose());

  it('other cgc commands work through a running cgc serve, and open the database again once it stops', async () => {
    const port = await freePort();
    const serve = await start(project, ['serve', '--port', String(port)], {}, /press Ctrl\+C/);
    const endpoint = join(project.home, 'server.json');
    try {
      const file = JSON.parse(readFileSync(endpoint, 'utf8'));
      expect(file).toMatchObject({ pid: serve.proc.pid, url: `http://127.0.0.1:${port}`, backend: 'kuzu' });
      const indexed = await project.run(['index', FIXTURE_REPO]);
      expect(indexed.code, indexed.stderr).toBe(0);
      const q = await project.run(['query', 'MATCH (f:Function) RETURN count(f) AS n', '--json']);
      expect(q.code, q.stderr).toBe(0);
      expect(JSON.parse(q.stdout).rows[0].n).toBeGreaterThan(5);
      // The server sees what the other process wrote: it is the same database.
      const client = await connect(`http://127.0.0.1:${port}/mcp`);
      const repos = await client.callTool({ name: 'list_indexed_repositories', arguments: {} });
      expect((repos.content as { text: string }[])[0]!.text).toContain(FIXTURE_REPO);
      await client.close();
      const second = await project.run(['serve', '--port', String(await freePort())]);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/cgc serve is already running \(pid \d+\)/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(existsSync(endpoint)).toBe(false);
    const direct = await project.run(['query', 'MATCH (f:Function) RETURN count(f) AS n', '--json']);
    expect(direct.code, direct.stderr).toBe(0);
    expect(JSON.parse(direct.stdout).rows[0].n).toBeGreaterThan(5);
  }, 120_000);
});
