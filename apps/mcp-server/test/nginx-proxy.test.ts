import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CgcError, coreToolsPlugin, createEngine, type Engine, loadConfig } from '@cgc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, serveHttp } from '../src/http/serve-http.js';
import { freePort, ROOT } from './e2e-env.js';

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const TOKEN = 'change-me-to-a-long-random-token';

function curl(args: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sk', '-w', '\n%{http_code}', ...args], (err, stdout) => {
      if (err) return reject(err);
      const i = stdout.lastIndexOf('\n');
      resolve({ body: stdout.slice(0, i), status: Number(stdout.slice(i + 1)) });
    });
  });
}

// The reverse-proxy example of infra/proxy, run for real: TLS, its token check, Host rewrite.
describe.runIf(which('nginx') && which('openssl'))(
  'infra/proxy/nginx.conf in front of the HTTP transport (needs nginx)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgc-proxy-test-'));
    let engine: Engine;
    let http: HttpServer;
    let nginx: ReturnType<typeof spawn> | undefined;
    let port: number;

    beforeAll(async () => {
      engine = await createEngine({
        config: loadConfig({ env: { CGC_HOME: join(dir, 'home') } }),
        adapter: () => {
          throw new CgcError('DB_UNAVAILABLE', 'no database in this test');
        },
        builtins: [coreToolsPlugin()],
        discover: false,
      });
      http = await serveHttp(engine, { port: 0 });
      port = await freePort();
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          join(dir, 'privkey.pem'),
          '-out',
          join(dir, 'fullchain.pem'),
        ],
        { stdio: 'ignore' },
      );
      const conf = readFileSync(join(ROOT, 'infra/proxy/nginx.conf'), 'utf8')
        .replaceAll('/etc/ssl/cgc/', `${dir}/`)
        .replaceAll('/tmp/cgc-nginx', `${dir}/nginx`)
        .replace('listen 80;', `listen 127.0.0.1:${await freePort()};`)
        .replace(/^(\s*)listen 443 ssl( http2)?;/m, `$1listen 127.0.0.1:${port} ssl;`)
        .replaceAll('127.0.0.1:8045', `127.0.0.1:${http.port}`)
        .replace('access_log /dev/stdout;', 'access_log off;')
        .replace('error_log /dev/stderr warn;', `error_log ${dir}/error.log warn;`);
      writeFileSync(join(dir, 'nginx.conf'), conf);
      nginx = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let nginxErr = '';
      nginx.stderr?.on('data', (d: Buffer) => {
        nginxErr += d.toString();
      });
      // Up when it relays cgc's health answer (503: this test has no database).
      let last = '';
      for (let i = 0; i < 100; i++) {
        const r = await curl([`https://127.0.0.1:${port}/healthz`]).catch((e: Error) => ({
          status: 0,
          body: e.message,
        }));
        if (r.status === 503) return;
        last = `${r.status} ${r.body}`;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      const log = readFileSync(join(dir, 'error.log'), 'utf8');
      throw new Error(`nginx did not come up on the test configuration: ${last} ${nginxErr}${log}`);
    });
    afterAll(async () => {
      nginx?.kill('SIGQUIT');
      await http?.close();
      await engine?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const rpc = (headers: string[]) =>
      curl([
        `https://127.0.0.1:${port}/mcp`,
        '-H',
        'Content-Type: application/json',
        '-H',
        'Accept: application/json, text/event-stream',
        ...headers.flatMap((h) => ['-H', h]),
        '-d',
        '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      ]);

    it('passes MCP with the token through TLS to cgc, and refuses it without', async () => {
      const okRes = await rpc([`Authorization: Bearer ${TOKEN}`]);
      expect(okRes.status, okRes.body).toBe(200);
      expect(JSON.parse(okRes.body).result.tools.map((t: { name: string }) => t.name)).toContain('find_code');
      const none = await rpc([]);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.body).error.message).toBe('Unauthorized');
    });

    it("keeps cgc's Origin check working behind the proxy", async () => {
      const foreign = await rpc([`Authorization: Bearer ${TOKEN}`, 'Origin: https://evil.example']);
      expect(foreign.status).toBe(403);
    });
  },
);
