import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CgcError, coreToolsPlugin, createEngine, type Engine, loadConfig } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, serveHttp } from '../src/http/serve-http.js';

// The MCP Inspector needs Node >= 22.19; infra/node24/install.sh puts Node 24 and the
// inspector in the infra cache (nothing is downloaded while tests run).
const CACHE = join(process.env.CGC_INFRA_CACHE ?? join(homedir(), '.cache', 'cgc-infra'), 'node24');
const NODE24 = join(CACHE, 'node/bin/node');
const INSPECTOR = join(
  CACHE,
  'inspector/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js',
);

function inspect(args: string[], home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      NODE24,
      [INSPECTOR, '--cli', ...args],
      { env: { PATH: process.env.PATH, HOME: home }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the MCP Inspector CLI against the HTTP transport', () => {
  let engine: Engine;
  let http: HttpServer;
  const home = mkdtempSync(join(tmpdir(), 'cgc-inspector-'));

  beforeAll(async () => {
    if (!existsSync(NODE24) || !existsSync(INSPECTOR)) {
      throw new Error(
        `Node 24 and the MCP Inspector are not in ${CACHE}: run infra/node24/install.sh before the tests`,
      );
    }
    engine = await createEngine({
      config: loadConfig({ env: { CGC_HOME: join(home, 'cgc') } }),
      adapter: () => {
        throw new CgcError('DB_UNAVAILABLE', 'no database in this test');
      },
      builtins: [coreToolsPlugin()],
      discover: false,
    });
    http = await serveHttp(engine, { port: 0, token: 'inspector-token' });
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const auth = ['--header', 'Authorization: Bearer inspector-token'];

  it('lists the core tools', async () => {
    const r = await inspect(
      [`${http.url}/mcp`, '--transport', 'http', ...auth, '--method', 'tools/list'],
      home,
    );
    expect(r.code, r.stderr).toBe(0);
    const names = (JSON.parse(r.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toContain('add_code_to_graph');
    expect(names).toContain('analyze_code_relationships');
  });

  it('calls a tool, and gets a tool error (not a crash) when the database is down', async () => {
    const jobs = await inspect(
      [
        `${http.url}/mcp`,
        '--transport',
        'http',
        ...auth,
        '--method',
        'tools/call',
        '--tool-name',
        'list_jobs',
      ],
      home,
    );
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(JSON.parse(JSON.parse(jobs.stdout).content[0].text)).toMatchObject({ total_jobs: 0 });
    const down = await inspect(
      [
        `${http.url}/mcp`,
        '--transport',
        'http',
        ...auth,
        '--method',
        'tools/call',
        '--tool-name',
        'list_indexed_repositories',
      ],
      home,
    );
    expect(`${down.stdout}${down.stderr}`).toMatch(/DB_UNAVAILABLE: no database in this test/);
  });

  it('is refused without the token', async () => {
    const r = await inspect([`${http.url}/mcp`, '--transport', 'http', '--method', 'tools/list'], home);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/401|nauthori|auth_required/);
  });
});
